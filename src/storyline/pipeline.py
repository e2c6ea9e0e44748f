"""The one place that knows the order of the stages.

``ingest`` reads inputs into the store (exact duplicates stored once,
near-duplicates linked) and annotates what it stored; ``build_brief`` runs the
analysis stages over annotated articles and returns a :class:`Brief`::

    read → store → annotate → entities, times → event mentions → events
         → conflicts → summary → screening → alerts → Brief
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline import __version__
from storyline.model import (
    SCHEMA_VERSION,
    AnnotatedArticle,
    Article,
    ArticleLink,
    Brief,
    Rejection,
    WatchlistEntry,
)
from storyline.store import Store

Progress = Callable[[int], None]
# Estimated Jaccard of word 5-shingles. A wire story re-run with a new headline, an added
# paragraph and a few words changed scores ~0.75 (demo-04/05); independent reports of the
# same event score below 0.1 (measured on the demo and the seeds).
NEAR_DUPLICATE_THRESHOLD = 0.6


@dataclass
class IngestReport:
    """What one ingest run did: counts, the articles it touched, and every skip with its reason."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    annotated: int = 0
    article_ids: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.rejections)


def ingest(
    paths: Sequence[str],
    store: Store,
    input_format: str = "auto",
    max_bytes: int | None = None,
    annotate_articles: bool = True,
    on_rejection: Callable[[Rejection], None] | None = None,
    progress: Progress | None = None,
    stdin: object | None = None,
    on_article: Callable[[Article, str], None] | None = None,
) -> IngestReport:
    """Read ``paths`` into ``store``; one transaction per article, so an interrupted
    run keeps what it finished and never leaves half an article. ``on_article`` hears
    what became of each article read (``added``, ``duplicate``)."""
    from storyline.ingest import DEFAULT_MAX_BYTES, NearDuplicateIndex, read_inputs, signature

    report = IngestReport()
    index = NearDuplicateIndex(threshold=NEAR_DUPLICATE_THRESHOLD)
    for aid, blob in store.signatures():
        index.add(aid, np.frombuffer(blob, dtype=np.uint64))
    fresh: list[Article] = []
    for item in read_inputs(
        paths,
        input_format=input_format,
        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
        stdin=stdin,  # type: ignore[arg-type]
    ):
        if isinstance(item, Rejection):
            report.rejections.append(item)
            if on_rejection:
                on_rejection(item)
            continue
        report.read += 1
        sig = signature(item.text)
        with store.transaction():
            result = store.add_article(item)
            if result.status == "conflict":
                rejection = Rejection(item.origin or item.id, result.detail)
                report.rejections.append(rejection)
                if on_rejection:
                    on_rejection(rejection)
                continue
            if result.status == "duplicate":
                report.duplicates += 1
            else:
                report.added += 1
                for other, similarity in index.query(sig):
                    if other != item.id:
                        store.add_link(ArticleLink(item.id, other, "near-duplicate", similarity))
                        report.near_duplicates += 1
                store.add_signature(item.id, sig.astype(np.uint64).tobytes())
                index.add(item.id, sig)
                fresh.append(item)
        if result.article_id not in report.article_ids:
            report.article_ids.append(result.article_id)
        if on_article:
            on_article(item, result.status if result.status == "added" else result.detail)
        if progress:
            progress(1)
    if annotate_articles and fresh:
        from storyline.annotate import annotate

        annotate(fresh, store)
        report.annotated = len(fresh)
    return report


def build_brief(
    items: Sequence[AnnotatedArticle],
    watchlist: Sequence[WatchlistEntry] = (),
    links: Sequence[ArticleLink] = (),
    words: int | None = None,
    threshold: float | None = None,
    compress: bool = False,
) -> Brief:
    """Run every analysis stage over ``items`` and gather the results into a brief."""
    from storyline.annotate import pipeline_version
    from storyline.claims import find_claims, find_conflicts
    from storyline.entities.resolve import resolve_entities
    from storyline.events.cluster import cluster_events
    from storyline.events.extract import extract_event_mentions
    from storyline.summarize.extractive import DEFAULT_WORDS, summarize
    from storyline.time.publication import ANCHOR_CONFIDENCE, anchors, publication_dates
    from storyline.time.tagger import tag_times
    from storyline.watchlist import DEFAULT_THRESHOLD, apply_rules, screen

    entities = resolve_entities(items)
    dates = publication_dates(items)
    times = tag_times(items, anchors(dates))
    mentions = extract_event_mentions(items, entities, times)
    events = cluster_events(mentions, entities, items)
    claims = find_claims(items, events, mentions, entities)
    conflicts = find_conflicts(events, mentions, entities, items, claims=claims)
    summary = summarize(items, entities, events, words=words or DEFAULT_WORDS, compress=compress)
    matches = screen(entities, watchlist, threshold or DEFAULT_THRESHOLD) if watchlist else []
    published = {d.article: d.value for d in dates if d.value and d.confidence >= ANCHOR_CONFIDENCE}
    alerts = apply_rules(events, entities, watchlist, matches, conflicts, published)
    listed = {m.entry for m in matches}
    return Brief(
        schema_version=SCHEMA_VERSION,
        pipeline_version=f"storyline {__version__} / {pipeline_version()}",
        articles=tuple(i.article for i in items),
        entities=tuple(entities),
        times=tuple(times),
        events=tuple(events),
        summary=tuple(summary),
        conflicts=tuple(conflicts),
        claims=tuple(claims),
        matches=tuple(matches),
        alerts=tuple(alerts),
        links=tuple(links),
        watchlist=tuple(e for e in watchlist if e.id in listed),
        publication_dates=tuple(dates),
    )


def brief_from_store(
    store: Store,
    ids: Sequence[str] | None = None,
    watchlist: Sequence[WatchlistEntry] = (),
    words: int | None = None,
    threshold: float | None = None,
    progress: Progress | None = None,
    compress: bool = False,
) -> Brief:
    """Brief the stored articles ``ids`` (all when ``None``), annotating any not yet cached."""
    from storyline.annotate import annotate

    articles = store.articles(ids)
    items = annotate(articles, store, progress=progress)
    entries = list(watchlist) or store.watchlist_entries()
    links = store.links([a.id for a in articles])
    return build_brief(items, entries, links, words=words, threshold=threshold, compress=compress)
