"""The evidence view: an article in full, with a cited span highlighted."""

from __future__ import annotations

import os

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from storyline.render._evidence import is_safe_url

from ..pages import db_of, not_found, render
from ..stories import collection_story_id, find_story

router = APIRouter(include_in_schema=False)


def shown_origin(origin: str | None) -> str:
    """Where an article was read from, without the server's directories."""
    if not origin:
        return ""
    if origin.startswith("upload "):
        return origin
    return os.path.basename(origin.replace("\\", "/")) or origin


@router.get("/articles/{article_id:path}")
def article_page(
    request: Request,
    article_id: str,
    start: int | None = Query(None, ge=0),
    end: int | None = Query(None, ge=0),
    story: str = Query("", max_length=100),
) -> Response:
    store = db_of(request).reader()
    article = store.article(article_id)
    if article is None:
        raise not_found(f"The article {article_id!r}")
    text = article.text
    if (start is None) != (end is None):
        raise HTTPException(400, "Give both start and end to highlight a span.")
    span = None
    if start is not None and end is not None:
        if not start <= end <= len(text):
            raise HTTPException(
                400,
                f"Characters {start}–{end} are not in this article ({len(text)} characters).",
            )
        span = (start, end)
    parts = (text[: span[0]], text[span[0] : span[1]], text[span[1] :]) if span else None
    back = find_story(store, story) if story else None
    stories = []
    if article.collection:
        stories.append(find_story(store, collection_story_id(article.collection)))
    stories += [find_story(store, s) for s in store.stories_of([article.id]).get(article.id, [])]
    sources = [
        {**s, "origin": shown_origin(s["origin"]), "url_is_link": is_safe_url(s["url"])}
        for s in store.sources_of(article.id)
    ]
    return render(
        request,
        "article.html.j2",
        article=article,
        url_is_link=is_safe_url(article.url),
        origin=shown_origin(article.origin),
        parts=parts,
        span=span,
        back=back,
        stories=[s for s in stories if s is not None],
        sources=sources,
    )
