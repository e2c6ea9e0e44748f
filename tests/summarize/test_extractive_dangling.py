"""Which sentences cannot open on their own in a summary of several articles (real parse)."""

from __future__ import annotations

import pytest

from storyline.annotate import load_nlp
from storyline.summarize.extractive import _dangling

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "dangling"),
    [
        ("The group has been described as the main conduit of the regime's support.", True),
        ("This marked a turning point in the talks between the two capitals.", True),
        ("The move was condemned by three governments on Monday.", True),
        # what is said counts, not who says it
        ("The move was condemned by three governments, the officials said.", True),
        (
            "Orzhelev arrived on Tuesday with a delegation of 12 officials, the officials said.",
            False,
        ),
        # a title reads in a brief about its holder; "It was his second trip" reads too
        ("The general had previously flown to Port Sallowmere in October.", False),
        ("It was his second trip to the capital in defiance of a travel ban.", False),
        ("Soleimani's IRGC has been described as an organization drenched in blood.", False),
        ("The Quds Force group has been described as the main conduit of support.", False),
    ],
)
def test_a_subject_that_only_its_own_article_explains(text: str, dangling: bool) -> None:
    sent = next(iter(load_nlp()(text).sents))
    assert _dangling(sent) is dangling
