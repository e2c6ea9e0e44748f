"""Group event mentions into events: one per real-world happening.

1. **Which mentions.** Negated and cancelled mentions describe nothing that
   happened and form no event; a denied mention joins the event it denies, so
   the timeline can show the denial. Mentions with no participant are dropped.
2. **Blocks.** Mentions are compared only inside a block: same event type and a
   shared actor (person or organisation) or the same article (where a mention
   may name only a place, its actor being "a top general"). Work grows with
   block sizes, not with the square of all mentions.
3. **Pairwise model.** Inside a block the learned model of
   :mod:`storyline.events.coref` (same lemma, lemma, trigger-in-context and
   sentence similarity, shared arguments, time agreement, document similarity;
   trained on whole ECB+ topics, which mix similar happenings) gives each pair a
   probability. Dated mentions cluster first (average linkage cut at the model's
   threshold) and anchor the events; each undated mention joins the anchor with
   its most probable partner when that reaches the threshold, and undated
   leftovers cluster among themselves.
4. **A domain prior.** In a story about a few actors, two mentions of the same
   type and actor whose dates agree at month precision or finer are very likely
   one happening: :data:`DATE_AGREEMENT_PRIOR` is added to the model's log-odds
   (:data:`YEAR_AGREEMENT_PRIOR` when one of them is known only to the year).
   News puts the new event first: an undated mention in an article's headline or
   lead, or one presented as the newest ("once again", "second trip"), gets the
   same prior towards the event its article dates as new. These numbers are set
   by hand for news stories, not learned.
5. **Hard constraints.** Two mentions whose dates exclude each other at their
   granularity never join ("2015-07" and "2016-04-14"), except a departure within
   :data:`TRIP_SPAN_DAYS` days of an arrival (one stay, dated by its arrival); nor
   does a mention that points back ("his last visit", "his first trip") join the event its own
   article reports as new (dated within a fortnight before publication).

Each event's date combines its mentions' dates (:func:`storyline.time.event_dates.combine_dates`):
a day-precise date refines a month-precise one; incompatible ones are flagged in ``date_note``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from storyline.entities.names import without_name_parts
from storyline.events.coref import (
    CorefItem,
    PairModel,
    cluster,
    load_model,
    pair_features,
    trigger_vectors,
)
from storyline.events.ontology import LEAVING_LEMMAS, PLANNING_LEMMAS, TRIP_SPAN_DAYS
from storyline.model import AnnotatedArticle, Entity, Event, EventMention, stable_id
from storyline.time.event_dates import combine_dates, dates_compatible
from storyline.time.values import date_range, granularity

_BACKWARD = frozenset({"last", "previous", "earlier", "first", "prior", "former"})
_FORWARD = frozenset({"again", "second", "third", "latest", "new", "another"})
LEAD_SENTENCES = 2
_ACTOR_TYPES = ("PERSON", "ORG", "NORP")
_PARTY_TYPES = {"sign-agreement": (*_ACTOR_TYPES, "GPE")}
"""Event types whose parties are often named only as countries ("the deal between Iran and
world powers"): for them a shared country also puts two mentions in one block."""
CURRENT_WINDOW_DAYS = 14
DATE_AGREEMENT_PRIOR = 4.0
YEAR_AGREEMENT_PRIOR = 2.0


def _value(m: EventMention) -> str | None:
    """The mention's calendar value, when it has one ("PAST_REF", durations: none)."""
    if m.time is None or not m.time.value:
        return None
    value = m.time.value.split("T", 1)[0]
    return value if granularity(value) != "unknown" else None


def _first_since(m: EventMention, text: str) -> bool:
    """ "The first meeting … since March": the newest of its kind, not an earlier one."""
    before = text[max(m.span.start, m.trigger.start - 25) : m.trigger.start].lower()
    after = text[m.trigger.end : min(m.span.end, m.trigger.end + 60)].lower()
    return bool(re.search(r"\bfirst\b", before) and re.search(r"\bsince\b", after))


def _points_back(m: EventMention, text: str) -> bool:
    """Whether the trigger is modified by "last", "previous", "first"…, or its clause
    tells of an earlier time ("has previously … by flying to Russia before")."""
    if _first_since(m, text):
        return False
    before = text[max(m.span.start, m.trigger.start - 25) : m.trigger.start].lower()
    if any(re.search(rf"\b{w}\b", before) for w in _BACKWARD):
        return True
    clause = text[max(m.span.start, m.trigger.start - 60) : m.trigger.start].lower()
    after = text[m.trigger.end : min(m.span.end, m.trigger.end + 40)].lower()
    return bool(re.search(r"\bpreviously\b", clause) or re.search(r"\bbefore\s*[;,.]", after))


def _points_forward(m: EventMention, text: str) -> bool:
    """Whether the clause presents the event as the newest one ("once again", "second trip",
    "the first meeting since …")."""
    around = text[max(m.span.start, m.trigger.start - 25) : m.trigger.end + 30].lower()
    return _first_since(m, text) or any(re.search(rf"\b{w}\b", around) for w in _FORWARD)


def _start(value: str | None) -> dt.date | None:
    """The first day of a calendar value (``2015-07`` → 2015-07-01), else None."""
    span = date_range(value) if value else None
    return span[0] if span else None


def _older(value: str | None, published: str | None) -> bool:
    """Whether a value names a time that ended before the fortnight up to publication
    ("in July" in an April report; not "last week", not "Thursday")."""
    span = date_range(value) if value else None
    day = _start(published)
    return span is not None and day is not None and (day - span[1]).days > CURRENT_WINDOW_DAYS


def _began_after(start: dt.date | None, published: dt.date | None) -> bool:
    return start is not None and published is not None and start > published


def _same_stay(a: EventMention, b: EventMention) -> bool:
    """An arrival and a departure a few days apart can be one trip."""
    if a.type != "travel" or not ({a.lemma, b.lemma} & LEAVING_LEMMAS):
        return False
    va, vb = _value(a), _value(b)
    if not va or not vb or len(va) != 10 or len(vb) != 10:
        return False
    try:
        gap = abs((dt.date.fromisoformat(va) - dt.date.fromisoformat(vb)).days)
    except ValueError:
        return False
    return gap <= TRIP_SPAN_DAYS


def _is_current(value: str | None, published: str | None) -> bool:
    """Whether a mention's date falls within the fortnight before its article's publication."""
    if not published or not value or len(value) != 10:
        return False
    try:
        days = (dt.date.fromisoformat(published) - dt.date.fromisoformat(value)).days
    except ValueError:
        return False
    return 0 <= days <= CURRENT_WINDOW_DAYS


_SUB_EVENT_LINKS = frozenset(
    {"xcomp", "advcl", "relcl", "acl", "conj", "prep", "pobj", "npadvmod", "ccomp", "appos", "dobj"}
)


def _trigger_tokens(
    mentions: Sequence[EventMention], items: Sequence[AnnotatedArticle]
) -> dict[str, Any]:
    """Each mention's trigger token in its article's parse (mention id → token)."""
    docs = {i.article.id: i.doc for i in items}
    found: dict[str, Any] = {}
    for m in mentions:
        doc = docs.get(m.span.article)
        span = (
            doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand") if doc else None
        )
        if span is not None:
            found[m.id] = span.root
    return found


def _trip_of(mentions: Sequence[EventMention], tokens: dict[str, Any]) -> dict[str, str]:
    """The trip each act of another type happens on, when its clause hangs from a travel
    trigger of the same sentence: "flew to Moscow to meet Putin", "traveled to Russia in
    late July, where he discussed …" (mention id → the travel mention's id)."""
    trips: dict[tuple[str, int], str] = {
        (m.span.article, m.trigger.start): m.id
        for m in mentions
        if m.type == "travel" and m.lemma not in LEAVING_LEMMAS
    }
    found: dict[str, str] = {}
    for m in mentions:
        cur = tokens.get(m.id)
        if m.type == "travel" or cur is None:
            continue
        for _ in range(
            6
        ):  # "… in Port Sallowmere, the capital, where officials say he discussed …"
            if cur.dep_ not in _SUB_EVENT_LINKS or cur.head.i == cur.i:
                break
            cur = cur.head
            trip = trips.get((m.span.article, cur.idx))
            if trip is not None:
                found[m.id] = trip
                break
    return found


def _looks_ahead(m: EventMention, tok: Any) -> bool:
    """Whether a planned act is told as still to come when the article was written ("he is
    expected to discuss", "will meet"), not as planned in the past ("a delivery planned
    during his last trip")."""
    if m.modality != "planned" or tok is None:
        return False
    for t in (tok, *tok.ancestors):
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll") for a in auxes):
            return True
        if t.lemma_.lower() in PLANNING_LEMMAS and (
            t.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)
        ):
            return True
        if t.dep_ not in _SUB_EVENT_LINKS and t.dep_ not in ("ccomp", "ROOT"):
            break
    return False


