"""Multi-document extractive summary whose every sentence cites its sources.

The pipeline entry :func:`summarize` works on annotated articles:

1. **Sentences** come from the spaCy parse, articles in reading order
   (publication date, undated last).
2. **Salience** is the plain-sentence score of :mod:`storyline.summarize.core`
   (position, MiniLM centrality, cross-article support, TF-IDF centrality,
   lexical priors of what news summaries keep),
   plus coverage of the story: a bonus for naming entities that many articles
   name, and for reporting events that several articles report.
3. **Redundancy** is controlled at the level of facts: a sentence is skipped
   when it reports the same events with the same people as one already chosen
   (whatever its wording), or repeats one in substance (embedding cosine, word
   pairs already said); lesser overlap lowers its score. A sentence whose subject only
   its own article explains ("The group has been described as …", "This marked …") is
   not taken, except as its article's first sentence.
4. **Order**: the chosen sentences in reading order (articles by date, then
   position), so the story unfolds as it was reported. The word budget is
   ``words``; a sentence is taken whole, so the summary may end a little short.
5. **Citations**: every article that supports a sentence's content, not only
   the one it came from — each article reporting an event the sentence's main
   clause asserts, about the same people (its mention is the citation), and
   each article with a sentence that says the same (embedding cosine, shared
   content words, shared names). Either way the dates must agree: the months
   the mentions give, "since …" as a lower bound, and for an undated lede the
   month the article was published (a report's opening tells that day's news),
   so the 2015 trip and the 2016 trip of one man to Moscow do not cite each other.
6. **Compression** (``compress=True``): attribution tails and parentheticals
   are dropped where the parse shows the sentence stands without them (see
   :mod:`storyline.summarize.compress`); the kept pieces are the sentence's
   ``parts``, so the shorter text is still cited by exact spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.entities.cleanup import TITLE_WORDS
from storyline.model import AnnotatedArticle, Entity, Event, Span, SummarySentence
from storyline.summarize import core
from storyline.summarize.units import is_boilerplate

DEFAULT_WORDS = 150
# When a sentence of another article states the same fact: MiniLM cosine at least
# SUPPORT_COSINE, or at least RELATED_COSINE with at least SUPPORT_OVERLAP of the shorter
# one's content words shared; and names in common, and no incompatible dates. On the seeds,
# restatements of one fact score 0.85-0.87 (content-word overlap 0.5-0.7); sentences on the
# same topic with other facts score up to 0.74 with overlap below 0.4.
SUPPORT_COSINE = 0.8
RELATED_COSINE = 0.65
SUPPORT_OVERLAP = 0.45
# Sentences closer than this are one sentence told twice (wire copy re-run); the seeds'
# ledes on two different trips of the same man to Moscow score 0.87.
DUPLICATE_COSINE = 0.9
# Above this many sentences the MiniLM encoder would dominate the run time (about 100
# sentences/s on one core here): salience then uses the lexical weights, and support needs
# shared words.
EMBED_LIMIT = 5000
# The lede of an article (its first sentences) reports news of about its publication date.
LEDE = 2
# Hand-set weights of story coverage (no gold standard for briefs to fit them on): the
# share of the articles that name the sentence's entities, and that report its events.
ENTITY_WEIGHT = 0.08
EVENT_WEIGHT = 0.08
MIN_WORDS, MAX_WORDS = 5, 80
_BOUNDS = {"since", "until", "till", "before", "after", "from"}
_AFTER = {"since", "after", "from"}
_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{2})?")
# What a sentence asserts: triggers reached from the root through clauses, their
# subjects and objects ("X traveled to Moscow to meet Y", "violated a ban by flying"), at
# most MAIN_CLAUSE_DEPTH arcs down; not a noun inside a prepositional phrase ("after a UN
# meeting", "the facts about his travel").
MAIN_CLAUSE_DEPTH = 3
_MAIN_DEPS = {
    "xcomp",
    "ccomp",
    "advcl",
    "conj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "pcomp",
    "prep",
}


@dataclass(slots=True)
class _Sentence:
    article: str
    order: int  # the article's rank in reading order
    position: int
    start: int
    end: int
    text: str
    sent: object  # the spaCy Span
    entities: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)  # asserted events of its main clause
    told: set[str] = field(default_factory=set)  # events it tells as done, in any clause
    event_spans: dict[str, Span] = field(default_factory=dict)
    event_people: dict[str, set[str]] = field(default_factory=dict)  # per event, its actors
    dates: set[str] = field(default_factory=set)  # months of its main events (YYYY-MM)
    event_dates: dict[str, set[str]] = field(default_factory=dict)  # per event
    words: set[str] = field(default_factory=set)  # content words


def _reading_order(items: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Articles by publication date (undated last), then as given."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (p[1].article.published is None, p[1].article.published or "", p[0]))
    return [item for _, item in indexed]


def _in_main_clause(tok) -> bool:  # type: ignore[no-untyped-def]
    depth = 0
    while tok.head.i != tok.i:
        if tok.dep_ not in _MAIN_DEPS or depth >= MAIN_CLAUSE_DEPTH:
            return False
        tok, depth = tok.head, depth + 1
    return True


def _sentences(
    items: Sequence[AnnotatedArticle], entities: Sequence[Entity], events: Sequence[Event]
) -> list[list[_Sentence]]:
    """Sentences of each article (reading order), with their entities and asserted events."""
    ordered = _reading_order(items)
    per_article: list[list[_Sentence]] = []
    index: dict[str, list[_Sentence]] = {}
    for rank, item in enumerate(ordered):
        aid, text = item.article.id, item.article.text
        out = []
        for pos, sent in enumerate(item.doc.sents):
            raw = sent.text
            lead = len(raw) - len(raw.lstrip())
            start = sent.start_char + lead
            end = start + len(raw.strip())
            if end > start:
                out.append(_Sentence(aid, rank, pos, start, end, text[start:end], sent))
        per_article.append(out)
        index[aid] = out

    def at(article: str, offset: int) -> _Sentence | None:
        for s in index.get(article, ()):
            if s.start <= offset < s.end:
                return s
        return None

    for e in entities:
        for m in e.mentions:
            s = at(m.span.article, m.span.start)
            if s is not None:
                s.entities.add(e.id)
    persons = {e.id for e in entities if e.type == "PERSON"}
    orgs = {e.id for e in entities if e.type == "ORG"}
    for ev in events:
        for m in ev.mentions:
            s = at(m.span.article, m.trigger.start)
            # what a sentence tells as done: "would ever receive sanctions relief" does not
            # support "had sanctions against him dropped"
            if s is None or m.polarity != "asserted" or m.modality in ("planned", "cancelled"):
                continue
            s.told.add(ev.id)
            doc = s.sent.doc  # type: ignore[attr-defined]
            trig = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
            if trig is not None and not _in_main_clause(trig.root):
                continue
            s.events.add(ev.id)
            s.event_spans.setdefault(ev.id, m.span)
            # who the mention is about: its people, else its organisations
            who = {p for p in m.participants if p in persons} or (set(m.participants) & orgs)
            s.event_people.setdefault(ev.id, set()).update(who)
            month = _month(m.time.value if m.time else None)
            dates = s.event_dates.setdefault(ev.id, set())
            bound = _bound(doc, m.time.span.start, trig) if m.time is not None else ""
            if month and not bound:
                s.dates.add(month)
                dates.add(month)
            elif month and bound in _AFTER:
                s.dates.add(">" + month)  # "since July": after July
                dates.add(">" + month)
    for item, sentences in zip(ordered, per_article, strict=True):
        month = _month(item.article.published)
        for s in sentences:
            s.words = {t for t in core.tokens(s.text) if t not in STOP_WORDS and len(t) > 2}
            floors = {d for d in s.dates if d[0] == ">"}
            for dates in s.event_dates.values():
                if not dates:  # undated in a "since …" sentence: after that too
                    dates |= floors
            if month and s.position < LEDE:
                for dates in (*s.event_dates.values(), s.dates):
                    if not any(d[0] != ">" for d in dates):
                        dates.add(month)
    return per_article


_DANGLING_PRONOUNS = {"this", "these", "those"}
_SAYING = {"say", "tell", "report", "add", "confirm", "state", "write", "note", "claim"}


def _dangling(sent) -> bool:  # type: ignore[no-untyped-def]
    """Whether a sentence's subject points back to something only its own article named:
    "This", "These", or a bare "the group" / "this move" (a person's title, "the general",
    still reads in a brief about that person; "It was his second trip" reads too). Out of
    its article, in a summary of several, the reader cannot tell what it is."""
    root = sent.root
    if root.lemma_.lower() in _SAYING:  # "…, the officials said": what is said counts
        root = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis")), None)
        if root is None:
            return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if subject.lower_ in _DANGLING_PRONOUNS:
        return True
    words = list(subject.subtree)
    return (
        subject.pos_ == "NOUN"
        and len(words) == 2
        and words[0].lower_ in ("the", "this", "these", "that", "those")
        and subject.lemma_.lower() not in TITLE_WORDS
    )


def _bound(doc, start: int, trigger) -> str:  # type: ignore[no-untyped-def]
    """The word by which the time expression at ``start`` bounds an interval ("since July",
    "since the president ordered a withdrawal last month", "until March") rather than
    dating the event, or ""."""
    before = doc.text[max(0, start - 8) : start].lower().split()
    if before and before[-1] in _BOUNDS:
        return before[-1]
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None:
        return ""
    stop = trigger.root if trigger is not None else None
    node = tok.root
    for _ in range(12):
        for c in (node, *node.children):
            if c.lower_ in _BOUNDS and c.dep_ in ("mark", "prep"):
                return c.lower_
        if node is stop or node.head is node:
            return ""
        node = node.head
    return ""


def _month(value: str | None) -> str | None:
    m = _YEAR_MONTH.match(value or "")
    return m.group(0) if m else None


def _dates_agree(a: set[str], b: set[str]) -> bool:
    """Whether two sets of dates (``YYYY-MM`` or ``YYYY``; ``>…`` for "since then") can
    date the same happening: nothing before the other side's "since", and, when both give
    dates, some pair at most a month apart."""

    def span(v: str) -> tuple[int, int]:
        v = v.lstrip(">")
        year = int(v[:4]) * 12
        return (year + int(v[5:7]), year + int(v[5:7])) if len(v) >= 7 else (year + 1, year + 12)

    exact_a = [span(v) for v in a if v[0] != ">"]
    exact_b = [span(v) for v in b if v[0] != ">"]
    for exact, other in ((exact_a, b), (exact_b, a)):
        floors = [span(v)[0] for v in other if v[0] == ">"]
        if floors and exact and max(hi for _, hi in exact) < max(floors):
            return False
    if not exact_a or not exact_b:
        return True
    return any(x0 <= y1 + 1 and y0 <= x1 + 1 for x0, x1 in exact_a for y0, y1 in exact_b)


def summarize(
    items: Sequence[AnnotatedArticle],
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    words: int = DEFAULT_WORDS,
    compress: bool = False,
) -> list[SummarySentence]:
    """A summary of at most about ``words`` words; every sentence cites its supporting articles."""
    per_article = _sentences(items, entities, events)
    docs = [[s.text for s in a] for a in per_article]
    flat = [s for a in per_article for s in a]
    if not flat:
        return []
    embed = len(flat) <= EMBED_LIMIT
    vectors = core.sentence_vectors([s.text for s in flat]) if embed else None
    salience = core.default_weights(embed).score(core.features(docs, vectors))
    n_articles = max(1, len(per_article))
    entity_reach = {e.id: len(e.articles) / n_articles for e in entities}
    event_reach = {ev.id: len(ev.sources) / n_articles for ev in events}
    for i, s in enumerate(flat):
        if s.entities:
            salience[i] += ENTITY_WEIGHT * max(entity_reach.get(e, 0.0) for e in s.entities)
        if s.events:
            salience[i] += EVENT_WEIGHT * max(event_reach.get(e, 0.0) for e in s.events)
        if not MIN_WORDS <= core.word_count(s.text) <= MAX_WORDS or is_boilerplate(s.text):
            salience[i] = -np.inf
        elif s.position > 0 and _dangling(s.sent):
            salience[i] = -np.inf  # "The group has been described as …": which group?

    def same_fact(i: int, j: int) -> bool:
        a, b = flat[i], flat[j]
        return bool(a.events) and a.events <= b.events and a.entities <= b.entities

    eligible = [i for i in range(len(flat)) if np.isfinite(salience[i])]
    if not eligible:
        return []
    texts = [flat[i].text for i in eligible]
    sub_vectors = vectors[eligible] if vectors is not None else None
    chosen = core.select(
        texts,
        salience[eligible],
        words,
        sub_vectors,
        same_fact=lambda a, b: same_fact(eligible[a], eligible[b]),
        overshoot=False,
        duplicate=DUPLICATE_COSINE,
    )
    kept = [eligible[i] for i in chosen]
    kept.sort(key=lambda i: (flat[i].order, flat[i].position))
    return [_cite(i, flat, vectors, compress) for i in kept]


def _cite(
    i: int, flat: list[_Sentence], vectors: np.ndarray | None, compress: bool
) -> SummarySentence:
    chosen = flat[i]
    support: dict[str, Span] = {}
    for j, other in enumerate(flat):
        if other.article == chosen.article or other.article in support:
            continue
        shared_event = {
            e
            for e in chosen.events & other.events
            if (
                not (chosen.event_people[e] and other.event_people[e])
                or chosen.event_people[e] & other.event_people[e]
            )
            and _dates_agree(chosen.event_dates[e], other.event_dates[e])
        }
        if shared_event:
            support[other.article] = other.event_spans[min(shared_event)]
            continue
        if not _dates_agree(chosen.dates, other.dates):
            continue
        if chosen.told and other.told and not chosen.told & other.told:
            continue  # both tell events, none the same: different facts, however alike
            # ("had sanctions against him dropped" / "was sanctioned in 2005")
        names_agree = bool(chosen.entities & other.entities) or not (
            chosen.entities or other.entities
        )
        # without vectors (a very large collection), word overlap alone must be convincing
        cosine = float(vectors[i] @ vectors[j]) if vectors is not None else RELATED_COSINE
        overlap = len(chosen.words & other.words) / max(1, min(len(chosen.words), len(other.words)))
        if names_agree and (
            cosine >= SUPPORT_COSINE or (cosine >= RELATED_COSINE and overlap >= SUPPORT_OVERLAP)
        ):
            support[other.article] = Span(other.article, other.start, other.end)
    own = Span(chosen.article, chosen.start, chosen.end)
    text, parts = chosen.text, ()
    if compress:
        from storyline.summarize.compress import compress_sentence

        kept = compress_sentence(chosen.sent)
        if kept and kept != [(chosen.start, chosen.end)]:
            parts = tuple(Span(chosen.article, a, b) for a, b in kept)
            source_text = chosen.sent.doc.text  # type: ignore[attr-defined]
            text = "".join(source_text[a:b] for a, b in kept)
    return SummarySentence(
        text=text,
        span=own,
        citations=(own, *(support[a] for a in sorted(support))),
        parts=parts,
    )
