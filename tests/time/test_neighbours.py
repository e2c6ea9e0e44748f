"""Expressions read with the words beside them (time.neighbours, and the tense of a
scheduled present), on sentences written for these tests and parsed by the real spaCy
model. The default publication date is Friday 2016-04-15."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def by_text(found):
    return {t.text: t for t in found}


def test_both_years_of_a_from_to_range(tag) -> None:
    found = by_text(tag("The deficit grew every year from 2009 to 2012, the report said."))
    assert found["2009"].value == "2009"
    assert (found["2012"].type, found["2012"].value) == ("DATE", "2012")


def test_a_range_of_counts_is_not_a_pair_of_years(tag) -> None:
    found = tag("Troop numbers rose from 1500 to 2000 soldiers over the summer.")
    assert not [t for t in found if t.text in ("1500", "2000")]


def test_this_past_season_is_the_latest_one(tag) -> None:
    found = by_text(
        tag(
            "The plant closed this past spring, and a new owner took over this past April.",
            "2016-10-20",
        )
    )
    assert found["this past spring"].value == "2016-SP"
    assert found["this past April"].value == "2016-04"


def test_this_past_month_not_yet_come_is_last_years(tag) -> None:
    found = by_text(tag("He won the seat this past November.", "2016-04-15"))
    assert found["this past November"].value == "2015-11"


def test_bare_units_before_a_signal_are_spans_of_time(tag) -> None:
    found = by_text(
        tag("Hours later, the bridge collapsed. Days after the vote, the minister resigned.")
    )
    assert (found["Hours"].type, found["Hours"].value) == ("DURATION", "PTXH")
    assert found["Days"].value == "PXD"


def test_a_matter_of_days_is_left_alone(tag) -> None:
    found = tag("It is a matter of days before the deal collapses.")
    assert not [t for t in found if t.text.lower() == "days"]


def test_zoned_24_hour_clock_is_a_time_not_a_year(tag) -> None:
    found = by_text(tag("The ceasefire began at 0600 GMT, the army said."))
    assert (found["0600 GMT"].type, found["0600 GMT"].value) == ("TIME", "2016-04-15T06:00")
    (t,) = tag("Polls closed at 1900 GMT.")
    assert (t.type, t.value) == ("TIME", "2016-04-15T19:00")


def test_zoned_clock_restated_in_brackets_is_not_marked(tag) -> None:
    found = tag("The blast came at 10:35 a.m. (0735 GMT), witnesses said.")
    assert [t.text for t in found] == ["10:35 a.m."]


def test_record_set_on_a_date_looks_back(tag) -> None:
    found = by_text(tag("The index is 70 points below its record high set on Aug. 6."))
    assert found["Aug. 6"].value == "2015-08-06"
    found = by_text(tag("The referendum, set for Aug. 6, will decide the matter."))
    assert found["Aug. 6"].value == "2016-08-06"


def test_scheduled_present_looks_ahead(tag) -> None:
    found = by_text(tag("The summit opens Monday in Brussels.", "2016-04-13"))
    assert found["Monday"].value == "2016-04-18"
    found = by_text(tag("The talks collapsed on Monday in Brussels.", "2016-04-13"))
    assert found["Monday"].value == "2016-04-11"


def test_counted_span_after_in_or_within_is_a_duration(tag) -> None:
    found = by_text(
        tag(
            "The index lost 900 points in thirty minutes and 1,200 points in one day. "
            "The firm must find a partner within 30 days."
        )
    )
    assert (found["thirty minutes"].type, found["thirty minutes"].value) == ("DURATION", "PT30M")
    assert (found["one day"].type, found["one day"].value) == ("DURATION", "P1D")
    assert (found["30 days"].type, found["30 days"].value) == ("DURATION", "P30D")


def test_month_and_quarter_of_a_relative_year(tag) -> None:
    found = by_text(
        tag(
            "The group bought the stake in April of last year. Sales are the best since June "
            "of this year. In the first quarter of last year the bank lost money."
        )
    )
    assert (found["April of last year"].type, found["April of last year"].value) == (
        "DATE",
        "2015-04",
    )
    assert found["June of this year"].value == "2016-06"
    assert found["the first quarter of last year"].value == "2015-Q1"


def test_every_quarter_is_a_set(tag) -> None:
    found = by_text(tag("The company pays a dividend every quarter."))
    assert (found["every quarter"].type, found["every quarter"].value) == ("SET", "P1Q")


def test_final_day_is_not_yesterday(tag) -> None:
    found = tag("His last day in office was Feb. 28. Rain fell on the last day of the trial.")
    assert [t.text for t in found] == ["Feb. 28"]


def test_record_set_in_a_passive_past_looks_back(tag) -> None:
    found = by_text(
        tag("The record was set on Oct. 18, and the talks are set to resume on Aug. 6.")
    )
    assert found["Oct. 18"].value == "2015-10-18"
    assert found["Aug. 6"].value == "2016-08-06"


def test_index_levels_with_thousands_are_not_clock_times(tag) -> None:
    found = tag("The Nasdaq lost 25 points, closing at 1,442.82, and the Dow ended at 8,017.")
    assert not [t for t in found if t.type == "TIME"]
    (t,) = tag("The index rose to 9,505.96 by 4 p.m.")
    assert (t.text, t.value) == ("4 p.m.", "2016-04-15T16:00")


def test_and_a_half_keeps_its_whole_count(tag) -> None:
    found = by_text(tag("The jet is two and a half years behind schedule."))
    assert found["two and a half years"].value == "P2Y6M"


def test_year_of_a_named_event_is_a_date(tag) -> None:
    found = by_text(tag("Spain won the 2010 World Cup. The UN passed Resolution 1747 in March."))
    assert found["2010"].value == "2010"
    assert "1747" not in found
