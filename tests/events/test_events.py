"""Event mentions and events on short reports written for these tests (real spaCy model)."""

from __future__ import annotations

import pytest

from storyline.annotate import annotate
from storyline.entities.resolve import resolve_entities
from storyline.events.cluster import cluster_events
from storyline.events.extract import extract_event_mentions
from storyline.model import Article
from storyline.time.event_dates import dates_compatible
from storyline.time.tagger import tag_times

pytestmark = pytest.mark.slow


def run(*articles: Article):
    items = annotate(list(articles))
    entities = resolve_entities(items)
    mentions = extract_event_mentions(items, entities, tag_times(items))
    events = cluster_events(mentions, entities, items)
    texts = {a.id: a.text for a in articles}
    names = {e.id: e.name for e in entities}
    return mentions, events, texts, names


def quote(texts: dict[str, str], span) -> str:
    return texts[span.article][span.start : span.end]


def test_roles_time_and_attribution() -> None:
    text = (
        "Defence minister Arlo Venn flew to Corvia from Lanport on Thursday aboard a military "
        "jet to meet President Ida Marsh, two officials told the Harbour Ledger."
    )
    mentions, _, texts, names = run(Article(id="a", text=text, published="2024-03-08"))
    fly = next(m for m in mentions if m.lemma == "fly")
    roles = {r.role: (quote(texts, r.span), names.get(r.entity or "")) for r in fly.roles}
    assert roles["agent"][1] == "Arlo Venn"
    assert roles["destination"] == ("Corvia", "Corvia")
    assert roles["origin"] == ("Lanport", "Lanport")
    assert roles["vehicle"][0] == "a military jet"
    assert roles["purpose"][0].startswith("to meet President Ida Marsh")
    assert fly.time is not None and fly.time.value == "2024-03-07"
    assert fly.modality == "reported"
    assert quote(texts, fly.attribution) == "two officials told the Harbour Ledger"
    meet = next(m for m in mentions if m.lemma == "meet")
    assert {names.get(r.entity or "") for r in meet.roles} >= {"Arlo Venn", "Ida Marsh"}


def test_a_noun_in_apposition_restates_the_verbs_event() -> None:
    text = (
        "Arlo Venn had previously flown to Corvia in October, a trip the government has "
        "never explained."
    )
    mentions, events, _, names = run(Article(id="r", text=text, published="2024-02-16"))
    trip = next(m for m in mentions if m.lemma == "trip")
    # the noun takes the verb's date and people, so it cannot become an undated trip of its own
    assert trip.time is not None and trip.time.value == "2023-10"
    assert {names[p] for p in trip.participants} >= {"Arlo Venn", "Corvia"}
    travel = [e for e in events if e.type == "travel"]
    assert len(travel) == 1 and len(travel[0].mentions) == 2


def test_forbidden_and_hypothetical_acts_are_not_reported_as_done() -> None:
    text = (
        "Arlo Venn is banned from traveling to Lanport. Officials asked whether Arlo Venn "
        "would fly to Corvia."
    )
    mentions, events, _, _ = run(Article(id="f", text=text, published="2024-03-08"))
    assert next(m for m in mentions if m.lemma == "travel").polarity == "negated"
    assert next(m for m in mentions if m.lemma == "fly").modality == "planned"
    lifted = run(Article(id="g", text="Arlo Venn had sanctions against him dropped.",
                         published="2024-03-08"))[0]  # fmt: skip
    # the sanctions being lifted are the lifting's object, not a new sanction
    assert [m.type for m in lifted] == ["lift-sanctions"]
    # the ban itself is a sanction aimed at him; the forbidden trip forms no event
    ban = next(m for m in mentions if m.lemma == "ban")
    assert ban.type == "sanction" and [r.role for r in ban.roles] == ["patient"]
    assert all(m.lemma != "travel" for e in events for m in e.mentions)


