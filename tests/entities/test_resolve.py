"""Entity resolution through the real spaCy model, on short reports written for these tests."""

from __future__ import annotations

import pytest

from storyline.entities.resolve import resolve_entities, undo_merge
from storyline.model import AnnotatedArticle, Article

pytestmark = pytest.mark.slow

REPORTS = {
    "r1": (
        "Iranian General Qasem Soleimani flew to Moscow on Monday to meet Russian President "
        "Vladimir Putin. Soleimani’s visit was his second this year. The Islamic Revolutionary "
        "Guard Corps-Qods Force, which Soleimani commands, did not comment. Officials said the "
        "Iranian general left after one day."
    ),
    "r2": (
        "Maj. Gen. Qassem Suleimani, the commander of Iran’s Quds Force, met Putin in the "
        "Kremlin. The Iranian Revolutionary Guards Corps-Quds Force (IRGC-QF) runs operations "
        "abroad. The IRGC-QF answers to the supreme leader. Analysts say the Russian president "
        "wants Iran’s help in Syria."
    ),
    "r3": (
        "Sohrab Soleimani, a prison official in Tehran, was sanctioned by the European Union. "
        "Soleimani, who ran the Tehran prisons, denied the charges."
    ),
}


@pytest.fixture(scope="module")
def entities():
    from storyline.annotate import load_nlp

    nlp = load_nlp()
    items = [AnnotatedArticle(Article(id=k, text=t), nlp(t)) for k, t in REPORTS.items()]
    return resolve_entities(items)


def named(entities, text: str):
    found = [e for e in entities if text in (e.name, *e.aliases)]
    assert len(found) == 1, (text, [(e.name, e.aliases) for e in found])
    return found[0]


def test_transliterations_titles_and_possessives_join_one_person(entities) -> None:
    qasem = named(entities, "Qasem Soleimani")
    assert qasem is named(entities, "Qassem Suleimani")
    assert qasem.type == "PERSON"
    starts = {(m.span.article, m.span.start) for m in qasem.mentions}
    r1 = REPORTS["r1"]
    assert ("r1", r1.index("Soleimani’s")) in starts  # the possessive, surname only
    # "which Soleimani commands": tagged a group (NORP) by the model, still him
    assert ("r1", r1.index("Soleimani commands")) in starts
    assert qasem.articles == ("r1", "r2")
    assert "general" in qasem.roles and "ir" in qasem.nationalities


def test_same_surname_different_person_stays_apart(entities) -> None:
    sohrab = named(entities, "Sohrab Soleimani")
    assert sohrab is not named(entities, "Qasem Soleimani")
    # the surname alone in r3 is Sohrab, the person named there
    assert any(m.text == "Soleimani" and m.span.article == "r3" for m in sohrab.mentions)


def test_descriptions_join_the_person_they_describe(entities) -> None:
    qasem = named(entities, "Qasem Soleimani")
    described = [m for m in qasem.mentions if m.kind == "description"]
    assert [m.text for m in described] == ["the Iranian general"]
    putin = named(entities, "Vladimir Putin")
    assert "the Russian president" in {m.text for m in putin.mentions}
    merge = next(m for m in putin.merges if m.rule == "description")
    assert merge.features["role"].startswith("president")


def test_compound_names_and_defined_acronyms_join_the_force(entities) -> None:
    force = named(entities, "Qods Force")
    texts = {m.text for m in force.mentions} | {force.name, *force.aliases}
    assert {"Qods Force", "Quds Force", "IRGC-QF"} <= texts
    assert sum(m.text == "IRGC-QF" for m in force.mentions) == 2  # defined, then used
    rules = {m.rule for m in force.merges}
    assert "acronym-defined" in rules
    # the parent named in the compound is an entity of its own
    corps = named(entities, "Islamic Revolutionary Guard Corps")
    assert corps is not force and corps is named(entities, "Iranian Revolutionary Guards Corps")


def test_every_merge_is_recorded_and_can_be_undone(entities) -> None:
    qasem = named(entities, "Qasem Soleimani")
    assert len(qasem.merges) == len(qasem.mentions) - 1  # a tree over the mentions
    ids = {m.id for m in qasem.mentions}
    assert all(m.left_mention in ids and m.right_mention in ids for m in qasem.merges)
    across = next(m for m in qasem.merges if m.rule == "same-name")
    assert "skeleton" in across.features
    left, right = undo_merge(qasem, across)
    assert {left.articles, right.articles} == {("r1",), ("r2",)}
    assert len(left.mentions) + len(right.mentions) == len(qasem.mentions)
    assert len(left.merges) + len(right.merges) == len(qasem.merges) - 1
    assert left.id != right.id


