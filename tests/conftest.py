"""Shared fixtures.

How fixtures are meant to be used:

* Text fixtures are written by the team (see ``tests/render/conftest.py`` and the
  demo corpus in ``src/storyline/demo``); nothing is copied from ``../shared``.
* ``seeds_dir`` and ``corpora`` point at ``../shared/corpora``; a test that needs
  them is skipped, with the reason, when that folder is absent (a fresh clone).
* ``store`` is a fresh SQLite store in ``tmp_path``; ``annotated_seeds`` runs the
  real spaCy model over the seeds once per session (the model loads once).
* Tests that load the model or start subprocesses carry the ``slow`` marker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"

# Metadata of the seed reports (public facts). Breitbart's date and headline are in its URL;
# The Tower's story relays a Fox News report of a Tuesday 14 February 2017 arrival, published
# two days later; Fox News' own story of a Thursday arrival ran on Friday 15 April 2016.
SEED_META = {
    "000_e4b13e00fc2ac900.txt": {"id": "fox-2016-04-15", "source": "Fox News", "published": "2016-04-15"},
    "001_d61b4cd82a6f2c4c.txt": {"id": "tower-2017-02-16", "source": "The Tower", "published": "2017-02-16",
                                 "url": "http://www.thetower.org/4579-iranian-general-visits-russia-again-in-violation-of-un-travel-ban/"},
    "003_1fdd7de76f818974.txt": {"id": "breitbart-2015-08-07", "source": "Breitbart", "published": "2015-08-07",
                                 "title": "Report: Iranian Gen. Soleimani Thwarts UN Sanctions, Visits Putin in Russia",
                                 "url": "https://www.breitbart.com/national-security/2015/08/07/report-iranian-gen-soleimani-thwarts-un-sanctions-visits-putin-in-russia/"},
}  # fmt: skip


def need_corpus(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"../shared/corpora absent: {path} not found (a fresh clone has no ../shared)")
    return path


@pytest.fixture(scope="session")
def corpora() -> Path:
    return need_corpus(CORPORA)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_corpus(CORPORA / "seeds")


@pytest.fixture
def store(tmp_path: Path):
    from storyline.store import Store

    s = Store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def seeds_jsonl(seeds_dir: Path, tmp_path: Path) -> Path:
    """The seeds as one JSONL file with their metadata (title lines split off as titles)."""
    from storyline.ingest import read_inputs

    lines = []
    for art in read_inputs([str(seeds_dir)]):
        meta = SEED_META[Path(art.origin).name]
        record = {"title": art.title, **meta, "text": art.text}
        lines.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / "seeds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