def test_a_pronoun_goes_to_the_person_the_story_is_about() -> None:
    text = (
        "General Arlo Venn flew to Corvia on Monday. Venn has been under a travel ban since "
        "2021. The reporter Mara Quill said crowds gathered at the airport. He met President "
        "Ida Marsh on Tuesday."
    )
    mentions, _, _, names = run(Article(id="p", text=text, published="2024-03-08"))
    met = next(m for m in mentions if m.lemma == "meet")
    # the latest subject is the reporter; the story, and the pronoun, are about the general
    assert {names[p] for p in met.participants} == {"Arlo Venn", "Ida Marsh"}


def test_a_coordinated_clause_with_its_own_subject_is_not_part_of_the_act() -> None:
    text = (
        "General Arlo Venn is under a travel ban. In October he flew to Moscow for talks, "
        "and last month he was seen in Paris."
    )
    mentions, _, _, names = run(Article(id="c", text=text, published="2024-03-18"))
    fly = next(m for m in mentions if m.lemma == "fly")
    assert {names[p] for p in fly.participants} == {"Arlo Venn", "Moscow"}
    assert fly.time is not None and fly.time.value == "2023-10"


def test_a_denial_does_not_reach_the_visit_that_sets_the_denied_meeting_in_time() -> None:
    text = (
        "The Corvian foreign ministry denied that Ida Marsh met Arlo Venn during his visit to "
        "Lanport last week."
    )
    mentions, _, _, _ = run(Article(id="d", text=text, published="2024-03-18"))
    assert next(m for m in mentions if m.lemma == "meet").polarity == "denied"
    assert next(m for m in mentions if m.lemma == "visit").polarity == "asserted"


def test_denial_negation_and_cancellation() -> None:
    text = (
        "The Corvian foreign ministry denied that Arlo Venn met Ida Marsh. "
        "Arlo Venn did not travel to Lanport. Arlo Venn cancelled a trip to Westmarch."
    )
    mentions, events, texts, _ = run(Article(id="b", text=text, published="2024-03-08"))
    met = next(m for m in mentions if m.lemma == "meet")
    assert met.polarity == "denied"
    assert quote(texts, met.denied_by) == "The Corvian foreign ministry"
    travel = next(m for m in mentions if m.lemma == "travel")
    assert travel.polarity == "negated"
    trip = next(m for m in mentions if m.lemma == "trip")
    assert trip.modality == "cancelled"
    # neither the negated nor the cancelled trip is an event that happened
    assert all(e.type != "travel" for e in events)


def test_once_again_is_the_newest_trip_and_no_report_tells_of_a_later_one() -> None:
    fresh = Article(
        id="fresh",
        published="2016-04-15",
        text=(
            "Defence minister Arlo Venn traveled to Corvia once again to meet officials. "
            "Venn arrived in Corvia early Thursday morning. Since his last visit to Corvia in "
            "July, Venn has been seen at the front."
        ),
    )
    old = Article(
        id="old",
        published="2015-08-07",
        text="Arlo Venn visited Corvia in late July. It was a rare trip to Corvia by Venn.",
    )
    _, events, texts, _ = run(fresh, old)
    by_trigger = {quote(texts, m.trigger): e.date for e in events for m in e.mentions}
    # "once again" is this week's trip, not the July one its own report recalls
    assert by_trigger["traveled"] == by_trigger["arrived"] == "2016-04-14"
    assert by_trigger["visit"] == "2015-07"
    # a report of August 2015 cannot tell of the April 2016 trip
    assert by_trigger["trip"] == "2015-07"


def test_last_week_is_not_an_older_trip_for_the_newest_one() -> None:
    wire = Article(
        id="wire",
        published="2024-03-15",
        text="Arlo Venn arrived in Corvia on Tuesday. In October he flew to Corvia for talks.",
    )
    radio = Article(
        id="radio",
        published="2024-03-18",
        text=(
            "Arlo Venn was seen in Corvia during his visit last week. It was his third visit "
            "to Corvia since the ban."
        ),
    )
    _, events, texts, _ = run(wire, radio)
    by_trigger = {quote(texts, m.trigger): e.date for e in events for m in e.mentions}
    # "last week" is the current trip, so "his third visit" may join it
    assert by_trigger["arrived"] == "2024-03-12"
    third = next(e for e in events for m in e.mentions if "third" in quote(texts, m.span))
    assert third.date == "2024-03-12"


