"""Publication dates: from metadata, else inferred from the text, else unknown."""

from __future__ import annotations

import pytest

from storyline.model import AnnotatedArticle, Article, PublicationDate

pytestmark = pytest.mark.slow


def items(nlp, *pairs):
    return [AnnotatedArticle(Article(id=i, text=t, published=p), nlp(t)) for i, t, p in pairs]


def test_metadata_first(nlp) -> None:
    from storyline.time.publication import publication_dates

    (d,) = publication_dates(items(nlp, ("a", "He flew on Tuesday.", "2017-02-16")))
    assert d == PublicationDate("a", "2017-02-16", 1.0, "metadata", None)


def test_dateline_and_relative_reference_anchor_relative_dates(nlp) -> None:
    from storyline.time.publication import anchors, publication_dates
    from storyline.time.tagger import tag_times

    text_a = "MOSCOW, April 15, 2016 — Soleimani arrived early Thursday morning."
    text_b = "Officials said yesterday (March 3, 2016) that the talks had failed last week."
    arts = items(nlp, ("a", text_a, None), ("b", text_b, None))
    a, b = publication_dates(arts)
    assert (a.value, a.basis, a.confidence) == ("2016-04-15", "dateline", 0.9)
    assert a.evidence is not None and text_a[a.evidence.start : a.evidence.end] == "April 15, 2016"
    assert (b.value, b.basis) == ("2016-03-04", "relative-reference")
    times = {t.text: t for t in tag_times(arts, anchors([a, b]))}
    thursday = times["early Thursday morning"]
    assert (thursday.value, thursday.anchor) == ("2016-04-14TMO", "inferred-publication")
    assert times["last week"].value == "2016-W08"


def test_latest_date_is_only_a_lower_bound(nlp) -> None:
    from storyline.time.publication import anchors, publication_dates
    from storyline.time.tagger import tag_times

    text = (
        "The sanctions were imposed in 2007. The council met again on 12 March 2015, and "
        "Soleimani visited Moscow last month."
    )
    arts = items(nlp, ("a", text, None))
    (d,) = publication_dates(arts)
    assert (d.value, d.basis, d.confidence) == ("2015-03-12", "latest-explicit-date", 0.4)
    assert anchors([d]) == {}
    last_month = next(t for t in tag_times(arts, anchors([d])) if t.text == "last month")
    assert last_month.value is None and last_month.note == "the month before publication"


def test_unknown(nlp) -> None:
    from storyline.time.publication import publication_dates

    (d,) = publication_dates(items(nlp, ("a", "He flew to Moscow on Tuesday.", None)))
    assert d == PublicationDate("a", None, 0.0, "unknown", None)
