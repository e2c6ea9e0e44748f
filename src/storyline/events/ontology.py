"""The event types storyline recognises, their trigger lemmas and CAMEO codes.

Data, not code: a type is a name, the CAMEO code (Schrodt, CAMEO codebook 1.1b3)
it maps to, and the verb and noun lemmas that can announce it. A lemma belongs to
one type. ``docs/events.md`` documents the table; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    cameo: str
    verbs: frozenset[str]
    nouns: frozenset[str]


def _t(name: str, cameo: str, verbs: str, nouns: str = "") -> EventType:
    return EventType(name, cameo, frozenset(verbs.split()), frozenset(nouns.split()))


EVENT_TYPES: tuple[EventType, ...] = (
    _t("travel", "042", "travel fly arrive visit depart return land", "trip visit travel journey"),
    _t("meet", "040", "meet discuss", "meeting talks discussion summit"),
    _t(
        "sanction",
        "163",
        "sanction designate blacklist ban impose uphold maintain extend renew reimpose",
        "sanction designation",
    ),
    _t("lift-sanctions", "085", "lift relieve drop", "relief"),
    _t("accuse", "112", "accuse tie implicate blame", "accusation"),
    _t("deny", "016", "deny reject", "denial"),
    _t("threaten", "130", "threaten warn", "threat"),
    _t("attack", "190", "kill attack strike bomb", "attack killing strike"),
    _t("plot", "186", "plot assassinate", "plot"),
    _t("supply-weapons", "072", "deliver supply arm ship send", "delivery shipment"),
    _t("deploy-forces", "150", "deploy", "deployment intervention"),
    _t("withdraw-forces", "0874", "withdraw pull", "withdrawal"),
    _t("sign-agreement", "057", "sign", "agreement deal treaty"),
    _t("testify", "010", "testify", "testimony hearing"),
    _t("arrest", "173", "arrest detain", "arrest detention"),
)

PLANNING_LEMMAS = frozenset({"plan", "schedule", "expect", "intend", "prepare"})
"""Verbs that make an act planned rather than done ("is expected to discuss")."""

LEAVING_LEMMAS = frozenset({"depart", "return", "leave"})
"""Trigger lemmas of a departure ("flew out" is ``depart``, "flew back home" ``return``):
the end of a trip, not a trip of its own."""

TRIP_SPAN_DAYS = 3
"""How many days after an arrival a departure or an act is still told as part of the same
stay (a short official visit): one trip, dated by its arrival."""

VERB_TYPES: dict[str, EventType] = {v: t for t in EVENT_TYPES for v in t.verbs}
NOUN_TYPES: dict[str, EventType] = {n: t for t in EVENT_TYPES for n in t.nouns}
