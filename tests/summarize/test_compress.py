"""Compression by the parse: what is dropped, what is kept, and that spans still cite it."""

from __future__ import annotations

import pytest

from storyline.summarize.compress import compress_sentence

pytestmark = pytest.mark.slow

CASES = {
    "The minister resigned on Friday after a week of protests, two officials told the Ledger.":
        "The minister resigned on Friday after a week of protests.",
    "The bridge reopened to traffic on Sunday, according to the city's transport office.":
        "The bridge reopened to traffic on Sunday.",
    "The council approved the budget (which had been delayed twice) on Monday.":
        "The council approved the budget on Monday.",
    "Troops left the border town, the defence ministry said, citing satellite images.":
        "Troops left the border town.",
    # kept whole: a quotation closes it, or nothing can go
    "“We will rebuild the harbour,” the mayor said.":
        "“We will rebuild the harbour,” the mayor said.",
    "Rescue crews worked through the night.": "Rescue crews worked through the night.",
}  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    from storyline.annotate import load_nlp

    return load_nlp()


@pytest.mark.parametrize("sentence", sorted(CASES))
def test_compression(nlp, sentence: str) -> None:
    text = "A first sentence stands here. " + sentence
    doc = nlp(text)
    sent = list(doc.sents)[-1]
    kept = compress_sentence(sent)
    assert kept == sorted(kept)
    assert all(sent.start_char <= a < b <= sent.end_char for a, b in kept)
    assert "".join(text[a:b] for a, b in kept) == CASES[sentence]
