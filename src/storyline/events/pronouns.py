"""Which people the articles themselves call "she" and which "he".

There are no gender data here, and names do not tell: the evidence is the articles' own
pronouns. A "she" or "her" whose sentence, up to the pronoun, and the sentence before it name
exactly one person, with no pronoun of its gender before it there (that would make a chain
leading further back) and no common noun as a subject before it in its sentence ("the
general … he"), is taken to refer to that person, and so is a "he", "him" or "his":
each such pronoun is a vote. A person with more than twice as many votes one way as the
other has that gender, and a
pronoun of the other gender is then never bound to them ("denied that the minister Estelle
Marrak met the general … during his visit": Marrak, called "she" elsewhere, is not "his").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

FEMININE = frozenset({"she", "her", "hers", "herself"})
MASCULINE = frozenset({"he", "him", "his", "himself"})


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "f" if low in FEMININE else "m" if low in MASCULINE else None


def person_genders(
    docs: dict[str, Any], person_mentions: dict[str, list[tuple[int, str, bool]]]
) -> dict[str, str]:
    """``"f"`` or ``"m"`` for the people the articles' pronouns tell apart, by entity id.

    ``docs``: article id → spaCy doc; ``person_mentions``: article id → (offset, entity id,
    is subject) of every person mention, sorted by offset."""
    votes: dict[str, Counter[str]] = {}
    for aid, doc in docs.items():
        found = person_mentions.get(aid, [])
        if not found:
            continue
        sents = list(doc.sents)
        for k, sent in enumerate(sents):
            window = [*(sents[k - 1] if k else ()), *sent]
            lo = window[0].idx
            for n, tok in enumerate(window):
                gender = pronoun_gender(tok.text)
                if gender is None or tok.sent.start != sent.start:
                    continue
                if any(pronoun_gender(t.text) == gender for t in window[:n]):
                    continue  # "he spent … the journalist X showed his …": a chain, not X
                if any(
                    t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"
                    for t in sent
                    if t.i < tok.i
                ):
                    continue  # "… with X. The general had flown …, when he …": not X
                named = {e for start, e, _ in found if lo <= start < tok.idx}
                if len(named) == 1:
                    votes.setdefault(named.pop(), Counter())[gender] += 1
    out = {}
    for entity, count in votes.items():
        if count["f"] > 2 * count["m"]:
            out[entity] = "f"
        elif count["m"] > 2 * count["f"]:
            out[entity] = "m"
    return out


def agrees(genders: dict[str, str], entity: str, pronoun: str) -> bool:
    """Whether ``pronoun`` may refer to ``entity`` (unknown genders agree with anything)."""
    want = pronoun_gender(pronoun)
    have = genders.get(entity)
    return want is None or have is None or want == have


def fitting(
    person_mentions: dict[str, list[tuple[int, str, bool]]],
    genders: dict[str, str],
    pronoun: str,
) -> dict[str, list[tuple[int, str, bool]]]:
    """``person_mentions`` without the people ``pronoun`` cannot refer to."""
    if pronoun_gender(pronoun) is None:
        return person_mentions
    return {
        aid: [x for x in found if agrees(genders, x[1], pronoun)]
        for aid, found in person_mentions.items()
    }


__all__: Sequence[str] = ("agrees", "fitting", "person_genders", "pronoun_gender")
