"""Fixtures for the temporal tests: the real spaCy model, loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyline.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def tag(nlp):
    """Tag one text as an article published on ``published`` (or of unknown date)."""
    from storyline.time.tagger import tag_doc

    def run(text: str, published: str | None = "2016-04-15"):
        return tag_doc(nlp(text), "a", published)

    return run
