"""Resolution of temporal expressions against a publication date (no model needed)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from storyline.time.tagger import resolve


def test_weekday_resolves_to_the_day_before_publication() -> None:
    # Friday 2016-04-15: "arrived Thursday" is the day before
    assert resolve("early Thursday", "2016-04-15")[1:3] == ("2016-04-14", "day")
    assert "START" in resolve("early Thursday", "2016-04-15")[4]


def test_future_tense_looks_ahead() -> None:
    assert resolve("in October", "2016-04-15", "future")[1] == "2016-10"
    assert resolve("in October", "2016-04-15", "past")[1] == "2015-10"


def test_relative_months_and_weeks() -> None:
    assert resolve("last month", "2016-04-15")[1:3] == ("2016-03", "month")
    assert resolve("This week", "2016-04-15")[1:3] == ("2016-W15", "week")
    assert resolve("last December", "2017-02-16")[1] == "2016-12"


def test_durations_are_not_dates() -> None:
    assert resolve("two-day", "2016-04-15")[:2] == ("DURATION", "P2D")
    assert resolve("more than five years", None)[:2] == ("DURATION", "P5Y")


def test_without_publication_date_relative_stays_relative() -> None:
    _kind, value, _gran, anchor, note = resolve("last month", None)
    assert value is None and anchor == "unknown-publication"
    assert note == "last month, relative to an unknown publication date"
    # an expression with its own year needs no anchor
    assert resolve("October 2011", None)[1:4] == ("2011-10", "month", "absolute")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_iso_date_normalizes_to_itself(day: dt.date) -> None:
    iso = day.isoformat()
    assert resolve(iso, "2020-06-15")[1:3] == (iso, "day")
    assert resolve(iso, None)[1:3] == (iso, "day")
