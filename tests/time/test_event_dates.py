"""Dates for events: the governing expression, compatibility, combination."""

from __future__ import annotations

import pytest

from storyline.model import Span, TimeValue
from storyline.time.event_dates import combine_dates, dates_compatible, governing_time


def tv(value: str | None, mod: str = "", ttype: str = "DATE") -> TimeValue:
    return TimeValue(Span("a", 0, 1), "x", ttype, value, "unknown", "publication", "", mod)  # type: ignore[arg-type]


def test_day_refines_month() -> None:
    assert combine_dates(["2015-07", "2015-07-24"]) == ("2015-07-24", "day", ())
    assert combine_dates([tv("2015-07"), tv("2015-07-24"), tv("P2D", ttype="DURATION")]) == (
        "2015-07-24",
        "day",
        (),
    )


def test_incompatible_dates_are_kept_and_flagged_not_averaged() -> None:
    value, gran, conflicts = combine_dates(["2015-07", "2015-07-24", "2015-08-02"])
    assert (value, gran) == ("2015-07-24", "day")
    assert conflicts == ("2015-08-02",)
    two = combine_dates(["2016-04-14", "2016-04-16"])
    assert two.value in ("2016-04-14", "2016-04-16") and len(two.conflicts) == 1
    assert "2016-04-15" not in (two.value, *two.conflicts)


def test_majority_wins_and_year_is_filled_from_a_compatible_value() -> None:
    assert combine_dates(["2016-04-14", "2016-04-14", "2016-04-15"]).value == "2016-04-14"
    assert combine_dates(["XXXX-07-14", "2016-07"]) == ("2016-07-14", "day", ())


def test_nothing_to_date() -> None:
    assert combine_dates([]) == (None, "unknown", ())
    assert combine_dates([None, "PRESENT_REF", "P2D"]) == (None, "unknown", ())
    # a day of unknown year cannot be placed on a calendar on its own
    assert combine_dates(["XXXX-07-14", "XXXX-WXX-4"]) == (None, "unknown", ())


def test_unknown_year_still_flags_a_conflict() -> None:
    assert combine_dates(["2016-07-15", "XXXX-07-14"]) == ("2016-07-15", "day", ("XXXX-07-14",))


def test_time_of_day_combines_as_its_day() -> None:
    assert combine_dates(["2016-04-14TMO", "2016-04"]).value == "2016-04-14"


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("2015-07-24", "2015-07", True),
        ("2015-07-24", "2015-08", False),
        ("2015-W30", "2015-07", True),  # 20-26 July
        ("2015-W27", "2015-07", True),  # 29 June - 5 July straddles the month
        ("2015-W27", "2015-08", False),
        ("2015-SU", "2015-07-04", True),
        ("2015-SU", "2015-10", False),
        ("2015-W14-WE", "2015-04-04", True),  # Saturday of that week
        ("2015-W14-WE", "2015-04-01", False),
        ("2015", "2015-12-31", True),
        ("201", "2015-06", True),  # the 2010s
        ("XXXX-07-14", "2016-07-14", True),
        ("XXXX-07-14", "2016-07-15", False),
        ("XXXX-07-14", "2016-07", True),
        ("XXXX-WXX-4", "2016-04-14", True),  # a Thursday
        ("XXXX-WXX-4", "2016-04-15", False),
        ("XXXX-07", "XXXX-07-14", True),
        ("XXXX-07", "XXXX-08-01", False),
        ("PRESENT_REF", "2016-04-14", True),
        ("P2D", "2016-04-14", True),
    ],
)
def test_dates_compatible(a: str, b: str, ok: bool) -> None:
    assert dates_compatible(a, b) is ok
    assert dates_compatible(b, a) is ok


def test_modifiers_narrow_the_range() -> None:
    assert dates_compatible(tv("2015-07", "END"), "2015-07-28")
    assert not dates_compatible(tv("2015-07", "END"), "2015-07-02")
    assert not dates_compatible(tv("2016-03", "START"), tv("2016-03", "END"))


@pytest.mark.slow
def test_governing_time_prefers_the_triggers_own_clause(nlp) -> None:
    from storyline.time.tagger import tag_doc

    text = (
        "In July, five days after the agreement was reached on July 14, Kerry was asked "
        "about sanctions. Soleimani arrived in Moscow early Thursday morning to meet Putin."
    )
    doc = nlp(text)
    times = tag_doc(doc, "a", "2016-04-15")
    tok = {t.text: t for t in doc}
    reached = governing_time(tok["reached"], times)
    assert reached is not None and reached.text == "July 14"
    asked = governing_time(tok["asked"], times)
    assert asked is not None and asked.text == "July"
    # "meet" is dated by the clause that governs it
    meet = governing_time(tok["meet"], times)
    assert meet is not None and meet.value == "2016-04-14TMO"
    # no expression from another sentence
    arrived = governing_time(
        tok["arrived"], [t for t in times if t.text != "early Thursday morning"]
    )
    assert arrived is None


@pytest.mark.slow
def test_governing_time_skips_durations(nlp) -> None:
    from storyline.time.tagger import tag_doc

    doc = nlp("He left Moscow on Tuesday after two days of talks.")
    times = tag_doc(doc, "a", "2017-02-16")
    left = next(t for t in doc if t.text == "left")
    found = governing_time(left, times)
    assert found is not None and found.text == "Tuesday"
