"""Near-duplicate detection: the same wire story run twice is found, related stories are not."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.ingest import NUM_PERM, NearDuplicateIndex, signature
from storyline.ingest.dedupe import shingles, similarity

WIRE = """PORT ALDER — The harbour bridge in Port Alder reopened to traffic on Monday after eight
months of repairs, the town council said in a statement, ending a closure that had cut the
fishing village off from the main coast road since last spring. Engineers replaced all
sixty-four of the corroded steel cables that hold up the central span, and resurfaced the
deck with a lighter composite that the council says will last another forty years.

Mayor Ines Calloway said the work finished two weeks ahead of schedule and slightly under
its budget of 31 million crowns. "We promised the fishing fleet a working bridge before the
autumn season, and we kept that promise," she told reporters at a ribbon cutting attended by
several hundred residents, many of whom had driven the long detour every day for months.

Local businesses on the north shore had complained that the detour through Hollin Pass
added forty minutes to every delivery and cost the fish market a third of its trade. The
chamber of commerce welcomed the reopening but asked the council to explain why the cables
were allowed to corrode for so long before anyone inspected them. An independent review of
the bridge maintenance programme is due to report in the new year, the council said, and
the regional transport authority has promised to publish the inspection records in full.
"""


def wire_rerun() -> str:
    # Another outlet runs the same story: new headline, a changed dateline and a few words.
    return "Bridge back open in Port Alder\n\n" + (
        WIRE.replace("PORT ALDER —", "PORT ALDER (Coastal Wire) —")
        .replace("slightly under", "just under")
        .replace("several hundred", "hundreds of")
    )


RELATED = """The council of Port Alder voted on Tuesday to commission an independent review of
how the town maintains its harbour bridge, which was closed for most of the year while its
steel cables were replaced. Councillors from the opposition said the inspection reports had
warned of corrosion as early as three years ago and that nobody acted on them. The mayor,
Ines Calloway, said she welcomed the review and would hand over every document the
reviewers asked for. Fishermen, who lost a season of easy access to the coast road, have
asked for compensation, a request the council said it would consider once the review is
published. The bridge reopened to traffic this week after eight months of repairs.
"""


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_signature_shape_and_determinism() -> None:
    sig = signature(WIRE)
    assert sig.dtype == np.uint64 and sig.shape == (NUM_PERM,)
    assert signature(WIRE).tobytes() == sig.tobytes()
    assert signature(WIRE) is not sig  # a fresh array: callers may keep it


def test_signature_is_pinned() -> None:
    # Byte-for-byte stability across runs and machines; a datasketch change that alters
    # signatures must be noticed (stored signatures would no longer compare).
    assert signature("the quick brown fox jumps over the lazy dog")[:4].tolist() == (
        signature("The QUICK brown fox -- jumps over the lazy dog!")[:4].tolist()
    )
    assert signature("one two three four five")[:4].tolist() == [
        984630812,
        3148057649,
        1167325145,
        1900896178,
    ]


def test_shingles() -> None:
    assert shingles("One, two; THREE four-five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("Breaking news!") == {"breaking news"}  # fewer than five words
    assert shingles("— … —") == set()


def test_wire_story_rerun_is_a_near_duplicate() -> None:
    rerun = wire_rerun()
    assert jaccard(WIRE, rerun) >= 0.8
    sim = similarity(signature(WIRE), signature(rerun))
    assert sim >= 0.8
    index = NearDuplicateIndex(threshold=0.8)
    index.add("a-wire", signature(WIRE))
    assert index.query(signature(rerun)) == [("a-wire", sim)]


def test_related_story_is_not_a_near_duplicate() -> None:
    assert jaccard(WIRE, RELATED) < 0.2
    index = NearDuplicateIndex()
    index.add("a-wire", signature(WIRE))
    assert index.query(signature(RELATED)) == []
    assert similarity(signature(WIRE), signature(RELATED)) < 0.3


def test_query_is_sorted_by_similarity_then_id() -> None:
    index = NearDuplicateIndex(threshold=0.5)
    index.add("b", signature(WIRE))
    index.add("a", signature(WIRE))
    index.add("c", signature(wire_rerun()))
    index.add("r", signature(RELATED))
    hits = index.query(signature(WIRE))
    assert [h[0] for h in hits] == ["a", "b", "c"]
    assert hits[0][1] == hits[1][1] == 1.0 > hits[2][1]
    assert len(index) == 4 and "r" in index


def test_adding_an_id_again_replaces_it() -> None:
    index = NearDuplicateIndex()
    index.add("x", signature(WIRE))
    index.add("x", signature(RELATED))
    assert index.query(signature(WIRE)) == []
    assert index.query(signature(RELATED)) == [("x", 1.0)]


def test_short_and_empty_texts() -> None:
    index = NearDuplicateIndex()
    index.add("short", signature("Bridge reopens"))
    index.add("empty", signature("…"))
    assert index.query(signature("bridge REOPENS.")) == [("short", 1.0)]
    assert index.query(signature("— —")) == []  # no words: matches nothing


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=0)
    with pytest.raises(ValueError, match="128 hash values"):
        NearDuplicateIndex().add("x", np.zeros(3, dtype=np.uint64))
