"""The plain-sentence summary's units: re-splitting, cleaning, boilerplate."""

from __future__ import annotations

import json
import re
from importlib import resources

from storyline.summarize import units


def test_resplit_cuts_where_a_quotation_closes_or_a_lower_case_sentence_starts() -> None:
    merged = (
        'The mayor said the water " will recede by friday . " crews worked through the night. '
        "the bridge stays shut"
    )
    assert units.resplit(merged) == [
        'The mayor said the water " will recede by friday . "',
        "Crews worked through the night.",
        "The bridge stays shut",
    ]
    # a quotation that opens after the full stop goes with the sentence it opens
    assert units.resplit('Crews worked late. " we are tired , " one said.') == [
        "Crews worked late.",
        '" we are tired , " one said.',
    ]


def test_resplit_leaves_abbreviations_and_short_pieces_alone() -> None:
    assert units.resplit("The u.s. army moved in.") == ["The u.s. army moved in."]
    assert units.resplit("Ranked no. 2 in the state.") == ["Ranked no. 2 in the state."]
    assert units.resplit("Arrested in portland, ore. on tuesday.") == [
        "Arrested in portland, ore. on tuesday."
    ]


def test_clean_strips_captions_datelines_and_furniture() -> None:
    caption = "A crew at work on the levee . ( associated press ) Springfield ( ap ) — "
    assert units.clean(caption + "the river rose overnight.") == "The river rose overnight."
    assert units.clean("( cnn ) the river rose.") == "The river rose."
    assert units.clean("Shelby , ohio ( reuters ) - crews worked late.") == "Crews worked late."
    assert units.clean("Story continued below the levee held.") == "The levee held."
    # a parenthesis that is not a wire credit stays
    assert units.clean("The mayor ( a democrat ) spoke.") == "The mayor ( a democrat ) spoke."


def test_prepare_documents_drops_boilerplate_and_empty_articles() -> None:
    notice = "Sign in to keep reading this page , it is free ."
    table = {units.boilerplate_key(notice)}
    docs = [["The river rose. crews worked late.", notice], [notice.lower()], ["Advertisement"]]
    assert units.prepare_documents(docs, table) == [["The river rose.", "Crews worked late."]]
    assert units.is_boilerplate("SIGN IN to keep reading this page: it is free!", table)
    assert not units.is_boilerplate("The river rose.", table)


def test_shipped_boilerplate_is_counted_hashed_data() -> None:
    data = json.loads(
        resources.files("storyline.summarize").joinpath("priors.json").read_text("utf-8")
    )
    keys = data["boilerplate"]
    assert len(keys) >= 20 and all(re.fullmatch(r"[0-9a-f]{16}", k) for k in keys)
    assert "boilerplate" in data["source"]
    assert not units.is_boilerplate("The river flooded the old town on Tuesday.")