def test_titles_weapons_credits_and_places_the_tagger_misreads() -> None:
    from storyline.annotate import load_nlp

    nlp = load_nlp()
    texts = {
        "t": (
            "The force reports directly to the country's Supreme Leader Ida Marsh. Secretary "
            "of State Arlo Venn said Corvian militias have been delivering Improvised Explosive "
            "Devices to fighters in the hills.\n\n[Photo: ali javid / YouTube ]"
        ),
        # the tagger reads "Palmyra" here as a person
        "p": "Government troops fought militants near the old city of Palmyra, a sign that "
        "the war is far from over.",
        "w": "He flew to Moscow in 2015 to negotiate Russia's entry into the Syrian Civil War.",
    }
    items = [AnnotatedArticle(Article(id=k, text=t), nlp(t)) for k, t in texts.items()]
    kinds = {e.name: e.type for e in resolve_entities(items)}
    # title words are no organisations, a weapon is none either, a credit names no one
    assert not {"Supreme", "State", "Improvised Explosive Devices"} & set(kinds), kinds
    assert not [n for n in kinds if n.endswith("Civil War")], kinds
    assert not any(n.lower() == "ali javid" for n in kinds), kinds
    assert kinds.get("Palmyra") == "GPE", kinds
    assert kinds.get("Arlo Venn") == "PERSON" and kinds.get("Ida Marsh") == "PERSON", kinds


def test_the_adjective_of_a_named_country_is_no_person() -> None:
    from storyline.annotate import load_nlp

    nlp = load_nlp()
    text = (
        "Arlo Venn flew from Karvessa to Lanport. The Karvessan general met officials. "
        "Karvessan officials declined to comment. He mobilised thousands of Iraqis, "
        "Afghans, and Pakistanis to fight in Syria."
    )
    kinds = {
        e.name: e.type
        for e in resolve_entities([AnnotatedArticle(Article(id="k", text=text), nlp(text))])
    }
    assert "Karvessan" not in kinds and kinds.get("Karvessa") in ("GPE", "LOC"), kinds
    assert not {"Iraqis", "Afghans", "Pakistanis"} & set(kinds), kinds
    assert kinds.get("Syria") == "GPE", kinds


def test_a_name_someone_is_in_or_set_beside_a_capital_is_a_place() -> None:
    from storyline.annotate import annotate

    texts = {
        # the small tagger takes "Orvane" for a person or an organisation in some of these
        "a": "General Arvid Kessel was in Orvane on Monday. Orvane, the Talmarian capital, "
        "has said nothing.",
        "b": "Last month Kessel was seen in Orvane, the capital of Talmaria.",
        "c": "Talmaria's defence ministry said the Talmarian government would not comment.",
        "p": "Kessel landed at the Sallowmere military airfield and was driven to Port Sallowmere.",
        # a surname that is also a country stays the person's
        "d": "Coach Ryan Jordan left for Amman. Jordan said Jordanian fans were kind.",
    }
    items = annotate([Article(id=k, text=t, published="2024-02-16") for k, t in texts.items()])
    entities = resolve_entities(items)
    kinds: dict[str, set[str]] = {}
    for e in entities:
        kinds.setdefault(e.name, set()).add(e.type)
    assert kinds.get("Orvane") == {"GPE"}, kinds
    assert kinds.get("Talmaria") == {"GPE"}, kinds
    assert kinds.get("Arvid Kessel") == {"PERSON"}, kinds
    assert kinds.get("Sallowmere") == {"GPE"}, kinds
    assert "Ryan Jordan" in kinds and kinds["Ryan Jordan"] == {"PERSON"}, kinds
    jordan = next(e for e in entities if e.name == "Ryan Jordan")
    assert any(m.text == "Jordan" for m in jordan.mentions), jordan


def test_an_outlet_short_form_joins_its_full_name() -> None:
    from storyline.annotate import annotate

    texts = {
        "a": "General Arvid Kessel flew to Orvane, multiple sources told Fox News on Friday.",
        "b": "Kessel arrived in Orvane on Tuesday, Fox reported, citing officials.",
    }
    entities = resolve_entities(annotate([Article(id=k, text=t) for k, t in texts.items()]))
    fox = [e for e in entities if e.name.startswith("Fox")]
    assert len(fox) == 1 and {"Fox", "Fox News"} <= {fox[0].name, *fox[0].aliases}, fox


def test_a_person_read_into_an_organisation_after_a_title_is_split_off() -> None:
    from storyline.annotate import annotate

    text = (
        "After a meeting of the United Nations in Geneva, U.S. Ambassador to the United "
        "Nations Ida Marsh said the administration is tracking down the facts. The United "
        "Nations Security Council met on Friday."
    )
    entities = resolve_entities(annotate([Article(id="u", text=text)]))
    kinds = {e.name: e.type for e in entities}
    assert kinds.get("Ida Marsh") == "PERSON", kinds
    assert kinds.get("United Nations") == "ORG", kinds
    assert not [n for n in kinds if "Marsh" in n and n != "Ida Marsh"], kinds
    # an organisation's own longer name is not split ("Security Council" is no person)
    assert "Security Council" not in kinds, kinds
    marsh = next(e for e in entities if e.name == "Ida Marsh")
    m = marsh.mentions[0]
    assert text[m.span.start : m.span.end] == "Ida Marsh"
