"""The entity dossier: names, why they were merged, mentions by article, events, watchlist
matches with their score and features, and alerts."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..pages import db_of, not_found, render
from ..stories import brief_state, find_story

router = APIRouter(include_in_schema=False)


@router.get("/stories/{story_id}/entities/{entity_id}")
def entity_page(request: Request, story_id: str, entity_id: str) -> Response:
    db = db_of(request)
    store = db.reader()
    story = find_story(store, story_id)
    if story is None:
        raise not_found(f"The story {story_id!r}")
    state = brief_state(store, story, db.pipeline)
    data = store.brief_item(state.key, "entity", entity_id) if state.key else None
    if data is None:
        raise not_found(f"The entity {entity_id!r} of this story's brief")
    return render(request, "entity.html.j2", story=story, state=state, e=json.loads(data))
