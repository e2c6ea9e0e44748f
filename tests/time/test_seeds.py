"""The seed reports with their publication dates: each dated happening gets its date."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import SEED_META

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, nlp):
    from storyline.ingest import read_inputs
    from storyline.model import AnnotatedArticle
    from storyline.time.tagger import tag_times

    arts = []
    for a in read_inputs([str(seeds_dir)]):
        meta = SEED_META[Path(a.origin).name]
        arts.append(dataclasses.replace(a, id=meta["id"], published=meta["published"]))
    items = [AnnotatedArticle(a, nlp(a.text)) for a in arts]
    times = tag_times(items)
    return {
        i.article.id: (i.doc, [t for t in times if t.span.article == i.article.id]) for i in items
    }


def date_of(seeds, article: str, trigger: str, after: str = ""):
    """(value, granularity, mod) of the expression governing the first ``trigger`` after
    the text ``after``."""
    from storyline.time.event_dates import governing_time

    doc, times = seeds[article]
    start = doc.text.index(after) if after else 0
    tok = next(t for t in doc if t.idx >= start and t.text == trigger)
    found = governing_time(tok, times)
    assert found is not None, (article, trigger)
    return found.value, found.granularity, found.mod


def test_fox_thursday_arrival(seeds) -> None:
    value, gran, mod = date_of(seeds, "fox-2016-04-15", "arrived")
    assert (value[:10], gran, mod) == ("2016-04-14", "day", "START")
    assert date_of(seeds, "fox-2016-04-15", "reached")[:2] == ("2015-07-14", "day")
    assert date_of(seeds, "fox-2016-04-15", "ordered")[:2] == ("2016-03", "month")
    assert date_of(seeds, "fox-2016-04-15", "pulled")[::2] == ("2016-03", "START")
    assert date_of(seeds, "fox-2016-04-15", "sent", "This week")[:2] == ("2016-W15", "week")
    assert date_of(seeds, "fox-2016-04-15", "tweeted")[:2] == ("2016-W14-WE", "week")
    assert date_of(seeds, "fox-2016-04-15", "tied")[:2] == ("2011-10", "month")
    assert date_of(seeds, "fox-2016-04-15", "designated")[:2] == ("2005", "year")
    for after in ("Since his last visit", "In Moscow in July", "In July, five days"):
        assert date_of(seeds, "fox-2016-04-15", "July", after)  # each July is a date…
    july = [t for t in seeds["fox-2016-04-15"][1] if t.text == "July"]
    assert {t.value for t in july} == {"2015-07"}  # …and every one is July 2015


def test_tower_tuesday_flight(seeds) -> None:
    assert date_of(seeds, "tower-2017-02-16", "flying")[:2] == ("2017-02-14", "day")
    assert date_of(seeds, "tower-2017-02-16", "arrived")[:2] == ("2017-02-14", "day")
    assert date_of(seeds, "tower-2017-02-16", "lifted")[:2] == ("2020-10", "month")
    assert date_of(seeds, "tower-2017-02-16", "appeared")[:2] == ("2016-12", "month")
    values = {t.text: t.value for t in seeds["tower-2017-02-16"][1]}
    assert "1747" not in values  # "Resolution 1747" names a resolution, not a year


def test_breitbart_july_trip(seeds) -> None:
    assert date_of(seeds, "breitbart-2015-08-07", "traveled")[:2] == ("2015-07", "month")
    late = date_of(seeds, "breitbart-2015-08-07", "traveled", "reportedly")
    assert late == ("2015-07", "month", "END")
    assert date_of(seeds, "breitbart-2015-08-07", "upheld")[:2] == ("2007", "year")
