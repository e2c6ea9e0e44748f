"""Home, the stories list with full-text search, and the story page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..jobs import brief_job
from ..pages import db_of, not_found, render
from ..stories import UNFILED, Story, brief_state, collection_story_id, find_story, list_stories

router = APIRouter(include_in_schema=False)


def display_name(story: Story, headlines: dict[str, str]) -> str:
    """A story's name for people: its own name, or for a story without one (the unfiled
    articles) the names its brief mentions most."""
    if story.kind == "unfiled" and headlines.get(story.id):
        return headlines[story.id]
    return story.name


def search_hits(request: Request, query: str) -> list[dict[str, Any]]:
    """Stories with articles matching ``query``, best match first, with the articles."""
    store = db_of(request).reader()
    hits = store.search_articles(query)
    named = store.stories_of([h["id"] for h in hits])
    by_story: dict[str, list[dict[str, Any]]] = {}
    for hit in hits:
        ids = list(named.get(hit["id"], ()))
        if hit["collection"]:
            ids.insert(0, collection_story_id(hit["collection"]))
        for sid in ids or [UNFILED]:
            by_story.setdefault(sid, []).append(hit)
    return [{"story": sid, "articles": found} for sid, found in by_story.items()]


@router.get("/")
def home(request: Request) -> Response:
    stories = list_stories(db_of(request).reader())
    if len(stories) == 1:
        return RedirectResponse(f"/stories/{stories[0].id}", status_code=303)
    return stories_page(request, "")


@router.get("/stories")
def stories_page(request: Request, q: str = Query("", max_length=500)) -> Response:
    store = db_of(request).reader()
    stories = list_stories(store)
    headlines = store.story_headlines()
    index = {s.id: s for s in stories}
    hits = search_hits(request, q) if q.strip() else None
    return render(
        request,
        "stories.html.j2",
        stories=stories,
        index=index,
        headlines=headlines,
        name=lambda s: display_name(s, headlines),
        q=q,
        hits=hits,
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    db = db_of(request)
    store = db.reader()
    story = find_story(store, story_id)
    if story is None:
        raise not_found(f"The story {story_id!r}")
    state = brief_state(store, story, db.pipeline)
    job = None
    if not state.fresh:
        job = db.pending_brief(story.id) or db.submit_brief(
            story.id, f"Brief of “{story.name}”", brief_job(story.id)
        )
    headlines = store.story_headlines()
    return render(
        request,
        "story.html.j2",
        story=story,
        name=display_name(story, headlines),
        state=state,
        view=state.view,
        job=job,
        writer=db.current(),
        refresh=state.view is None,
    )
