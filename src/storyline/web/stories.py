"""Stories: which articles belong together, and their cached briefs.

Until storyline has an article → story clustering stage, a story is one of:

* a **collection**: the articles that share a ``collection`` value (a Multi-News cluster,
  or anything ingested with one); id ``c-`` + a hash of the collection name;
* a **named story** made in the web app: an upload (files or pasted text) goes into a new
  story named by the user, or into an existing one; id ``s-`` + 12 hex digits;
* the **unfiled** articles: every article in no collection and no named story (for example
  everything ``storyline ingest`` or ``storyline demo`` stored); id ``unfiled``.

An article with a collection that is also uploaded into a named story belongs to both.

A story's brief is cached in the store under a key made of what decides it: the sorted
hashes of its articles, the pipeline version and the watchlist version. Pages read the
latest cached brief of a story and say when it is out of date (articles were added, the
watchlist changed, the pipeline was upgraded); the writer thread then makes a new one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from storyline.model import stable_id
from storyline.store import Store

from .views import VIEW_VERSION

UNFILED = "unfiled"


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    kind: str  # "collection" | "named" | "unfiled"
    name: str
    articles: int
    last_seq: int
    first_published: str | None = None
    last_published: str | None = None
    sources: int = 0

    @property
    def collection(self) -> str | None:
        return self.name if self.kind == "collection" else None


_WATCHLIST_KEYS: dict[tuple[str, tuple[int, int, int]], str] = {}


def watchlist_key(store: Store) -> str:
    """The hash of the stored watchlist, recomputed only when its fingerprint changes (a
    sanctions list can hold tens of thousands of entries; pages ask on every request)."""
    signature = (store.path, store.watchlist_signature())
    key = _WATCHLIST_KEYS.get(signature)
    if key is None:
        key = store.watchlist_key()
        if len(_WATCHLIST_KEYS) > 64:
            _WATCHLIST_KEYS.clear()
        _WATCHLIST_KEYS[signature] = key
    return key


def running_pipeline() -> str:
    """The version a brief made now would carry (loads the English model once)."""
    from storyline import __version__
    from storyline.annotate import pipeline_version

    return f"storyline {__version__} / {pipeline_version()}"


def collection_story_id(collection: str) -> str:
    return stable_id("c", collection)


def _story(kind: str, story_id: str, name: str, row: dict[str, Any]) -> Story:
    return Story(
        id=story_id,
        kind=kind,
        name=name,
        articles=int(row["articles"]),
        last_seq=int(row["last_seq"] or 0),
        first_published=row["first_published"],
        last_published=row["last_published"],
        sources=int(row["sources"] or 0),
    )


def list_stories(store: Store) -> list[Story]:
    """Every story with at least one article, the most recently added to first."""
    found = [
        _story("collection", collection_story_id(r["collection"]), r["collection"], r)
        for r in store.collection_stories()
    ]
    found += [_story("named", r["id"], r["title"], r) for r in store.named_stories()]
    unfiled = store.unfiled_story()
    if unfiled["articles"]:
        found.append(_story("unfiled", UNFILED, "Articles in no story", unfiled))
    return sorted(found, key=lambda s: (-s.last_seq, s.id))


def find_story(store: Store, story_id: str) -> Story | None:
    if story_id == UNFILED:
        row = store.unfiled_story()
        return _story("unfiled", UNFILED, "Articles in no story", row) if row["articles"] else None
    if story_id.startswith("s-"):
        if store.named_story(story_id) is None:
            return None
        return next((s for s in list_stories(store) if s.id == story_id), None)
    if story_id.startswith("c-"):
        for row in store.collection_stories():
            if collection_story_id(row["collection"]) == story_id:
                return _story("collection", story_id, row["collection"], row)
    return None


def story_articles(store: Store, story: Story) -> list[tuple[str, str]]:
    """``(id, hash)`` of the story's articles, in ingest order."""
    if story.kind == "collection":
        return store.collection_articles(story.name)
    if story.kind == "named":
        return store.named_story_articles(story.id)
    return store.unfiled_articles()


def articles_key(pairs: list[tuple[str, str]]) -> str:
    """A hash of the set of article texts (their content hashes, sorted)."""
    digest = hashlib.sha256()
    for h in sorted({h for _, h in pairs}):
        digest.update(h.encode("ascii"))
    return digest.hexdigest()


def brief_key(articles: str, watchlist: str, pipeline: str) -> str:
    return hashlib.sha256(f"{articles}\x1f{watchlist}\x1f{pipeline}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class BriefState:
    """The latest cached brief of a story and whether it is up to date."""

    key: str | None
    view: dict[str, Any] | None
    created_at: str | None
    fresh: bool
    reason: str  # why it is not fresh ("" when it is)


def brief_state(store: Store, story: Story, pipeline: str | None) -> BriefState:
    """Read the story's latest brief. ``pipeline`` is the running pipeline version, or
    ``None`` while it is not known yet (the writer thread loads the model at start-up)."""
    row = store.story_brief(story.id)
    if row is None:
        return BriefState(None, None, None, False, "no brief has been made yet")
    view = json.loads(row["view"])
    reason = ""
    if view.get("view_version") != VIEW_VERSION:
        return BriefState(None, None, None, False, "it was made by another version of the app")
    if row["articles_key"] != articles_key(story_articles(store, story)):
        reason = "articles were added since it was made"
    elif row["watchlist_key"] != watchlist_key(store):
        reason = "the watchlist changed since it was made"
    elif pipeline is not None and row["pipeline"] != pipeline:
        reason = "it was made by another version of the pipeline"
    return BriefState(row["key"], view, row["created_at"], not reason, reason)


LISTS = ("events", "entities")
"""Parts of the brief the JSON API serves as lists, cached as items of kind ``list``."""


def compute_brief(store: Store, story: Story, progress: Any = None) -> str:
    """Brief the story's articles against the stored watchlist and cache the result (the
    brief JSON, the story page's view, entity dossiers, alerts and the API's lists).
    Returns the key."""
    from storyline.pipeline import brief_from_store
    from storyline.render.json import brief_to_dict

    from .views import alert_items, entity_dossiers, story_view

    pairs = story_articles(store, story)
    ids = [i for i, _ in pairs]
    watchlist = watchlist_key(store)
    brief = brief_from_store(store, ids, progress=progress)
    data = brief_to_dict(brief)
    a_key = articles_key(pairs)
    pipeline = str(data["pipeline_version"])
    key = brief_key(a_key, watchlist, pipeline)
    view = story_view(data)
    items = [("entity", d["id"], _dumps(d)) for d in entity_dossiers(data)]
    items += [("alert", d["id"], _dumps({**d, "story": story.id})) for d in alert_items(data)]
    # the API's lists, encoded once here: served as they are, not parsed from the brief
    items += [("list", name, _dumps(list(data.get(name) or []))) for name in LISTS]
    store.save_brief(
        key,
        a_key,
        watchlist,
        pipeline,
        view["headline"],
        json.dumps(data, ensure_ascii=False),
        _dumps(view),
        items,
        [story.id],
    )
    return key


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
