"""Alerts across every story's latest brief, with their evidence and denials quoted."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..pages import db_of, render
from ..stories import list_stories

router = APIRouter(include_in_schema=False)


def all_alerts(request: Request) -> list[dict[str, Any]]:
    """Every alert of every story's latest brief, highest score first."""
    store = db_of(request).reader()
    found = [json.loads(data) for _, data in store.latest_brief_items("alert")]
    return sorted(found, key=lambda a: (-float(a.get("score") or 0), a["story"], a["id"]))


@router.get("/alerts")
def alerts_page(request: Request) -> Response:
    store = db_of(request).reader()
    stories = {s.id: s for s in list_stories(store)}
    headlines = store.story_headlines()
    names = {
        sid: (headlines.get(sid) or s.name) if s.kind == "unfiled" else s.name
        for sid, s in stories.items()
    }
    return render(request, "alerts.html.j2", alerts=all_alerts(request), names=names)
