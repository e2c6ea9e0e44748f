"""Who did what to whom, where, how and why — and who says so — from the parse.

Roles of an event mention (verbal or nominal trigger):

* ``agent``: the subject ("Soleimani flew"), the possessor of a nominal trigger
  ("Soleimani's trip"), a "by" agent of a passive, or the subject shared with a
  governing verb ("flew to Moscow to meet Putin": Soleimani meets);
* ``patient``: the direct object; "of X" after a nominal trigger; for sanctions and their
  lifting, who they target ("a ban on X", "sanctions against him", "X had sanctions dropped");
* ``recipient``: "with X" (meetings), an indirect object, "to X" naming a person;
* ``destination`` / ``origin``: "to / into / in X" and "from X" with a place;
* ``vehicle``: "via / by / aboard X";
* ``purpose``: an infinitival clause ("to meet with Putin");
* ``place``: "in / at X" with a place, for events that do not move.

Attribution is the clause naming the source ("multiple intelligence sources tell
Fox News", "Fox News reported", "according to RIA"); ``denied_by`` the subject
of a governing "deny" ("The Kremlin has denied that…").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storyline.model import Role, RoleName, Span

ATTRIBUTION_VERBS = frozenset(
    {"tell", "say", "report", "cite", "confirm", "learn", "believe", "claim", "state", "add"}
)
DENY_VERBS = frozenset({"deny", "dismiss", "reject"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MOVE_TYPES = frozenset({"travel", "deploy-forces", "withdraw-forces", "supply-weapons"})
_VEHICLE_PREPS = frozenset({"via", "aboard", "by"})
_MEASURE_TYPES = frozenset({"sanction", "lift-sanctions"})
RESTRICTION_NOUNS = frozenset({"sanction", "ban", "embargo", "restriction", "freeze"})
"""Nouns of a measure that can be imposed, kept or lifted."""
MEASURE_NOUNS = RESTRICTION_NOUNS | {"designation"}

EntityAt = Callable[[Any], str | None]


def _span_of(tokens: list[Any], article: str) -> Span:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return Span(article, start, end)


def _subtree_span(tok: Any, article: str) -> Span:
    return _span_of(list(tok.subtree), article)


def phrase_span(tok: Any, article: str) -> Span:
    """A noun's phrase up to the noun itself: its determiners, modifiers and
    compounds, without the clauses and prepositions that follow it."""
    if tok.pos_ in ("VERB", "AUX"):
        return _subtree_span(tok, article)
    return _span_of([tok.left_edge, tok], article)


def _is_place(tok: Any) -> bool:
    return bool(tok.ent_type_ in _PLACE_LABELS)


def _is_goal(tok: Any) -> bool:
    """A place, or a proper name the tagger did not type that is not a person:
    after "flew to" / "arrived from", an unknown capital is still a place. (After a
    travel verb, "to X" is the destination even when the tagger took X for a person:
    people travel to places.)"""
    return _is_place(tok) or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("PERSON", "NORP"))


def shared_subject(tok: Any) -> Any | None:
    """The subject a trigger shares with the verb governing it (xcomp, advcl, conj)
    or, for a noun, with the light verb it is the object of ("held talks")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    head = tok.head
    if head.i == tok.i:
        return None
    if (tok.dep_ in ("xcomp", "advcl", "conj")) or (tok.pos_ == "NOUN" and tok.dep_ == "dobj"):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


ACCUSE_VERBS = frozenset({"accuse", "tie", "implicate", "blame", "link", "connect", "charge"})
"""Verbs that lay an act on someone: "tied X to the plot", "X were implicated in the plot"."""
_ACCUSE_PREPS = frozenset({"to", "in", "of", "for", "with"})


def accused(tok: Any) -> list[Any]:
    """Who a nominal act is laid on by the verb that governs it: the object of "tied X to
    the plot" / "accused X of the attack", the subject of "X were implicated in the plot"
    (and the people coordinated with them). Not the accuser: the Treasury that "tied" a
    general to a plot is no plotter."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in _ACCUSE_PREPS:
        return []
    verb = tok.head.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ACCUSE_VERBS:
        return []
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")][:1]
    return found + [c for f in found for c in f.children if c.dep_ == "conj"]


def complement_of(tok: Any) -> Any | None:
    """The trigger noun a trigger verb completes: "the plot to assassinate the ambassador"
    tells one act, the noun's, whatever spaCy attached the verb to (it often makes the
    verb an adverbial clause of the main verb, whose subject would then be taken for the
    act's agent)."""
    if tok.pos_ != "VERB" or tok.i < 2:
        return None
    to, noun = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if to.lower_ != "to" or to.head.i != tok.i or noun.pos_ != "NOUN" or noun.dep_ == "compound":
        return None
    return noun


