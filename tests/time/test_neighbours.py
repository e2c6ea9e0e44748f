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
