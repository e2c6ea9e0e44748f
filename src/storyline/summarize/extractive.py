"""Multi-document extractive summary whose every sentence cites its sources.

Sentences are represented by TF-IDF weights over content lemmas, where a word
that names a resolved entity counts as that entity (so "Qasem" and "Qassem"
are one term). A sentence's salience is its cosine to the collection's
centroid plus a bonus for coming early in its article. Sentences are chosen
greedily by maximal marginal relevance, skipping any too similar to one
already chosen, until the word budget is spent. Each chosen sentence then
cites every article that supports its content, not only the article it was
taken from: every article reporting an event the sentence asserts, and every
article with a sentence close to it (cosine above :data:`SUPPORT_THRESHOLD`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import AnnotatedArticle, Entity, Event, Span, SummarySentence

DEFAULT_WORDS = 150
SUPPORT_THRESHOLD = 0.35
REDUNDANCY_THRESHOLD = 0.5
MMR_LAMBDA = 0.7
POSITION_WEIGHT = 0.15
MIN_WORDS, MAX_WORDS = 6, 70


@dataclass(slots=True)
class _Sentence:
    article: str
    order: int  # article's rank in reading order
    position: int  # sentence index within the article
    start: int
    end: int
    text: str
    words: int
    vector: dict[str, float]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _sentences(items: Sequence[AnnotatedArticle], entities: Sequence[Entity]) -> list[_Sentence]:
    entity_at: dict[tuple[str, int], str] = {}
    for e in entities:
        for m in e.mentions:
            entity_at[(m.span.article, m.span.start)] = e.id
    raw: list[tuple[AnnotatedArticle, int, int, Counter[str], int, int, int]] = []
    order = {item.article.id: i for i, item in enumerate(_reading_order(items))}
    for item in items:
        aid = item.article.id
        for pos, sent in enumerate(item.doc.sents):
            terms: Counter[str] = Counter()
            words = 0
            for tok in sent:
                if tok.is_alpha or tok.like_num:
                    words += 1
                ent = entity_at.get((aid, tok.idx))
                if ent is not None:
                    terms[ent] += 1
                elif tok.is_alpha and not tok.is_stop and len(tok) > 2 and not tok.ent_type_:
                    terms[tok.lemma_.lower()] += 1
            text = sent.text.strip()
            lead = len(sent.text) - len(sent.text.lstrip())
            raw.append((item, order[aid], pos, terms, words, sent.start_char + lead, len(text)))
    df: Counter[str] = Counter()
    seen: dict[str, set[str]] = defaultdict(set)
    for item, *_rest in raw:
        seen[item.article.id].update(_rest[2])
    for terms in seen.values():
        df.update(terms)
    n_docs = max(1, len(seen))
    out = []
    for item, rank, pos, terms, words, start, length in raw:
        vec = {
            t: (1 + math.log(c)) * (math.log((n_docs + 1) / (df[t] + 1)) + 1)
            for t, c in terms.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        text = item.article.text[start : start + length]
        out.append(
            _Sentence(item.article.id, rank, pos, start, start + length, text, words,
                      {t: v / norm for t, v in vec.items()})
        )  # fmt: skip
    return out


def _reading_order(items: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Articles by publication date (undated last), then as given."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (p[1].article.published is None, p[1].article.published or "", p[0]))
    return [item for _, item in indexed]


def summarize(
    items: Sequence[AnnotatedArticle],
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    words: int = DEFAULT_WORDS,
) -> list[SummarySentence]:
    """A summary of at most about ``words`` words, every sentence citing its supporting articles."""
    sentences = _sentences(items, entities)
    candidates = [s for s in sentences if MIN_WORDS <= s.words <= MAX_WORDS and s.vector]
    if not candidates:
        return []
    centroid: dict[str, float] = defaultdict(float)
    for s in sentences:
        for t, w in s.vector.items():
            centroid[t] += w
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    centroid = {t: v / norm for t, v in centroid.items()}
    salience = {
        id(s): _cosine(s.vector, centroid) + POSITION_WEIGHT / (1 + s.position) for s in candidates
    }
    chosen: list[_Sentence] = []
    budget = words
    pool = sorted(candidates, key=lambda s: (-salience[id(s)], s.order, s.position))
    while pool and budget > 0:
        best, best_score = None, -math.inf
        for s in pool:
            overlap = max((_cosine(s.vector, c.vector) for c in chosen), default=0.0)
            if overlap > REDUNDANCY_THRESHOLD:
                continue
            score = MMR_LAMBDA * salience[id(s)] - (1 - MMR_LAMBDA) * overlap
            if score > best_score:
                best, best_score = s, score
        if best is None:
            break
        pool.remove(best)
        if best.words > budget and chosen:
            continue
        chosen.append(best)
        budget -= best.words
    chosen.sort(key=lambda s: (s.order, s.position))
    return [_cite(s, sentences, events) for s in chosen]


def _cite(
    chosen: _Sentence, sentences: Sequence[_Sentence], events: Sequence[Event]
) -> SummarySentence:
    by_event: dict[str, Span] = {}
    for event in events:
        if not any(
            m.span.article == chosen.article
            and chosen.start <= m.trigger.start < chosen.end
            and m.polarity == "asserted"
            for m in event.mentions
        ):
            continue
        for m in event.mentions:
            if m.span.article != chosen.article and m.polarity == "asserted":
                known = by_event.get(m.span.article)
                if known is None or m.span < known:
                    by_event[m.span.article] = m.span
    best: dict[str, tuple[float, _Sentence]] = {}
    for s in sentences:
        if s.article == chosen.article:
            continue
        sim = _cosine(chosen.vector, s.vector)
        if sim >= SUPPORT_THRESHOLD and (s.article not in best or sim > best[s.article][0]):
            best[s.article] = (sim, s)
    own = Span(chosen.article, chosen.start, chosen.end)
    support = {s.article: Span(s.article, s.start, s.end) for _, s in best.values()}
    support.update(by_event)
    return SummarySentence(
        text=chosen.text, span=own, citations=(own, *(support[a] for a in sorted(support)))
    )