def _targets(tok: Any) -> list[Any]:
    """Who a sanction or its lifting is aimed at: "on X" / "against X" anywhere in the
    trigger's phrase ("a travel ban and asset freezes on Soleimani", "sanctions against
    him dropped"), and the subject of a causative "have" ("Soleimani had sanctions
    dropped")."""
    found = [
        g
        for t in tok.subtree
        if t.dep_ == "prep" and t.lower_ in ("on", "against")
        for g in t.children
        if g.dep_ == "pobj"
    ]
    head = tok.head
    if tok.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in ("have", "get"):
        found += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def roles_of(tok: Any, etype: str, article: str, entity_at: EntityAt) -> tuple[Role, ...]:
    """The roles of the event mention whose trigger is ``tok`` (a spaCy token)."""
    found: list[Role] = []

    def add(role: RoleName, head: Any) -> None:
        role_ = Role(role, phrase_span(head, article), entity_at(head))
        if not any(r.role == role and r.entity == role_.entity is not None for r in found):
            found.append(role_)

    measures = etype in _MEASURE_TYPES
    if measures:
        for target in _targets(tok):
            add("patient", target)
    for c in tok.children:
        dep = c.dep_
        if measures and c.lemma_.lower() in MEASURE_NOUNS:
            continue  # "sanctions … dropped": the measure, not an agent or a patient
        if dep in ("nsubj", "agent") and tok.pos_ == "VERB":
            target = next((g for g in c.children if g.dep_ == "pobj"), c) if dep == "agent" else c
            add("agent", target)
        elif dep == "nsubjpass":
            add("patient", c)
        elif dep == "poss" and tok.pos_ == "NOUN":
            add("agent", c)
        elif dep in ("dobj", "attr"):
            add("patient", c)
        elif dep in ("dative", "iobj"):
            add("recipient", c)
        elif dep == "xcomp" or (
            dep == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            add("purpose", c)
        elif dep == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            prep = c.lower_
            if prep in _VEHICLE_PREPS and not _is_place(obj):
                add("vehicle", obj)
            elif prep == "from" and (_is_place(obj) or (etype in _MOVE_TYPES and _is_goal(obj))):
                add("origin", obj)
            elif (
                prep in ("to", "into")
                and etype in _MOVE_TYPES
                and (_is_goal(obj) or (etype == "travel" and obj.pos_ == "PROPN"))
            ):
                add("destination", obj)
            elif prep == "in" and _is_place(obj):
                add("destination" if etype in _MOVE_TYPES else "place", obj)
            elif prep in ("at",) and _is_place(obj):
                add("place", obj)
            elif (prep == "with" and obj.ent_type_ in ("PERSON", "ORG", "NORP")) or (
                prep == "to" and obj.ent_type_ in ("PERSON", "ORG")
            ):
                add("recipient", obj)
            elif prep == "of" and tok.pos_ == "NOUN":
                add("patient", obj)
    if not any(r.role == "agent" for r in found):
        blamed = accused(tok)
        for who in blamed:
            add("agent", who)
        subject = None if blamed else shared_subject(tok)
        if subject is not None:
            add("agent", subject)
    return tuple(found)


def attribution_of(tok: Any, article: str) -> Span | None:
    """The clause that says who reports the event of trigger ``tok``, if any."""
    sent = tok.sent
    trigger_ids = {t.i for t in tok.subtree}
    for verb in sent:
        if verb.i == tok.i or verb.lemma_.lower() not in ATTRIBUTION_VERBS or verb.pos_ != "VERB":
            continue
        if verb.i in trigger_ids:
            continue
        parts = [verb]
        for c in verb.children:
            if c.dep_ in ("nsubj", "dobj", "dative", "iobj", "agent", "npadvmod") or (
                c.dep_ == "xcomp" and c.lemma_.lower() != tok.lemma_.lower()
            ):
                sub = list(c.subtree)
                if not trigger_ids & {t.i for t in sub}:
                    parts.extend(sub)
        if len(parts) > 1:
            return _span_of(parts, article)
    for t in sent:
        if t.lower_ == "according":
            to = next((c for c in t.children if c.lower_ == "to"), None)
            if to is not None:
                return _span_of([t, *to.subtree], article)
    return None


def denied_by(tok: Any, article: str) -> Span | None:
    """The subject of the "deny" that governs ``tok`` ("The Kremlin"), if any."""
    for anc in tok.ancestors:
        if anc.lemma_.lower() in DENY_VERBS:
            subject = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return phrase_span(subject, article) if subject is not None else None
    return None
