from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.demo import watchlist_path
from storyline.errors import InputError
from storyline.model import (
    Entity,
    Event,
    EventMention,
    Mention,
    Restriction,
    Span,
    WatchlistEntry,
)
from storyline.watchlist import apply_rules, load_watchlist, screen
from storyline.watchlist.match import NAME_THRESHOLD, loose_keys, name_score
from storyline.watchlist.rules import in_force


def entity(eid: str, name: str, etype: str = "PERSON", aliases: tuple[str, ...] = ()) -> Entity:
    m = Mention(f"m-{eid}", Span("a1", 0, len(name)), name, etype, 0)  # type: ignore[arg-type]
    return Entity(eid, name, etype, aliases, (m,))  # type: ignore[arg-type]


BAN = Restriction("travel_ban", "Resolution 9012 (2021), paragraph 4", "2021-06-30", None)
ENTRY = WatchlistEntry(
    "L-1", "Test list", "Vakhtan Ilyarovich Orzhelyev", ("ORZHELYEV, Vakhtan",), "person",
    nationalities=("Karvessa",), restrictions=(BAN,),
)  # fmt: skip
DECOY = WatchlistEntry("L-2", "Test list", "Davran Orzhelyev", (), "person", restrictions=(BAN,))


def test_transliterated_name_matches_and_decoys_do_not() -> None:
    ents = [
        entity("e1", "Vaktan Orjelev", aliases=("Orjelev",)),
        entity("e2", "Estelle Marrak"),
        entity("e3", "Orzhelev"),  # a surname alone never matches
    ]
    matches = screen(ents, [ENTRY, DECOY])
    assert [(m.entity, m.entry) for m in matches] == [("e1", "L-1")]
    assert matches[0].score >= 0.7 and "worst" in matches[0].features
    assert matches[0].features["threshold"] == 0.7


def test_joined_parts_particles_and_romanisations_match() -> None:
    # one part for two joined ones, "ould"/"walad" as particles, Arabic romanisations
    for a, b in [
        ("Abd al-Rahman Muhammad Zafir", "Abdelrahman Mouhamad Zafir"),
        ("Abdul Rahim Tarvessi", "Abdurrahim Tarvessi"),
        ("Mahfouz Ould Al-Walid", "Mafouz Walad Al-Walid"),
        ("Tawfiq Rifqi", "Taufik Rifki"),
    ]:
        assert name_score(a, b) >= NAME_THRESHOLD, (a, b)
    # another given name or surname sharing letters is not the same person
    assert name_score("Abd al-Rahman Qaradi", "Abd al-Karim Qaradi") < NAME_THRESHOLD
    assert name_score("Hamid Karzai", "Hamid Kazemi") < NAME_THRESHOLD


def test_loose_keys_pair_romanisations_only() -> None:
    assert loose_keys("tawfiq") & loose_keys("taufik")  # w for a vowel
    assert loose_keys("ubaydah") & loose_keys("obeida")  # silent final h
    assert loose_keys("qaddafi") & loose_keys("gaddafi")  # g for q
    assert loose_keys("mochammad") & loose_keys("muhammad")  # old Indonesian "ch"
    assert not loose_keys("karzai") & loose_keys("kazemi")


def test_screening_finds_a_name_written_with_joined_parts() -> None:
    listed = WatchlistEntry("L-3", "Test list", "Abd al-Rahman Qaradi", (), "person")
    decoy = WatchlistEntry("L-4", "Test list", "Abd al-Karim Qaradi", (), "person")
    ents = [entity("e1", "Abdelrahman Qaradi"), entity("e2", "El Shafee Elsheikh")]
    shafee = WatchlistEntry("L-5", "Test list", "Elshafee El Sheikh", (), "person")
    matches = screen(ents, [listed, decoy, shafee])
    assert sorted((m.entity, m.entry) for m in matches) == [("e1", "L-3"), ("e2", "L-5")]


def _travel(date: str | None, polarity: str = "asserted", lemma: str = "fly") -> Event:
    # "Vaktan Orjelev flew to Port Sallowmere": name, then trigger, then destination
    m = EventMention("em", Span("a1", 0, 40), Span("a1", 15, 19), lemma, "travel", ("e1", "p1"),
                     None, polarity)  # type: ignore[arg-type]  # fmt: skip
    return Event("ev", "travel", "travel", date, "day", ("e1", "p1"), (m,), ("a1",))


def test_travel_ban_rule() -> None:
    ents = [entity("e1", "Vaktan Orjelev"), entity("p1", "Port Sallowmere", "GPE")]
    matches = screen(ents, [ENTRY])
    alerts = apply_rules([_travel("2024-03-12")], ents, [ENTRY], matches)
    assert len(alerts) == 1 and alerts[0].restriction == BAN
    assert alerts[0].evidence == (Span("a1", 0, 40),)
    assert "Port Sallowmere" in alerts[0].explanation
    # before the listing, denied, a return home, or travel only within the home country: no alert
    assert apply_rules([_travel("2020-01-05")], ents, [ENTRY], matches) == []
    assert apply_rules([_travel("2024-03-12", "denied")], ents, [ENTRY], matches) == []
    assert apply_rules([_travel("2024-03-12", lemma="return")], ents, [ENTRY], matches) == []
    home = [ents[0], entity("p1", "Karvessa", "GPE")]
    assert apply_rules([_travel("2024-03-12")], home, [ENTRY], screen(home, [ENTRY])) == []


def test_in_force_compares_at_the_dates_precision() -> None:
    r = Restriction("travel_ban", "x", "2021-06-30", "2023-12-31")
    assert in_force(r, "2021-06") and in_force(r, "2021") and in_force(r, None)
    assert not in_force(r, "2021-05-01") and not in_force(r, "2024")


def test_demo_watchlist_loads() -> None:
    entries = load_watchlist(watchlist_path())
    assert any(e.type == "organization" for e in entries)
    assert all(e.list_name == "Demo Security Council Consolidated List" for e in entries)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"entries": [', "invalid JSON"),
        ('{"list_name": "x"}', "expected an object with an 'entries' list"),
        ('{"entries": [{"id": "1"}]}', "needs an 'id' and a 'name'"),
        ('{"entries": [{"id": "1", "name": "A B", "restrictions": [{"kind": "curfew"}]}]}',
         "restriction kind must be one of"),
    ],
)  # fmt: skip
def test_bad_watchlists_are_refused_with_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "list.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as exc:
        load_watchlist(path)
    assert str(path) in str(exc.value)
    json.dumps(str(exc.value))