def _present_perfect(tok: Any) -> bool:
    """Whether the trigger is a verb in the present perfect ("has departed Moscow"), or a
    clause of its own with no subject hangs from one ("has departed Moscow, opting to
    return to Tehran"): news tells the story's own, recent happening that way, not one
    long past."""
    for _ in range(3):
        if tok is None:
            return False
        if tok.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children
        ):
            return True
        if tok.dep_ not in ("xcomp", "advcl") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
        ):
            return False
        tok = tok.head
    return False


def _blocks(mentions: list[EventMention], kinds: dict[str, str]) -> list[list[EventMention]]:
    """Connected groups of mentions sharing a type and an actor (or an article and a place)."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        parties = _PARTY_TYPES.get(m.type, _ACTOR_TYPES)
        actors = [p for p in m.participants if kinds.get(p) in parties]
        keys = [*actors, f"article/{m.span.article}"]
        for k in keys:
            j = first.setdefault((m.type, k), i)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[find(i)].append(m)
    return list(groups.values())


Vectors = tuple[
    dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]
]


def mention_vectors(mentions: Sequence[EventMention], items: Sequence[AnnotatedArticle]) -> Vectors:
    """Sentence, lemma, document and trigger-in-context vectors for the mentions
    (by sentence text, lemma, article id and mention id)."""
    from storyline.embed import embed
    from storyline.text.tfidf import tfidf_vectors

    texts = {i.article.id: i.article.text for i in items}
    spans = [
        (
            texts[m.span.article][m.span.start : m.span.end],
            m.trigger.start - m.span.start,
            m.trigger.end - m.span.start,
        )
        for m in mentions
    ]
    # the trigger vectors first: the same model runs leave the sentence vectors cached
    tvec = dict(zip((m.id for m in mentions), trigger_vectors(spans), strict=True))
    sentences = sorted({texts[m.span.article][m.span.start : m.span.end] for m in mentions})
    lemmas = sorted({m.lemma for m in mentions})
    svec = dict(zip(sentences, embed(sentences), strict=True)) if sentences else {}
    lvec = dict(zip(lemmas, embed(lemmas), strict=True)) if lemmas else {}
    bags = [
        [t.lemma_.lower() for t in i.doc if t.is_alpha and not t.is_stop and len(t) > 2]
        for i in items
    ]
    dvec = (
        dict(zip((i.article.id for i in items), tfidf_vectors(bags), strict=True)) if items else {}
    )
    return svec, lvec, dvec, tvec


def _anchored_clusters(
    corefs: list[CorefItem],
    values: list[str | None],
    model: PairModel,
    apart: np.ndarray,
    prior: np.ndarray,
) -> list[list[int]]:
    """Dated mentions cluster first (they anchor the events); each undated mention
    then joins the anchor it is most likely to corefer with (its best pair, if the
    model's probability reaches the threshold and no constraint forbids it), and
    the undated rest cluster among themselves."""
    dated = [i for i, v in enumerate(values) if v]
    undated = [i for i, v in enumerate(values) if not v]

    def sub(idx: list[int]) -> list[list[int]]:
        sel = np.ix_(idx, idx)
        found = cluster([corefs[i] for i in idx], model, dates_compatible,
                        cannot_link=apart[sel], prior=prior[sel])  # fmt: skip
        return [[idx[k] for k in group] for group in found]

    anchors = sub(dated) if dated else []
    if not undated:
        return anchors
    z = pair_features(corefs, dates_compatible) @ np.asarray(model.weights, dtype=np.float32)
    z = z + prior
    cut = float(np.log(model.threshold / (1 - model.threshold)))
    rest: list[int] = []
    for i in undated:
        best, best_z = None, cut
        for a, members in enumerate(anchors):
            if apart[i, members].any():
                continue
            score = float(z[i, members].max())
            if score >= best_z:
                best, best_z = a, score
        if best is None:
            rest.append(i)
        else:
            anchors[best].append(i)
    return anchors + (sub(rest) if rest else [])


def _join_undated_trips(
    groups: list[list[EventMention]],
    kinds: dict[str, str],
    texts: dict[str, str],
    published: dict[str, str | None],
) -> list[list[EventMention]]:
    """Trips told in one article with no date of their own ("Gen. Orzhelev landed at the
    airfield …" after "arrived early Thursday") join the one trip that article reports as
    its news — dated within the fortnight before publication, with the same traveller —
    unless they point back to an earlier trip ("had previously flown")."""
    merged = [list(g) for g in groups]
    people = [{p for m in g for p in m.participants if kinds.get(p) == "PERSON"} for g in merged]
    # the groups each article reports as its news (a mention dated within the fortnight)
    news_of: dict[str, list[int]] = {}
    for k, g in enumerate(merged):
        for a in {m.span.article for m in g if _is_current(_value(m), published[m.span.article])}:
            news_of.setdefault(a, []).append(k)
    for k, g in enumerate(merged):
        article = g[0].span.article if g else ""
        if (
            not g
            or any(m.span.article != article for m in g)
            or any(_value(m) or m.lemma in LEAVING_LEMMAS for m in g)
            or any(_points_back(m, texts[m.span.article]) for m in g)
            or not people[k]
        ):
            continue
        news = [
            h for h in news_of.get(article, ()) if h != k and merged[h] and people[k] & people[h]
        ]
        if len(news) == 1:
            merged[news[0]].extend(g)
            people[news[0]] |= people[k]
            merged[k] = []
    return [g for g in merged if g]


def cluster_events(
    mentions: Sequence[EventMention],
    entities: Sequence[Entity],
    items: Sequence[AnnotatedArticle],
    model: PairModel | None = None,
    vectors: Vectors | None = None,
) -> list[Event]:
    """Events from ``mentions``; each keeps all its mentions and sources.

    ``vectors`` — sentence, lemma, document and trigger vectors from :func:`mention_vectors`
    — can be passed when they are already computed.
    """
    model = model or load_model()
    kinds = {e.id: e.type for e in entities}
    names = {e.id: e.name for e in entities}
    texts = {i.article.id: i.article.text for i in items}
    published = {i.article.id: i.article.published for i in items}
    usable = [
        m
        for m in mentions
        if m.participants
        and m.type != "deny"
        and m.polarity != "negated"
        and m.modality != "cancelled"
    ]
    usable.sort(key=lambda m: (m.span.article, m.trigger.start))
    svec, lvec, dvec, tvec = vectors or mention_vectors(usable, items)
    lead_rank = {
        i.article.id: {
            sent.start_char + len(sent.text) - len(sent.text.lstrip()): k
            for k, sent in enumerate(i.doc.sents)
        }
        for i in items
    }

    # trips first: an act told as part of a trip ("flew to Moscow to meet Putin") takes
    # the date of the trip it is part of, when it has none of its own
    tokens = _trigger_tokens(usable, items)
    trip_of = _trip_of(usable, tokens)
    blocks = sorted(_blocks(usable, kinds), key=lambda b: b[0].type != "travel")
    trip_date: dict[str, str] = {}
    groups: list[list[EventMention]] = []
    events: list[Event] | None = None  # the trips' events, made once the trips are clustered
    for block in blocks:
        if block[0].type != "travel" and events is None:
            groups = _join_undated_trips(groups, kinds, texts, published)
            events = [_event(g, kinds, names) for g in groups]
            for g, trip in zip(groups, events, strict=True):
                trip_date.update((m.id, trip.date) for m in g if trip.date)
        inherited = {m.id: trip_date[trip_of[m.id]] for m in block
                     if _value(m) is None and trip_of.get(m.id) in trip_date}  # fmt: skip
        corefs = [
            CorefItem(
                id=m.id,
                doc=m.span.article,
                sentence=m.span.start,
                lemma=m.lemma,
                context=svec[texts[m.span.article][m.span.start : m.span.end]],
                lemma_vec=lvec[m.lemma],
                args=frozenset(m.participants),
                time=_value(m) or inherited.get(m.id),
                doc_vec=dvec[m.span.article],
                trigger_vec=tvec[m.id],
            )
            for m in block
        ]
        n = len(block)
        apart = np.zeros((n, n), dtype=bool)
        prior = np.zeros((n, n), dtype=np.float32)
        values = [_value(m) or inherited.get(m.id) for m in block]
        times = [m.time if _value(m) else inherited.get(m.id) for m in block]
        back = [_points_back(m, texts[m.span.article]) for m in block]
        current = [_is_current(values[k], published[m.span.article]) for k, m in enumerate(block)]
        leading = [
            values[k] is None
            and not back[k]
            and (lead_rank[m.span.article].get(m.span.start, 99) < LEAD_SENTENCES
                 or _points_forward(m, texts[m.span.article])
                 or _present_perfect(tokens.get(m.id)))
            for k, m in enumerate(block)
        ]  # fmt: skip
        # "once again", "his second trip": the newest one, not an older trip its own report
        # dates; and an undated report cannot tell of a happening that began after it was
        # published (unless it tells it as planned)
        newest = [
            values[k] is None and not back[k] and _points_forward(m, texts[m.span.article])
            for k, m in enumerate(block)
        ]
        older = [_older(values[k], published[m.span.article]) for k, m in enumerate(block)]
        ahead = [_looks_ahead(m, tokens.get(m.id)) for m in block]
        actors = [{p for p in m.participants if kinds.get(p) in ("PERSON", "ORG")} for m in block]
        starts = [_start(v) for v in values]
        told = [
            None if m.modality == "planned" or values[k] else _start(published[m.span.article])
            for k, m in enumerate(block)
        ]
        for i in range(n):
            for j in range(i + 1, n):
                a, b = block[i], block[j]
                clash = not dates_compatible(times[i], times[j]) and not _same_stay(a, b)
                same_article = a.span.article == b.span.article
                later = _began_after(starts[j], told[i]) or _began_after(starts[i], told[j])
                # what a report tells as still to come is no happening long before it
                later = later or (ahead[i] and _older(values[j], published[a.span.article]))
                later = later or (ahead[j] and _older(values[i], published[b.span.article]))
                # one article's two meetings with no party in common are two meetings
                strangers = (same_article and actors[i] and actors[j]
                             and not actors[i] & actors[j])  # fmt: skip
                if (
                    clash
                    or later
                    or strangers
                    or (
                        same_article
                        and (
                            (back[i] and current[j])
                            or (back[j] and current[i])
                            or (newest[i] and older[j])
                            or (newest[j] and older[i])
                        )
                    )
                ):
                    apart[i, j] = apart[j, i] = True
                elif values[i] and values[j]:
                    fine = min(len(values[i] or ""), len(values[j] or "")) >= 7
                    prior[i, j] = prior[j, i] = (
                        DATE_AGREEMENT_PRIOR if fine else YEAR_AGREEMENT_PRIOR
                    )
                elif same_article and ((leading[i] and current[j]) or (leading[j] and current[i])):
                    prior[i, j] = prior[j, i] = DATE_AGREEMENT_PRIOR
        for idx in _anchored_clusters(corefs, values, model, apart, prior):
            groups.append([block[i] for i in idx])
        for m in block:
            if m.id in inherited:
                trip_date[m.id] = inherited[m.id]

    if events is None:
        groups = _join_undated_trips(groups, kinds, texts, published)
    events = events or []
    events += [_event(g, kinds, names, trip_date) for g in groups[len(events) :]]
    events.sort(key=lambda e: (e.date is None, e.date or "", e.label, e.id))
    return events


def _event(
    mentions: list[EventMention],
    kinds: dict[str, str],
    names: dict[str, str],
    trip_date: dict[str, str] | None = None,
) -> Event:
    """The event of a group of mentions; with none dated itself, the date of the trip its
    acts are part of (``trip_date``: mention id → that trip's date)."""
    mentions = sorted(mentions, key=lambda m: (m.span.article, m.trigger.start))
    participants: list[str] = []
    for m in mentions:
        for p in m.participants:
            if p not in participants:
                participants.append(p)
    # a trip is dated by its arrival, not by the departure that ends it
    arriving = [m.time for m in mentions if m.time and m.lemma not in LEAVING_LEMMAS]
    combined = combine_dates(arriving or [m.time for m in mentions if m.time])
    if combined.value is None and trip_date:
        combined = combine_dates([trip_date.get(m.id) for m in mentions])
    date = combined.value
    etype = mentions[0].type
    # who did it first ("Russia sent …": a country can be the agent), then the other people
    # and organisations taking part, then the places
    agents: list[str] = []
    for m in mentions:
        for r in m.roles:
            if r.role == "agent" and r.entity in names and r.entity not in agents:
                agents.append(r.entity)
    others = [p for p in participants if kinds.get(p) in ("PERSON", "ORG") and p not in agents]
    actors = [names[p] for p in agents + others][:3]
    places = without_name_parts(
        [
            names[p]
            for p in participants
            if kinds.get(p) in ("GPE", "LOC", "FAC") and p not in agents
        ]
    )[:2]
    label = etype + ": " + (", ".join(actors) or "unknown actors")
    if places:
        label += " — " + ", ".join(places)
    notes = sorted({m.time.note for m in mentions if m.time and m.time.note and not _value(m)})
    return Event(
        id=stable_id("ev", etype, *(m.id for m in mentions)),
        type=etype,
        label=label,
        date=date,
        granularity=combined.granularity if date else "unknown",
        participants=tuple(participants),
        mentions=tuple(mentions),
        sources=tuple(sorted({m.span.article for m in mentions})),
        date_note=(
            f"sources disagree: also {', '.join(combined.conflicts)}"
            if combined.conflicts
            else ("" if date else "; ".join(notes))
        ),
    )