def test_two_trips_to_one_city_stay_two_events_each_with_all_sources() -> None:
    a = Article(
        id="ledger",
        published="2024-03-08",
        text=(
            "Arlo Venn flew to Corvia on Thursday, officials said.\n\n"
            "Venn had last visited Corvia in October, when he met Ida Marsh."
        ),
    )
    b = Article(
        id="herald",
        published="2024-03-09",
        text="Arlo Venn arrived in Corvia on Thursday for talks with Ida Marsh.",
    )
    c = Article(
        id="wire",
        published="2023-10-20",
        text="Arlo Venn traveled to Corvia on Tuesday, his office said.",
    )
    _, events, _, names = run(a, b, c)
    trips = [
        e for e in events if e.type == "travel" and "Corvia" in {names[p] for p in e.participants}
    ]
    by_date = {e.date: e for e in trips}
    assert set(by_date) == {"2024-03-07", "2023-10-17"}, [(e.date, e.sources) for e in trips]
    assert by_date["2024-03-07"].sources == ("herald", "ledger")
    assert by_date["2023-10-17"].sources == ("ledger", "wire")
    assert by_date["2023-10-17"].granularity == "day"


def test_dates_compatible_is_granularity_aware() -> None:
    assert dates_compatible("2015-07", "2015-07-14")
    assert dates_compatible("2015", "2015-07")
    assert dates_compatible("2016-04-14TMO", "2016-04-14")
    assert not dates_compatible("2015-07", "2016-04-14")
    assert dates_compatible(None, "2016-04-14")
    assert dates_compatible("PAST_REF", "2016-04-14")


def test_docs_list_every_event_type_with_its_cameo_code() -> None:
    from pathlib import Path

    from storyline.events.ontology import EVENT_TYPES

    doc = (Path(__file__).resolve().parents[2] / "docs" / "events.md").read_text(encoding="utf-8")
    for t in EVENT_TYPES:
        assert f"| `{t.name}` | {t.cameo} |" in doc, t.name


def test_a_possessive_is_bound_by_its_clause_subject_not_by_the_storys_main_person() -> None:
    text = (
        "Arlo Venn flew to Corvia on Monday. Venn met the ministers of Corvia. The Corvian "
        "president ordered his army to begin a withdrawal from Lanport last month. Officials "
        "were surprised by Ida Marsh's decision to withdraw her troops from Lanport."
    )
    mentions, _, texts, names = run(Article(id="b", text=text, published="2024-03-08"))
    withdrawals = [m for m in mentions if m.type == "withdraw-forces"]
    people = {names.get(p) for m in withdrawals for p in m.participants}
    # "his army": the unnamed president's, never the story's Arlo Venn
    assert "Arlo Venn" not in people
    # "her troops": the possessor of the decision
    decided = next(m for m in withdrawals if quote(texts, m.trigger) == "withdraw")
    assert "Ida Marsh" in {names.get(p) for p in decided.participants}


def test_an_act_told_as_part_of_a_trip_takes_the_trips_date() -> None:
    old = Article(
        id="old",
        published="2023-08-07",
        text="Arlo Venn traveled to Corvia to meet President Ida Marsh last month.",
    )
    new = Article(
        id="new",
        published="2024-03-15",
        text=(
            "Arlo Venn traveled to Corvia once again to meet President Ida Marsh. Venn arrived "
            "in Corvia on Thursday. This marks the first meeting between Venn and Marsh since "
            "the floods in January. Venn has departed Corvia, a day early."
        ),
    )
    _, events, texts, _ = run(old, new)
    meets = {
        e.date: sorted(quote(texts, m.trigger) for m in e.mentions)
        for e in events
        if e.type == "meet"
    }
    # the purpose of this week's trip is this week's meeting, and "the first meeting …
    # since January" is the newest one, not last summer's
    assert meets == {"2023-07": ["meet"], "2024-03-14": ["meet", "meeting"]}
    trip = next(e for e in events if e.type == "travel" and e.date == "2024-03-14")
    # "has departed": the present perfect ends the story's own trip
    assert "departed" in {quote(texts, m.trigger) for m in trip.mentions}


