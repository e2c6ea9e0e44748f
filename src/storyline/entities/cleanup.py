"""Named entities the tagger gets wrong in news, put right (or left out) before resolution.

Each rule reads the entity's own words and the words around it, never a list of names:

* a one-word "organisation" that is part of a title ("Secretary of State John Kerry",
  "Supreme Leader Ali Khamenei") is no organisation;
* a "person" named as a place ("the historic city of Palmyra") is a place;
* a name in a photo or image credit ("[Photo: … / YouTube ]") is page furniture;
* an "organisation" named for a weapon ("Improvised Explosive Devices") is none;
* a one-word "person" or "organisation" that is the adjective of a country the articles name
  ("Karvessan" beside "Karvessa", "Iranian" beside "Iran") is a nationality, not an entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storyline.model import Mention

TITLE_WORDS = {"leader", "secretary", "minister", "ambassador", "president", "general", "chief"}
TITLE_WORDS |= {"commander", "guide", "envoy", "spokesman", "spokeswoman", "spokesperson"}
TITLE_WORDS |= {"director", "governor"}
_PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "port", "capital"}
_WEAPON_HEADS = {"device", "devices", "missile", "missiles", "rocket", "rockets", "bomb", "bombs"}
_WEAPON_HEADS |= {"drone", "drones", "launcher"}
_CREDIT = re.compile(r"\[\s*(?:photo|image|picture|video|credit)s?\b[^\]\n]{0,200}\]", re.I)


def credits(text: str) -> list[tuple[int, int]]:
    """Where the article's photo and image credits are (character ranges)."""
    return [(m.start(), m.end()) for m in _CREDIT.finditer(text)]


def corrected_label(ent: Any, in_credit: bool = False) -> str | None:
    """The label ``ent`` (a spaCy entity span) should have, or ``None`` to leave it out."""
    if in_credit:
        return None
    label = str(ent.label_)
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    titled = after is not None and (
        after.lower_ in TITLE_WORDS or (after.ent_type_ == "PERSON" and after.ent_iob_ == "B")
    )
    if label == "ORG" and len(ent) == 1 and titled:
        return None  # "Supreme Leader …", "Secretary of State John Kerry"
    if label == "ORG" and ent[-1].lower_ in _WEAPON_HEADS:
        return None
    if (
        label == "PERSON"
        and before is not None
        and before.lower_ == "of"
        and ent.start > 1
        and doc[ent.start - 2].lower_ in _PLACE_NOUNS
    ):
        return "GPE"
    return label


_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish", "ic")


def _demonyms(place: str) -> set[str]:
    """The adjectives a country's name can make ("Karvessa" → "Karvessan", "Iran" →
    "Iranian", "Syria" → "Syrian", "Oman" → "Omani")."""
    low = place.lower()
    stems = {low, low[:-1]} if low.endswith(("a", "e", "y")) else {low}
    return {stem + end for stem in stems for end in _DEMONYM_ENDINGS} - {low}


def without_demonyms(mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without one-word people and organisations that are the adjective of a
    country or place named among them as a place."""
    places = {m.text.strip() for m in mentions if m.label in ("GPE", "LOC")}
    adjectives = set().union(*(_demonyms(p) for p in places if " " not in p)) if places else set()
    return [
        m
        for m in mentions
        if not (
            m.label in ("PERSON", "ORG")
            and " " not in m.text.strip()
            and m.text.strip().lower() in adjectives
        )
    ]
