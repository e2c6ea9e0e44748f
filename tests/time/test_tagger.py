"""The tagger over real parses: what it finds, what it leaves alone, and where it anchors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def by_text(found):
    return {t.text: t for t in found}


def test_explicit_dates_and_their_granularity(tag) -> None:
    found = by_text(tag("The deal was signed on 14 July 2015 and reviewed in October 2011."))
    assert found["14 July 2015"].value == "2015-07-14"
    assert found["14 July 2015"].granularity == "day"
    assert found["14 July 2015"].anchor == "absolute"
    assert (found["October 2011"].value, found["October 2011"].granularity) == ("2011-10", "month")


def test_offsets_quote_the_text(tag) -> None:
    text = "Soleimani arrived in Moscow from Tehran early Thursday morning via private jet."
    (t,) = tag(text)
    assert text[t.span.start : t.span.end] == t.text == "early Thursday morning"
    assert (t.type, t.value, t.mod, t.anchor) == ("TIME", "2016-04-14TMO", "START", "publication")


def test_tense_decides_direction(tag) -> None:
    past = by_text(tag("The ban was lifted in October.", "2016-04-15"))
    future = by_text(tag("The ban will be lifted in October.", "2016-04-15"))
    assert past["October"].value == "2015-10"
    assert future["October"].value == "2016-10"
    weekday_future = by_text(tag("He will fly to Moscow on Tuesday.", "2017-02-16"))
    weekday_past = by_text(tag("He flew to Moscow on Tuesday.", "2017-02-16"))
    assert weekday_past["Tuesday"].value == "2017-02-14"
    assert weekday_future["Tuesday"].value == "2017-02-21"


def test_relative_expressions_against_publication(tag) -> None:
    found = by_text(
        tag(
            "Putin ordered a withdrawal last month. Last weekend, Khamenei tweeted. "
            "This week, Russia sent a component. In early March, Russia pulled out jets.",
        )
    )
    assert found["last month"].value == "2016-03"
    assert found["Last weekend"].value == "2016-W14-WE"
    assert found["This week"].value == "2016-W15"
    assert (found["early March"].value, found["early March"].mod) == ("2016-03", "START")


def test_durations_sets_seasons_and_present(tag) -> None:
    found = by_text(
        tag(
            "After more than five years of war, the talks held every Monday resumed in the "
            "summer of 2015. He had planned a two-day trip. It is now over.",
        )
    )
    years = found["more than five years"]
    assert (years.type, years.value, years.mod) == ("DURATION", "P5Y", "MORE_THAN")
    assert (found["every Monday"].type, found["every Monday"].value) == ("SET", "XXXX-WXX-1")
    assert (found["the summer of 2015"].value, found["the summer of 2015"].granularity) == (
        "2015-SU",
        "season",
    )
    assert found["two-day"].value == "P2D"
    assert found["now"].value == "PRESENT_REF"


def test_may_the_month_and_may_the_verb(tag) -> None:
    found = by_text(tag("Officials may meet again, he said in May 2015.", "2016-04-15"))
    assert list(found) == ["May 2015"]
    assert found["May 2015"].value == "2015-05"
    assert tag("The minister may resign.", "2016-04-15") == []


def test_names_that_look_like_dates_are_left_alone(tag) -> None:
    assert tag("The Sunday Times reported the story.", "2016-04-15") == []
    assert tag("Senator John March voted against the bill.", "2016-04-15") == []
    found = tag("Secretary of State Theresa May spoke to Mr March on Friday.", "2016-04-15")
    assert [(t.text, t.value) for t in found] == [("Friday", "2016-04-15")]


def test_numbers_that_are_not_years(tag) -> None:
    found = tag(
        "He is banned by Security Council Resolution 1747, passed in 2007, and 1500 troops "
        "were sent.",
        "2017-02-16",
    )
    assert [(t.text, t.value) for t in found] == [("2007", "2007")]


def test_index_levels_and_ages_are_not_dates(tag) -> None:
    found = tag(
        "The benchmark index slipped to 1734.85 on Tuesday. Raised in the 1970s, the singer "
        "took up painting in her late forties and his brother in his 30s.",
        "2016-04-15",
    )
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2016-04-12"), ("1970s", "197")]


def test_plans_in_the_past_perfect_and_deferrals(tag) -> None:
    # Published on Wednesday 2016-04-13.
    def value(text: str) -> str | None:
        (t,) = tag(text, "2016-04-13")
        return t.value

    assert value("The tender offer had been scheduled to lapse on Friday.") == "2016-04-08"
    assert value("The tender offer is scheduled to lapse on Friday.") == "2016-04-15"
    assert value("The ceasefire had been due to end Friday night.") == "2016-04-08TNI"
    assert value("The mayor has scheduled a press briefing Thursday.") == "2016-04-14"
    assert value("The court adjourned the trial until Monday.") == "2016-04-18"
    assert value("Regulators pushed back their ruling until 10 a.m. Monday.") == "2016-04-18T10:00"


def test_this_coming_weekday_is_the_first_one_ahead(tag) -> None:
    (t,) = tag("The referendum is this coming Saturday.", "2016-04-13")
    assert t.value == "2016-04-16"


def test_coordinated_days_share_the_month(tag) -> None:
    found = tag("Delegates meet on June 8 and 9, and again June 20-22. The vote is June 30.")
    assert [(t.text, t.value) for t in found] == [
        ("June 8", "2016-06-08"),
        ("9", "2016-06-09"),
        ("June 20", "2016-06-20"),
        ("22", "2016-06-22"),
        ("June 30", "2016-06-30"),
    ]
    assert [t.text for t in tag("Polls close on June 8 and 12 monitors stay.")] == ["June 8"]


def test_without_publication_date_nothing_is_resolved_against_the_clock(tag) -> None:
    found = by_text(
        tag(
            "Soleimani flew to Moscow on Tuesday, a month after the deal of July 14. "
            "Last month he was in Aleppo. In October 2011 he was named.",
            None,
        )
    )
    tuesday = found["Tuesday"]
    assert (tuesday.value, tuesday.anchor) == ("XXXX-WXX-2", "unknown-publication")
    assert tuesday.note == "the Tuesday before publication"
    assert (found["July 14"].value, found["July 14"].granularity) == ("XXXX-07-14", "day")
    assert found["Last month"].value is None
    assert found["Last month"].note == "the month before publication"
    assert (found["October 2011"].value, found["October 2011"].anchor) == ("2011-10", "absolute")
