"""Event mentions from the dependency parse.

A trigger is a verb or noun whose lemma the ontology knows ("flew", "trip",
"meeting"). Its participants are the resolved entities named inside the
trigger's syntactic subtree; its time is the nearest temporal expression in the
same sentence, preferring one inside that subtree. Polarity comes from negation
and from a governing "deny"; modality from planning verbs, cancellation and
attribution ("sources tell", "according to").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from storyline.events.ontology import NOUN_TYPES, PLANNING_LEMMAS, VERB_TYPES, EventType
from storyline.events.pronouns import agrees, fitting, person_genders
from storyline.events.roles import (
    RESTRICTION_NOUNS,
    accused,
    attribution_of,
    complement_of,
    denied_by,
    phrase_span,
    roles_of,
)
from storyline.model import (
    AnnotatedArticle,
    Entity,
    EventMention,
    Modality,
    Polarity,
    Role,
    Span,
    TimeValue,
    stable_id,
)

_CANCEL = {"cancel", "call", "postpone", "scrap"}
_ATTRIBUTION = {"tell", "report", "say", "accord", "cite", "confirm", "believe", "claim", "learn"}
_DENY = {"deny", "dismiss", "reject"}
WEAPON_NOUNS = frozenset(
    {"weapon", "arm", "missile", "rocket", "munition", "ammunition", "artillery", "shell"}
    | {"bomb", "launcher", "system"}
)
"""What a delivery of weapons delivers: with "send", one of these must be in the phrase.
Aircraft, ships and troops are left out: "sent its gunships to Syria" deploys them."""
# Lemmas that only name an event with the right company ("lift sanctions", "pull out").
_NEEDS = {
    "lift": RESTRICTION_NOUNS,
    "drop": RESTRICTION_NOUNS,
    "relieve": {"sanction"},
    "pull": {"out", "back"},
    "ban": {"from"},
    # imposing or keeping a measure: "has upheld a travel ban and asset freezes on him"
    "impose": RESTRICTION_NOUNS,
    "uphold": RESTRICTION_NOUNS,
    "maintain": RESTRICTION_NOUNS,
    "extend": RESTRICTION_NOUNS,
    "renew": RESTRICTION_NOUNS,
    "reimpose": RESTRICTION_NOUNS,
    # "sent its first component of the S-300 air defense system to Tehran"; not a letter
    "send": WEAPON_NOUNS,
}


_TOPIC_VERBS = {"discuss", "debate", "negotiate", "consider", "propose", "request", "seek"}


def _topic(noun: Any) -> bool:
    """Whether a noun is the object of talk ("discuss radar deliveries and co-operation",
    "discussed the status of the incoming missile shipments")."""
    for _ in range(4):
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
            continue
        break
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _TOPIC_VERBS


def _trigger_type(tok: Any) -> EventType | None:
    if tok.pos_ == "VERB":
        etype = VERB_TYPES.get(tok.lemma_.lower())
    elif tok.pos_ == "NOUN" and tok.dep_ != "compound":
        # "talks" is listed as it is written: its lemma "talk" is a speech, not a meeting
        etype = NOUN_TYPES.get(tok.lemma_.lower()) or NOUN_TYPES.get(tok.lower_)
    else:
        return None
    if etype is not None and tok.pos_ == "NOUN" and _topic(tok):
        return None  # "to discuss radar deliveries": what was talked about, not what happened
    if etype is not None and etype.name == "sanction" and tok.pos_ == "NOUN":
        head = VERB_TYPES.get(tok.head.lemma_.lower()) if tok.head.i != tok.i else None
        if head is not None and head.name == "lift-sanctions":
            return None  # "sanctions … dropped": the measure being lifted, no new sanction
    needs = _NEEDS.get(tok.lemma_.lower())
    if etype is not None and needs is not None:
        around = {t.lemma_.lower() for t in tok.subtree} | {t.lemma_.lower() for t in tok.children}
        if tok.head.i != tok.i:
            around |= {c.lemma_.lower() for c in tok.head.children}
        if not needs & around:
            return None
    return etype


_PRESENCE_VERBS = {"be", "spend", "turn", "show", "stay", "remain"}
_SEEN_VERBS = {"see", "spot", "photograph", "sight", "film"}  # "was seen in Lumenhold"
_PLACE_NOUNS = {"capital", "city", "country", "port"}


def _presence(tok: Any, is_place: Any) -> tuple[Any, Any] | None:
    """(subject, place) when ``tok`` tells that someone was somewhere: "he was in
    Lumenhold on Monday", "spent two days in the capital", "turned up in Lumenhold", "was
    seen in Lumenhold". Being
    abroad is what a travel ban forbids, so such a clause is a travel mention."""
    lemma = tok.lemma_.lower()
    seen = lemma in _SEEN_VERBS and any(c.dep_ == "nsubjpass" for c in tok.children)
    if (lemma not in _PRESENCE_VERBS and not seen) or tok.pos_ not in ("AUX", "VERB"):
        return None
    if lemma in ("turn", "show") and not any(
        c.dep_ == "prt" and c.lower_ == "up" for c in tok.children
    ):
        return None
    if lemma == "be" and any(c.dep_ in ("acomp", "attr", "xcomp") for c in tok.children):
        return None  # "was active in Syria", "is a minister in Tehran"
    subject = next((c for c in tok.children if c.dep_ == ("nsubjpass" if seen else "nsubj")), None)
    if subject is None:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "inside"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (is_place(obj) or obj.lemma_.lower() in _PLACE_NOUNS):
                return subject, obj
    return None


_DEPARTURE_PARTICLES = {"out", "off", "away", "home", "back"}


def _lemma(tok: Any) -> str:
    """The trigger's lemma; a movement verb with "out/off/away/back" is a departure
    ("flew out late on Friday" → ``depart``; "flew back home" → ``return``)."""
    lemma = str(tok.lemma_.lower())
    if lemma in ("fly", "travel", "head", "leave"):
        particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")}
        if particles & {"back", "home"}:
            return "return"
        if particles & _DEPARTURE_PARTICLES:
            return "depart"
    return lemma


_LIGHT_VERBS = {"hold", "have", "take", "make", "conduct", "pay"}
_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their"}


def _argument_tokens(tok: Any) -> list[Any]:
    """Tokens whose entities take part: the trigger's subtree, plus the subject it
    shares with a governing verb ("flew to Moscow to meet Putin") or a light verb
    ("he and Putin held talks")."""
    # a coordinated clause with its own subject tells another act: "In October he flew to
    # X, and last month he was seen in Y" — Y is no part of the flight
    other = {
        t.i
        for c in tok.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for t in c.subtree
    }
    # what an act defies is no party to it: "in defiance of a United Nations ban",
    # "in violation of the Security Council's restrictions", "despite sanctions"
    other |= {t.i for d in tok.subtree if _defied(d) for t in d.subtree}
    tokens = [t for t in tok.subtree if t.i not in other]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    head = tok.head
    if tok.pos_ == "NOUN" and head.lemma_.lower() in _LIGHT_VERBS and tok.dep_ == "dobj":
        has_subject = False
    elif tok.dep_ not in ("xcomp", "advcl", "conj", "relcl") or has_subject:
        return tokens
    # the subject of the nearest clause up the chain that has one: "he … is scheduled to
    # stay there to meet officials", "has departed Moscow, opting to return to Tehran"
    for _ in range(3):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or has_subject:
            for c in subjects[:1]:
                tokens.extend(c.subtree)
            break
        if head.dep_ not in ("xcomp", "advcl", "conj") or head.head.i == head.i:
            break
        head = head.head
    return tokens


_DEFIANCE = {"defiance", "violation", "breach", "contravention", "spite"}


def _defied(prep: Any) -> bool:
    """Whether ``prep`` opens a phrase naming what an act defies ("in defiance of …",
    "in blatant violation of …", "despite …")."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ == "despite":
        return True
    return prep.lower_ in ("in", "into") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in _DEFIANCE for c in prep.children
    )