def test_an_act_still_to_come_and_a_trip_told_as_before_join_no_wrong_event() -> None:
    old = Article(
        id="old",
        published="2023-08-07",
        text="Arlo Venn traveled to Corvia in July, where he discussed trade with Ida Marsh.",
    )
    new = Article(
        id="new",
        published="2024-03-15",
        text=(
            "Arlo Venn flew to Corvia on Thursday. He is expected to discuss trade with Ida "
            "Marsh. Venn has previously defied the ban by flying to Corvia before; he flew "
            "there in 2022. After a council meeting in Lanport, the Lanport Council issued a "
            "statement."
        ),
    )
    _, events, texts, _ = run(old, new)
    by_trigger = {quote(texts, m.trigger): e.date for e in events for m in e.mentions}
    # "where he discussed" is part of the July trip; "is expected to discuss" is no July act
    assert by_trigger["discussed"] == "2023-07"
    assert by_trigger["discuss"] != "2023-07"
    # "flying to Corvia before" is an earlier trip, not Thursday's
    assert by_trigger["flying"] != "2024-03-14"
    # the council's meeting has no party in common with Venn's talks
    council = next(e for e in events for m in e.mentions if quote(texts, m.trigger) == "meeting")
    assert not {quote(texts, m.trigger) for m in council.mentions} & {"discuss", "discussed"}


def test_a_pronoun_goes_to_the_person_its_own_sentence_names() -> None:
    text = (
        "Ida Marsh spoke in Lanport on Monday. Marsh said the council was divided. "
        "The Lanport Treasury sanctioned Arlo Venn for his role in the Corvian Guard, "
        "which he commands."
    )
    mentions, _, _, names = run(Article(id="s", text=text, published="2024-03-08"))
    sanction = next(m for m in mentions if m.type == "sanction")
    people = {names.get(p) for p in sanction.participants}
    # "his" is not the Treasury's, and neither pronoun is the recent speaker's
    assert "Arlo Venn" in people and "Ida Marsh" not in people


def test_an_act_laid_on_someone_is_theirs_not_the_accusers_and_one_plot_across_reports() -> None:
    a = Article(
        id="a",
        text=(
            "In May 2022, the Corvian Finance Ministry tied General Arlo Venn to the failed "
            "plot to assassinate the Lanport ambassador at a hotel in Marisport."
        ),
        published="2024-03-08",
    )
    b = Article(
        id="b",
        text=(
            "In 2022, Venn and other officers of the Red Guard were implicated in the failed "
            "plot to assassinate the Lanport ambassador."
        ),
        published="2024-05-01",
    )
    mentions, events, texts, names = run(a, b)
    plots = [m for m in mentions if m.type == "plot"]
    # "plot to assassinate" is one act (the verb is no second plot), in each article
    assert sorted(quote(texts, m.trigger) for m in plots) == ["plot", "plot"]
    for m in plots:
        agents = {names.get(r.entity or "") for r in m.roles if r.role == "agent"} - {None}
        assert agents == {"Arlo Venn"}, (m.span.article, agents)  # never the ministry
        assert "the Lanport ambassador" in {quote(texts, r.span) for r in m.roles}
        assert m.time is not None  # dated by the clause that lays the plot on him
    in_b = next(m for m in plots if m.span.article == "b")
    assert "Red Guard" in {names[p] for p in in_b.participants}
    plot_events = [e for e in events if e.type == "plot"]
    assert len(plot_events) == 1 and {m.span.article for m in plot_events[0].mentions} == {"a", "b"}
    tied = next(m for m in mentions if quote(texts, m.trigger) == "tied")
    assert {names.get(r.entity or "") for r in tied.roles if r.role == "agent"} == {
        "Corvian Finance Ministry"
    }


