"""Resolution of single temporal expressions against a publication date (no parse needed)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.time.tagger import resolve


def test_weekday_resolves_to_the_day_before_publication() -> None:
    # Friday 2016-04-15: "arrived Thursday" is the day before
    r = resolve("early Thursday", "2016-04-15")
    assert (r.value, r.granularity, r.mod, r.anchor) == (
        "2016-04-14",
        "day",
        "START",
        "publication",
    )
    morning = resolve("early Thursday morning", "2016-04-15")
    assert (morning.type, morning.value, morning.mod) == ("TIME", "2016-04-14TMO", "START")
    # The Tower, Thursday 2017-02-16: "on Tuesday" is 2017-02-14
    assert resolve("Tuesday", "2017-02-16").value == "2017-02-14"
    # a weekday that is the publication day itself
    assert resolve("Friday", "2016-04-15").value == "2016-04-15"


def test_future_tense_looks_ahead() -> None:
    assert resolve("in October", "2016-04-15", "future").value == "2016-10"
    assert resolve("in October", "2016-04-15", "past").value == "2015-10"
    assert resolve("Tuesday", "2017-02-16", "future").value == "2017-02-21"


def test_relative_months_weeks_seasons() -> None:
    assert resolve("last month", "2016-04-15")[1:3] == ("2016-03", "month")
    assert resolve("last month", "2015-08-07").value == "2015-07"
    assert resolve("This week", "2016-04-15")[1:3] == ("2016-W15", "week")
    assert resolve("last December", "2017-02-16").value == "2016-12"
    assert resolve("last weekend", "2016-04-15")[1:3] == ("2016-W14-WE", "week")
    assert resolve("last summer", "2013-03-22")[1:3] == ("2012-SU", "season")
    assert resolve("the summer of 2015", None)[1:4] == ("2015-SU", "season", "absolute")
    assert resolve("two years ago", "2016-04-15")[1:3] == ("2014", "year")


def test_modifiers() -> None:
    late = resolve("late July", "2015-08-07")
    assert (late.value, late.granularity, late.mod) == ("2015-07", "month", "END")
    assert resolve("early March", "2016-04-15")[1:] == (
        "2016-03",
        "month",
        "publication",
        "",
        "START",
    )
    assert resolve("mid-November", "2016-04-15").mod == "MID"
    assert resolve("almost seven years", None)[:2] == ("DURATION", "P7Y")
    assert resolve("almost seven years", None).mod == "LESS_THAN"


def test_durations_and_sets_are_not_dates() -> None:
    assert resolve("two-day", "2016-04-15")[:2] == ("DURATION", "P2D")
    more = resolve("more than five years", None)
    assert (more.type, more.value, more.mod) == ("DURATION", "P5Y", "MORE_THAN")
    assert resolve("two decades", None).value == "P20Y"
    assert resolve("several years", None).value == "PXY"
    assert resolve("every Monday", "2016-04-15")[:2] == ("SET", "XXXX-WXX-1")


def test_present_reference() -> None:
    assert resolve("now", "2016-04-15")[:2] == ("DATE", "PRESENT_REF")


def test_without_publication_date_relative_stays_relative() -> None:
    r = resolve("last month", None)
    assert r.value is None and r.anchor == "unknown-publication"
    assert r.note == "the month before publication"
    thursday = resolve("Thursday", None)
    assert thursday.value == "XXXX-WXX-4" and thursday.note == "the Thursday before publication"
    assert resolve("yesterday", None).note == "the day before publication"
    assert resolve("next week", None).note == "the week after publication"
    # a day and month without a year keep the unknown year
    july = resolve("July 14", None)
    assert (july.value, july.granularity, july.anchor) == (
        "XXXX-07-14",
        "day",
        "unknown-publication",
    )
    # an expression with its own year needs no anchor
    assert resolve("October 2011", None)[1:4] == ("2011-10", "month", "absolute")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_iso_date_normalizes_to_itself(day: dt.date) -> None:
    iso = day.isoformat()
    assert resolve(iso, "2020-06-15")[1:3] == (iso, "day")
    assert resolve(iso, None)[1:4] == (iso, "day", "absolute")


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 1)))
def test_iso_month_normalizes_to_itself(day: dt.date) -> None:
    iso = day.isoformat()[:7]
    assert resolve(iso, "2020-06-15")[1:3] == (iso, "month")