_PROHIBIT = {"ban", "bar", "forbid", "prohibit", "prevent", "stop", "block"}
_PERMIT = {"authorise", "authorize", "allow", "permit", "able"}


_BACKGROUND_PREPS = {"during", "after", "before", "since", "following"}


def _denied(tok: Any) -> bool:
    """Whether a "deny" governs the trigger, and not merely a clause the trigger sets in
    time: "denied that X met Y during his visit" denies the meeting, not the visit."""
    for a in tok.ancestors:
        if a.lemma_.lower() in _DENY:
            # "did not deny that he had been in the country" denies nothing
            return not any(c.dep_ == "neg" for c in a.children)
        if a.dep_ == "prep" and a.lower_ in _BACKGROUND_PREPS:
            return False
    return False


def _polarity(tok: Any) -> Polarity:
    if _denied(tok):
        return "denied"
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    # "is banned from traveling", "a ban forbidding him from international travel": the act
    # is what is forbidden, not what happened
    prohibited = tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "from"
    if prohibited and tok.head.head.lemma_.lower() in _PROHIBIT:
        return "negated"
    # "Russia does not plan a complete withdrawal"
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in PLANNING_LEMMAS
        and any(c.dep_ == "neg" for c in tok.head.children)
    ):
        return "negated"
    # "they were not authorised to discuss intelligence matters"
    head = tok.head
    if (
        tok.dep_ == "xcomp"
        and head.lemma_.lower() in _PERMIT
        and any(c.dep_ == "neg" for c in head.children)
    ):
        return "negated"
    return "asserted"