def test_a_return_told_in_the_clause_of_a_recent_departure_ends_the_current_trip() -> None:
    text = (
        "Arlo Venn flew to Corvia early Thursday to meet President Ida Marsh, officials said. "
        "In 2019 Venn had flown to Corvia for talks. "
        "Officials said Venn has departed Corvia, opting to return to Lanport after one day."
    )
    mentions, events, texts, _ = run(Article(id="c", text=text, published="2024-03-08"))
    ret = next(m for m in mentions if m.lemma == "return")
    trip = next(e for e in events if any(m.id == ret.id for m in e.mentions))
    # the return joins the trip of Thursday, not the 2019 one, and is no trip of its own
    assert {quote(texts, m.trigger) for m in trip.mentions} >= {"flew", "departed", "return"}
    assert trip.date == "2024-03-07"
    assert len([e for e in events if e.type == "travel"]) == 2


def test_an_agreement_named_by_its_countries_is_one_event_across_reports() -> None:
    a = Article(
        id="a",
        text="A landmark agreement between Iceland and Norway was signed on March 3, 2023.",
        published="2023-03-05",
    )
    b = Article(
        id="b",
        text="As part of the final agreement between Iceland and Norway, the border reopened.",
        published="2024-01-10",
    )
    c = Article(
        id="c",
        text="Under the agreement reached with Norway, the tariffs will be lifted next year.",
        published="2024-06-01",
    )
    _, events, _, _ = run(a, b, c)
    deals = [e for e in events if e.type == "sign-agreement"]
    # the countries are the parties: the background repeats join the dated signing
    assert len(deals) == 1 and set(deals[0].sources) == {"a", "b", "c"}
    assert deals[0].date == "2023-03-03"


def test_a_weapons_shipment_sent_is_dated_and_labelled_by_its_sender() -> None:
    text = (
        "This week, Corvia sent the first batteries of its long-range missile system to "
        "Lanport, a delivery agreed during Arlo Venn's last visit to Corvia. Corvia also sent "
        "a letter to the Lanport parliament."
    )
    mentions, events, texts, _ = run(Article(id="w", text=text, published="2024-03-08"))
    supply = [e for e in events if e.type == "supply-weapons"]
    # "sent … missile system" and "a delivery" are one delivery, dated by "this week"
    assert len(supply) == 1, [e.label for e in supply]
    assert {quote(texts, m.trigger) for m in supply[0].mentions} == {"sent", "delivery"}
    assert supply[0].date == "2024-W10"
    assert supply[0].label.startswith("supply-weapons: Corvia")  # the sender leads the label
    # a letter is no shipment of weapons
    assert not any(quote(texts, m.trigger) == "sent" and "letter" in quote(texts, m.span)
                   and m.type == "supply-weapons" for m in mentions)  # fmt: skip


def test_what_an_act_defies_is_no_party_to_it() -> None:
    text = (
        "In defiance of a United Nations travel ban, Arlo Venn flew to Corvia on Monday to "
        "meet President Ida Marsh despite the European Union's objections."
    )
    mentions, _, _, names = run(Article(id="d", text=text, published="2024-03-08"))
    for lemma in ("fly", "meet"):
        m = next(m for m in mentions if m.lemma == lemma)
        parties = {names[p] for p in m.participants}
        assert "Arlo Venn" in parties and (lemma == "meet" or "Corvia" in parties)
        assert not parties & {"United Nations", "the European Union", "European Union"}, parties


def test_his_is_not_bound_to_a_woman_the_articles_call_she() -> None:
    a = Article(
        id="g1",
        published="2024-03-08",
        text=(
            "Reporters asked the foreign minister, Ida Marsh, about the talks. Her office said "
            "she had no comment. The ministry denied that Ida Marsh met Arlo Venn during his "
            "visit to Corvia last week."
        ),
    )
    mentions, _, _, names = run(a)
    visit = next(m for m in mentions if m.lemma == "visit")
    parties = {names[p] for p in visit.participants}
    assert "Arlo Venn" in parties and "Ida Marsh" not in parties, parties


