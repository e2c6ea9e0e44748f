"""Named entities the tagger gets wrong in news, put right (or left out) before resolution.

Each rule reads the entity's own words and the words around it, never a list of names:

* a one-word "organisation" that is part of a title ("Secretary of State John Kerry",
  "Supreme Leader Ali Khamenei") is no organisation;
* a "person" named as a place ("the historic city of Palmyra") is a place;
* a name in a photo or image credit ("[Photo: … / YouTube ]") is page furniture;
* an "organisation" named for a weapon ("Improvised Explosive Devices") is none, and neither
  is one named for a happening ("the Syrian Civil War", "the Arab Spring");
* a one-word "person" or "organisation" that is the adjective of a country the articles name
  ("Karvessan" beside "Karvessa", "Iranian" beside "Iran") is a nationality, not an entity;
* the plural of a nationality the tagger calls a place ("Afghans, and Pakistanis") is none;
* a "person" someone is *in* ("he was seen in Lumenhold") or a name set beside "the capital"
  ("Lumenhold, the Vantrian capital") is a place;
* across the articles, a name the tagger types both ways is the place it is most often
  called; a one-word "person" that ends a place's name ("the Sallowmere airfield" beside
  "Port Sallowmere") is a place; and a one-word "organisation" or "person" whose adjective
  the articles use ("Vantria's defence ministry" beside "the Vantrian capital") is a
  country; unless it is the surname of a person named in full in the same article.
"""

from __future__ import annotations

import dataclasses
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
_HAPPENING_HEADS = {"war", "revolution", "uprising", "intifada", "spring", "crisis", "offensive"}
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
    if _plural_demonym(ent):
        return None  # "thousands of Iranians, Afghans and Pakistanis": people of a country
    if label in ("ORG", "PERSON") and len(ent) > 1 and ent[-1].lower_ in _HAPPENING_HEADS:
        return None  # "the Syrian Civil War", "the Arab Spring": a happening, not an actor
    if label in ("PERSON", "ORG") and _named_as_place(ent, person=label == "PERSON"):
        return "GPE"
    if (
        label == "PERSON"
        and before is not None
        and before.lower_ == "of"
        and ent.start > 1
        and doc[ent.start - 2].lower_ in _PLACE_NOUNS
    ):
        return "GPE"
    return label


# verbs after which "in X" is where someone is or something happens ("was in", "seen in")
_PRESENCE_VERBS = {"be", "arrive", "land", "stay", "spend", "see", "remain", "turn", "show"}
_PRESENCE_VERBS |= {"appear", "meet", "hold", "talk", "sign", "live", "visit", "stop", "bear"}
_PRESENCE_VERBS |= {"die", "kill", "arrest", "detain", "spot", "photograph", "hide", "base"}


def _plural_demonym(ent: Any) -> bool:
    """Whether a one-word entity is the plural of a nationality ("Pakistanis", "Iraqis")."""
    from storyline.entities.context import demonym_code

    word = ent.text.strip()
    return (
        len(ent) == 1
        and word.endswith(("is", "ns"))
        and demonym_code(word[:-1]) is not None
        and ent.label_ in ("GPE", "PERSON", "ORG")
    )


def _named_as_place(ent: Any, person: bool) -> bool:
    """Whether the words around ``ent`` make it a place: set beside "the (Vantrian)
    capital"; or, for a "person", the object of "in" after a verb of being or happening."""
    root = ent.root
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    if any(t.lemma_.lower() in _PLACE_NOUNS and t.pos_ == "NOUN" for t in beside):
        return True
    if not person or root.dep_ != "pobj" or root.head.lower_ not in ("in", "inside"):
        return False
    verb = root.head.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _PRESENCE_VERBS


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


_PLACE_LABELS = ("GPE", "LOC")


def settle_places(mentions: Sequence[Mention], texts: dict[str, str]) -> list[Mention]:
    """``mentions`` with each name typed as a place where the articles make it one (see
    the module docstring): by the labels of all its mentions, or by its adjective."""
    words = {w.lower() for text in texts.values() for w in re.findall(r"\b[A-Z][a-z]+\b", text)}
    surnames = {
        (m.span.article, m.text.split()[-1])
        for m in mentions
        if m.label == "PERSON" and " " in m.text
    }
    # the last word of a place's name ("Sallowmere" of "Port Sallowmere")
    place_words = {
        m.text.split()[-1]: m.label
        for m in mentions
        if m.label in _PLACE_LABELS and " " in m.text.strip() and m.text.split()[-1][:1].isupper()
    }
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        by_name.setdefault(m.text.strip(), []).append(m)
    decided: dict[str, str | None] = {}

    def place_label(name: str) -> str | None:
        if name not in decided:
            same = [o for o in by_name[name] if (o.span.article, name) not in surnames]
            places = [o.label for o in same if o.label in _PLACE_LABELS]
            others = [o for o in same if o.label in ("PERSON", "ORG")]
            label = None
            if places and len(places) >= len(others):
                label = min(set(places), key=lambda x: (-places.count(x), x))
            elif " " not in name and name in place_words:
                label = place_words[name]  # "the Sallowmere airfield" beside "Port Sallowmere"
            elif " " not in name and words & _demonyms(name):
                label = "GPE"
            decided[name] = label
        return decided[name]

    out = []
    for m in mentions:
        name = m.text.strip()
        label = None
        if (
            m.label in ("PERSON", "ORG")
            and m.kind == "name"
            and (m.span.article, name) not in surnames
        ):
            label = place_label(name)
        out.append(dataclasses.replace(m, label=label) if label else m)
    return out
