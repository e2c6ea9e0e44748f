"""The summary of the three seed reports: support across articles, dates, compression."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import SEED_META

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path):
    from storyline.annotate import load_nlp
    from storyline.entities.resolve import resolve_entities
    from storyline.events.cluster import cluster_events
    from storyline.events.extract import extract_event_mentions
    from storyline.ingest import read_inputs
    from storyline.model import AnnotatedArticle
    from storyline.time.tagger import tag_times

    articles = [
        dataclasses.replace(a, **{k: v for k, v in SEED_META[Path(a.origin).name].items()})
        for a in read_inputs([str(seeds_dir)])
    ]
    nlp = load_nlp()
    items = [
        AnnotatedArticle(a, d)
        for a, d in zip(articles, nlp.pipe([a.text for a in articles]), strict=True)
    ]
    entities = resolve_entities(items)
    mentions = extract_event_mentions(items, entities, tag_times(items))
    events = cluster_events(mentions, entities, items)
    return items, entities, events, {a.id: a.text for a in articles}


def quote(texts, span) -> str:
    return texts[span.article][span.start : span.end]


def test_every_sentence_cites_itself_first_and_quotes_its_source(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, texts = seeds
    summary = summarize(items, entities, events, words=150)
    assert summary
    assert sum(len(s.text.split()) for s in summary) <= 150
    for s in summary:
        assert s.citations[0] == s.span
        assert quote(texts, s.span) == s.text
        assert len({c.article for c in s.citations}) == len(s.citations)


def test_a_fact_two_reports_state_cites_both(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, texts = seeds
    everything = summarize(items, entities, events, words=5000)
    plot = [s for s in everything if "plot to assassinate" in s.text]
    assert plot, [s.text for s in everything]
    # Fox and The Tower both report the 2011 plot; each citing sentence says so
    cited = {c.article for s in plot for c in s.citations}
    assert cited == {"fox-2016-04-15", "tower-2017-02-16"}
    assert any("failed Iranian plot" in quote(texts, c) for s in plot for c in s.citations[1:])


def test_different_trips_do_not_support_each_other(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, texts = seeds
    everything = summarize(items, entities, events, words=5000)
    # Breitbart's July 2015 trip and Fox's April 2016 trip are different happenings: Fox's
    # report of the July trip may support Breitbart, its reports of the April trip may not
    april = ("traveled to Moscow once again", "second trip to Moscow since July",
             "first face-to-face meeting")  # fmt: skip
    lede = [s for s in everything if s.text.startswith("In blatant violation")]
    assert lede
    for s in lede:
        for c in s.citations[1:]:
            assert not any(a in quote(texts, c) for a in april), quote(texts, c)
    fox_lede = [s for s in everything if s.text.startswith("Iranian Quds Force commander")]
    assert fox_lede
    for s in fox_lede:
        assert "breitbart-2015-08-07" not in {c.article for c in s.citations}


def test_opposite_facts_do_not_support_each_other(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, _ = seeds
    everything = summarize(items, entities, events, words=5000)
    dropped = [s for s in everything if "sanctions against him dropped" in s.text]
    assert dropped, [s.text for s in everything]
    # Fox's 2005 sanctioning and Kerry's "would ever receive sanctions relief" say other
    # things about the same man's sanctions: neither supports "had sanctions … dropped"
    assert [c.article for c in dropped[0].citations] == ["breitbart-2015-08-07"]


def test_compressed_sentences_are_cited_by_their_parts(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, texts = seeds
    plain = summarize(items, entities, events, words=5000)
    short = summarize(items, entities, events, words=5000, compress=True)
    assert [s.span for s in short] == [s.span for s in plain]
    compressed = [s for s in short if s.parts]
    assert compressed
    for s in compressed:
        assert s.text == "".join(quote(texts, p) for p in s.parts)
        assert all(s.span.start <= p.start < p.end <= s.span.end for p in s.parts)
        assert len(s.text) < s.span.end - s.span.start
    texts_shown = " ".join(s.text for s in short)
    assert "multiple intelligence sources tell Fox News" not in texts_shown
    assert "Soleimani traveled to Moscow once again" in texts_shown


def test_cli_compress_gives_cited_parts(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    import json

    from storyline.cli import main

    args = ["brief", str(seeds_dir), "--db", str(tmp_path / "c.db"), "--format", "json", "-q"]
    assert main([*args, "--compress", "--words", "400"]) == 0
    brief = json.loads(capsys.readouterr().out)
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    compressed = [s for s in brief["summary"] if s["parts"]]
    assert compressed
    for s in compressed:
        assert s["text"] == "".join(texts[p["article"]][p["start"] : p["end"]] for p in s["parts"])
        assert s["citations"][0] == s["source"]
    statuses = {c["status"] for c in brief["claims"]}
    assert {"agreed", "single-source", "denied"} <= statuses


def test_no_sentence_leans_on_a_subject_its_own_article_explains(seeds) -> None:
    from storyline.summarize import summarize

    items, entities, events, _ = seeds
    texts = [s.text for s in summarize(items, entities, events, words=150)]
    # Breitbart's "The group has been described as 'the primary conduit …'" names no group
    assert not [t for t in texts if t.startswith("The group")], texts