def test_being_somewhere_abroad_is_a_trip_and_talk_of_an_act_is_no_act() -> None:
    texts = {
        "a": "General Arvid Kessel was in Orvane, the Talmarian capital, on Monday. He met "
        "officials to discuss radar deliveries. The company is in Lanport. They were not "
        "authorised to discuss intelligence matters.",
        "b": "General Arvid Kessel spent two days in Orvane this week.",
        "c": "Last week General Arvid Kessel was seen in Orvane. Photographs were seen in Orvane.",
    }
    mentions, events, _, names = run(
        *(Article(id=k, text=t, published="2024-02-16") for k, t in texts.items())
    )
    was = next(m for m in mentions if m.lemma == "be")
    roles = {r.role: names.get(r.entity or "") for r in was.roles}
    assert was.type == "travel" and roles == {"agent": "Arvid Kessel", "destination": "Orvane"}
    assert was.time is not None and was.time.value == "2024-02-12"
    spent = next(m for m in mentions if m.lemma == "spend")
    assert spent.type == "travel" and spent.span.article == "b"
    # a person seen somewhere was there; photographs seen there are no trip
    seen = [m for m in mentions if m.lemma == "see"]
    assert [(m.type, m.span.article) for m in seen] == [("travel", "c")]
    # only a person's presence is a trip: "the company is in Lanport" is none
    assert not [m for m in mentions if m.lemma == "be" and m.span.article == "a" and m is not was]
    # radar deliveries were talked about, not made
    assert not [m for m in mentions if m.type == "supply-weapons"]
    # what they were not authorised to discuss did not take place
    talk = [m for m in mentions if m.lemma == "discuss"]
    assert [m.polarity for m in talk] == ["asserted", "negated"]
    trips = [e for e in events if e.type == "travel"]
    assert any({"a", "b"} <= set(t.sources) for t in trips), trips


def test_an_undated_part_of_the_reported_trip_joins_it() -> None:
    text = (
        "General Arvid Kessel arrived in Orvane early Thursday morning in breach of a travel "
        "ban. Gen. Kessel landed at the Orvane military airfield aboard a government "
        "aircraft. He had previously flown to Lanport, a trip nobody explained."
    )
    _, events, _, _ = run(Article(id="t", text=text, published="2023-10-20"))
    trips = [e for e in events if e.type == "travel"]
    dated = [e for e in trips if e.date == "2023-10-19"]
    assert len(dated) == 1
    assert {m.lemma for m in dated[0].mentions} >= {"arrive", "land"}
    # the trip pointed back to ("had previously flown") stays its own
    assert any("fly" in {m.lemma for m in e.mentions} for e in trips if e is not dated[0])


def test_a_trip_an_act_is_told_in_lends_it_its_date_through_a_relative_clause() -> None:
    text = (
        "In October 2023 General Arvid Kessel spent several days in Orvane, the Talmarian "
        "capital, where officials say he discussed buying coastal radar."
    )
    _, events, _, _ = run(Article(id="r", text=text))
    talk = next(e for e in events if e.type == "meet")
    assert talk.date == "2023-10"


def test_talks_held_on_a_trip_are_a_meeting_dated_by_the_trip() -> None:
    text = (
        "General Arvid Kessel had previously flown to Orvane in October, when he held talks "
        "on the purchase of coastal radar systems."
    )
    mentions, events, texts, _ = run(Article(id="k", text=text, published="2024-03-15"))
    talks = next(m for m in mentions if quote(texts, m.trigger) == "talks")
    assert talks.type == "meet" and talks.time is None
    meet = next(e for e in events if e.type == "meet")
    assert meet.date == "2023-10"


def test_what_is_said_is_not_dated_by_the_saying_and_a_plan_denied_is_no_act() -> None:
    text = (
        "General Ida Marsh testified to the council in 2015 that around 500 soldiers were "
        "killed by Corvian forces. Arvid Kessel discussed the status of the incoming missile "
        "shipments. Corvia does not plan a complete withdrawal."
    )
    mentions, _, texts, _ = run(Article(id="s", text=text, published="2017-02-16"))
    killed = next(m for m in mentions if quote(texts, m.trigger) == "killed")
    assert killed.time is None
    testified = next(m for m in mentions if m.lemma == "testify")
    assert testified.time is not None and testified.time.value == "2015"
    assert not [m for m in mentions if m.type == "supply-weapons"]
    assert [m.polarity for m in mentions if m.type == "withdraw-forces"] == ["negated"]