_HEARSAY = {"reportedly", "allegedly", "purportedly", "apparently"}


def _modality(tok: Any, sent: Any, attributed: bool) -> Modality:
    chain = [tok, *tok.ancestors]
    if any(t.lemma_.lower() in _CANCEL for t in chain[1:]):
        return "cancelled"
    aux = [c for t in chain[:2] for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(t.lemma_.lower() in PLANNING_LEMMAS for t in chain) or any(
        a.lower_ in ("will", "'ll", "would", "'d") for a in aux
    ):
        return "planned"
    if tok.tag_ == "JJ" or (tok.i > 0 and tok.nbor(-1).lemma_.lower() in PLANNING_LEMMAS):
        return "planned"
    if attributed or any(c.lower_ in _HEARSAY for c in tok.children):
        return "reported"
    if any(t.lemma_.lower() in _ATTRIBUTION for t in sent if t.pos_ in ("VERB", "ADV", "ADP")):
        return "reported"
    return "actual"


def extract_event_mentions(
    items: Sequence[AnnotatedArticle],
    entities: Sequence[Entity],
    times: Sequence[TimeValue],
) -> list[EventMention]:
    """All event mentions in ``items``, with participants resolved to ``entities``."""
    entity_at: dict[tuple[str, int], str] = {}
    kinds = {e.id: e.type for e in entities}
    for e in entities:
        for m in e.mentions:
            for pos in range(m.span.start, m.span.end):
                entity_at[(m.span.article, pos)] = e.id
    times_by_article: dict[str, list[TimeValue]] = {}
    for t in times:
        if t.type != "DURATION":
            times_by_article.setdefault(t.span.article, []).append(t)

    person_mentions: dict[str, list[tuple[int, str, bool]]] = {}
    docs = {item.article.id: item.doc for item in items}
    for e in entities:
        if e.type == "PERSON":
            for m in e.mentions:
                doc = docs.get(m.span.article)
                span = doc.char_span(m.span.start, m.span.end) if doc is not None else None
                subject = span is not None and _is_subject(span.root)
                person_mentions.setdefault(m.span.article, []).append((m.span.start, e.id, subject))
    for found in person_mentions.values():
        found.sort()
    genders = person_genders(docs, person_mentions)

    out: list[EventMention] = []
    for item in items:
        aid = item.article.id
        article_times = times_by_article.get(aid, [])
        for sent in item.doc.sents:
            sent_times = [
                t for t in article_times if sent.start_char <= t.span.start < sent.end_char
            ]
            made: dict[int, EventMention] = {}
            completing = _completing_verbs(sent)
            for tok in sent:
                etype = _trigger_type(tok)
                present = None
                if etype is None:
                    present = _presence(
                        tok,
                        lambda t, aid=aid: (
                            t.ent_type_ in ("GPE", "LOC")
                            or kinds.get(entity_at.get((aid, t.idx), "")) in ("GPE", "LOC")
                        ),
                    )
                    etype = VERB_TYPES["visit"] if present is not None else None
                if etype is None or any(v.i == tok.i for v in completing.values()):
                    continue  # "plot to assassinate": the verb is told with its noun
                comp = completing.get(tok.i)
                scope = [*tok.subtree, *(comp.subtree if comp is not None else ())]
                lo = min(t.idx for t in scope)
                hi = max(t.idx + len(t) for t in scope)

                def resolve(t: Any, aid: str = aid, end: int = sent.end_char) -> str | None:
                    ent = entity_at.get((aid, t.idx))
                    binders = _binders(t) if ent is None and t.lower_ in _POSSESSIVES else None
                    if binders is not None:
                        # "the Russian president ordered his military": his is the
                        # subject's, whoever the story is about; an unnamed subject
                        # leaves it unresolved rather than guessed; "his" is a person's
                        if not binders:
                            return None
                        for b in binders:
                            bound = resolve(b)
                            if (
                                bound is not None
                                and (t.lower_ == "their" or kinds.get(bound) == "PERSON")
                                and agrees(genders, bound, t.lower_)
                            ):
                                return bound
                    if ent is None and t.lower_ in _PRONOUNS:
                        fronted = t.i < t.sent.root.i and t.head.dep_ in (
                            "pobj",
                            "prep",
                            "advcl",
                            "npadvmod",
                        )
                        ent = _antecedent(
                            aid,
                            t.idx,
                            fitting(person_mentions, genders, t.lower_),
                            end if fronted else None,
                            t.sent.start_char,
                        )
                    return ent

                participants: list[str] = []
                blamed = [t for who in accused(tok) for t in who.subtree]
                scope_args = [*_argument_tokens(tok), *blamed]
                for t in [*scope_args, *(comp.subtree if comp is not None else ())]:
                    ent = entity_at.get((aid, t.idx))
                    if ent is None and t.dep_ in ("nsubj", "poss", "nsubjpass"):
                        ent = resolve(t)
                    if ent is not None and ent not in participants:
                        participants.append(ent)
                roles = roles_of(tok, etype.name, aid, resolve)
                if present is not None:
                    subject, place = present
                    agent = resolve(subject)
                    if kinds.get(agent or "") != "PERSON":
                        continue  # "the company is in London": a person's presence only
                    roles = (
                        Role("agent", phrase_span(subject, aid), agent),
                        Role(
                            "destination", phrase_span(place, aid), entity_at.get((aid, place.idx))
                        ),
                    )
                if comp is not None:  # the verb's objects and places; its agent is the noun's
                    roles += tuple(
                        r
                        for r in roles_of(comp, etype.name, aid, resolve)
                        if r.role not in ("agent", "purpose") and r not in roles
                    )
                for r in roles:
                    if r.entity is not None and r.entity not in participants:
                        participants.append(r.entity)
                attribution = attribution_of(tok, aid)
                time = _nearest_time(tok, sent_times, lo, hi)
                if time is None and accused(tok):
                    # "in 2011 they were implicated in the plot": the act laid on them is
                    # dated by the clause that lays it, when it has no date of its own
                    accusation = made.get(tok.head.head.i)
                    time = accusation.time if accusation is not None else None
                restated = _restated(tok, etype.name, made)
                if restated is not None:
                    # "flew to X in October, a trip the government never acknowledged":
                    # the noun names the verb's happening, with its time and participants
                    time = time or restated.time
                    participants += [p for p in restated.participants if p not in participants]
                text = sent.text.rstrip()
                polarity = _polarity(tok)
                made[tok.i] = EventMention(
                    id=stable_id("em", aid, tok.idx),
                    span=Span(aid, sent.start_char, sent.start_char + len(text)),
                    trigger=Span(aid, tok.idx, tok.idx + len(tok)),
                    lemma=_lemma(tok),
                    type=etype.name,
                    participants=tuple(participants),
                    time=time,
                    polarity=polarity,
                    modality=_modality(tok, sent, attribution is not None),
                    roles=roles,
                    attribution=attribution,
                    # who denies it, only when it is denied: "denied that they met during
                    # his visit" does not deny the visit, "did not deny" denies nothing
                    denied_by=denied_by(tok, aid) if polarity == "denied" else None,
                )
                out.append(made[tok.i])
    return out


def _completing_verbs(sent: Any) -> dict[int, Any]:
    """Trigger verbs that complete a trigger noun of their own type ("the plot to
    assassinate …"), by the noun's token index."""
    out = {}
    for tok in sent:
        noun = complement_of(tok)
        if noun is None:
            continue
        verb_type, noun_type = _trigger_type(tok), _trigger_type(noun)
        if verb_type is not None and noun_type is not None and verb_type.name == noun_type.name:
            out[noun.i] = tok
    return out


def _restated(tok: Any, etype: str, made: dict[int, EventMention]) -> EventMention | None:
    """The mention a trigger noun restates: a noun in apposition to a trigger verb of the
    same type ("flew to Moscow in July, a trip that…"; spaCy parses such nouns as
    ``appos`` or ``npadvmod``)."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("appos", "npadvmod"):
        return None
    verb = tok.head
    if tok.dep_ == "appos" and verb.pos_ != "VERB":
        # "sent the system to Tehran, a delivery planned …": spaCy hangs the noun from the
        # clause's last word; it restates the clause's verb
        verb = next((a for a in tok.head.ancestors if a.pos_ == "VERB"), verb)
    head = made.get(verb.i)
    return head if head is not None and head.type == etype and verb.pos_ == "VERB" else None


_POSSESSIVES = {"his", "her", "their"}


def _binders(pronoun: Any) -> tuple[Any, ...] | None:
    """Who may bind a possessive pronoun, in order: the subject of the nearest clause above
    it ("the president ordered his troops"), then that verb's objects named before it ("the
    Treasury sanctioned Soleimani for his role"); or the possessor of the noun a clause
    completes ("Putin's decision to withdraw his forces"). ``()`` when the subject is a
    common noun ("the president": the pronoun stays unresolved); ``None`` when nothing
    binds it (a fronted phrase, a clause without a subject, "it was his visit")."""
    cur = pronoun.head
    while True:
        if cur.pos_ in ("VERB", "AUX"):
            subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                subj = subjects[0]
                if pronoun.i in {t.i for t in subj.subtree} or subj.i > pronoun.i:
                    return None  # "his men said …", or a subject named after the pronoun
                if subj.pos_ in ("PRON", "DET") and subj.lower_ not in _PRONOUNS:
                    return None  # "it was his third visit": no person binds it
                first = _name_token(subj)
                if first is None:
                    return ()
                objects = [_name_token(c) for c in cur.children
                           if c.dep_ in ("dobj", "dative") and c.i < pronoun.i]  # fmt: skip
                return (first, *(o for o in objects if o is not None))
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                owner = [c for c in cur.head.children if c.dep_ == "poss"]
                if owner and owner[0].i != pronoun.i:
                    name = _name_token(owner[0])
                    return (name,) if name is not None else ()
                return None
            if cur.dep_ not in ("xcomp", "advcl", "conj"):
                return None
        if cur.head.i == cur.i:
            return None
        cur = cur.head


def _name_token(tok: Any) -> Any | None:
    """A proper name or pronoun a binder phrase is headed by, else ``None``."""
    if tok.pos_ == "PROPN" or tok.lower_ in _PRONOUNS:
        return tok
    names = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    return names[-1] if names else None


def _is_subject(tok: Any) -> bool:
    """Whether a name is (part of) a clause subject, directly or through apposition."""
    while tok.dep_ in ("compound", "appos", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ in ("nsubj", "nsubjpass"))


def _antecedent(
    article: str,
    offset: int,
    person_mentions: dict[str, list[tuple[int, str, bool]]],
    sentence_end: int | None = None,
    sentence_start: int | None = None,
) -> str | None:
    """The person a pronoun most likely refers to (a first approximation of
    coreference): the subject named later in the same sentence when the pronoun
    opens a fronted phrase ("Since his last visit…, Soleimani has…"); else, of the people
    named earlier in the same sentence, the one named most often so far; else, of the
    people named as subjects in the last few sentences, the one named most often so far;
    else the last person named as a subject before it; else the last person named."""
    found = person_mentions.get(article, ())
    if sentence_end is not None:
        after = [e for start, e, subj in found if offset < start < sentence_end and subj]
        if after:
            return after[0]
    before = [(start, e, subj) for start, e, subj in found if start < offset]
    named = Counter(e for _, e, _ in before)
    if sentence_start is not None:
        # a person named earlier in the same sentence: "the Treasury sanctioned Soleimani
        # for his role in the force, which he commands"
        here = [(start, e) for start, e, _ in before if start >= sentence_start]
        if here:
            return max(here, key=lambda se: (named[se[1]], se[0]))[1]
    recent = [(start, e) for start, e, subj in before if subj and start >= offset - RECENT_CHARS]
    if recent:
        # of the people recently named as subjects, the one the story is about (named most
        # often so far), then the latest: "Photographs taken by the journalist X showed his
        # motorcade … He arrived on Tuesday" is still the general
        return max(recent, key=lambda se: (named[se[1]], se[0]))[1]
    subjects = [e for _, e, subj in before if subj]
    if subjects:
        return subjects[-1]
    return before[-1][1] if before else None


RECENT_CHARS = 600
"""How far back (characters) a pronoun's candidate antecedents are weighed by salience."""

_ANCHOR_PREPS = {"since", "after", "before", "until", "till", "following", "ahead"}
_CLAUSE_LINKS = ("xcomp", "advcl", "conj", "ccomp")
_SAYING = {"say", "testify", "report", "tell", "confirm", "claim", "state", "announce", "reveal"}
_SAYING |= {"write", "note", "add", "allege", "insist", "argue", "deny", "acknowledge", "admit"}


def _governor(tok: Any) -> Any:
    """The verb (or the trigger noun itself) a token's phrase hangs from."""
    cur = tok
    while cur.head.i != cur.i and cur.pos_ not in ("VERB", "AUX"):
        cur = cur.head
    return cur


def _owns(trigger: Any, time_root: Any) -> bool:
    """Whether a time expression dates ``trigger``: it hangs from the trigger itself,
    from the verb whose subject or object the trigger noun is, or from the verb a
    subordinate trigger depends on ("traveled to Russia to meet Putin last month")."""
    anc = time_root.head
    while anc.i != anc.head.i and anc.pos_ not in ("VERB", "AUX") and anc.i != trigger.i:
        anc = anc.head
    if anc.i == trigger.i:
        return True
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governor(trigger)
    if trigger.pos_ == "NOUN" and trigger.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return False
    if anc.i == verb.i:
        return True
    # a subordinate trigger shares the time of the clause it depends on; a time
    # inside a clause subordinate to the trigger's dates that clause, not the trigger;
    # what is said is not dated by the saying ("testified in 2015 that around 500
    # Americans were killed")
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAYING:
        return False
    return bool(verb.dep_ in _CLAUSE_LINKS and verb.head.i == anc.i)


def _anchored(time_root: Any, trigger: Any) -> bool:
    """Whether a time sits inside a "since …", "after …" phrase on its way up to the
    trigger: "the first meeting since the floods in January" is not dated January."""
    cur = time_root
    while cur.i != trigger.i and cur.head.i != cur.i:
        cur = cur.head
        if cur.lower_ in _ANCHOR_PREPS and cur.dep_ in ("prep", "mark"):
            return True
    return False


def _nearest_time(tok: Any, candidates: list[TimeValue], lo: int, hi: int) -> TimeValue | None:
    """The time of the mention: the nearest expression of its sentence that dates the
    trigger's own clause (see :func:`_owns`); "since July", "after July 14" are anchors
    of other times, not the event's own, and are passed over."""
    doc = tok.doc
    own = []
    for t in candidates:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        if _anchored(span.root, tok) or not _owns(tok, span.root):
            continue
        own.append(t)
    if not own:
        return None
    inside = [t for t in own if lo <= t.span.start < hi]
    pool = inside or own
    return min(pool, key=lambda t: (abs(t.span.start - tok.idx), t.span.start))
