"""The JSON API: stories, briefs (in the documented schema), events, entities, alerts,
articles, search, and ingest jobs. The same data as the pages, read the same way."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..jobs import UploadError, brief_job
from ..pages import db_of
from ..stories import Story, brief_state, find_story, list_stories
from .alerts import all_alerts
from .articles import shown_origin
from .ingest import read_upload, start_ingest
from .stories import display_name, search_hits

router = APIRouter(prefix="/api")


def encoded(data: Any) -> Response:
    """``data`` as a JSON response, encoded here, in the worker thread that runs the route.

    A route that returns plain data has FastAPI validate it in a worker thread but encode it
    on the event loop (then ``json.dumps`` it there again). For the entity list of a large
    story that is seconds during which the server answers no one, not even a poll of a job,
    and a client's idle keep-alive connection is closed under its next request. The data
    here is already JSON-ready (read from the stored brief), so it needs no conversion."""
    body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


class BriefStatus(BaseModel):
    available: bool = Field(description="a brief has been made for this story")
    fresh: bool = Field(description="it covers the story's current articles and watchlist")
    reason: str = Field(description="why it is out of date (empty when fresh)")
    created_at: str | None
    job: str | None = Field(None, description="the job making a new brief, if any")


class StoryOut(BaseModel):
    id: str
    kind: str = Field(description="collection, named (made in the web app) or unfiled")
    name: str
    articles: int
    sources: int
    first_published: str | None
    last_published: str | None
    brief: BriefStatus | None = None


class JobOut(BaseModel):
    id: str
    kind: str
    title: str
    state: str = Field(description="queued, running, done or failed")
    stage: str
    done: int
    total: int | None
    percent: int | None
    story: str | None
    error: str
    report: dict[str, Any]
    created: float
    finished: float | None


class SourceOut(BaseModel):
    origin: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


class ArticleOut(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    collection: str | None
    hash: str
    text: str
    sources: list[SourceOut]


class SearchArticle(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    collection: str | None
    snippet: str = Field(description="text around the match; \\u0002 and \\u0003 mark it")


class SearchHit(BaseModel):
    story: str
    articles: list[SearchArticle]


def _story_out(request: Request, story: Story, with_brief: bool) -> StoryOut:
    db = db_of(request)
    store = db.reader()
    brief = None
    if with_brief:
        state = brief_state(store, story, db.pipeline)
        job = db.pending_brief(story.id)
        brief = BriefStatus(
            available=state.key is not None,
            fresh=state.fresh,
            reason=state.reason,
            created_at=state.created_at,
            job=job.id if job else None,
        )
    return StoryOut(
        id=story.id,
        kind=story.kind,
        name=display_name(story, store.story_headlines()),
        articles=story.articles,
        sources=story.sources,
        first_published=story.first_published,
        last_published=story.last_published,
        brief=brief,
    )


def _story(request: Request, story_id: str) -> Story:
    story = find_story(db_of(request).reader(), story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return story


def _brief_key(request: Request, story: Story) -> str:
    """The key of the story's latest brief; a new brief is queued if it is out of date,
    and 409 is raised while none has been made."""
    db = db_of(request)
    state = brief_state(db.reader(), story, db.pipeline)
    if not state.fresh:
        db.pending_brief(story.id) or db.submit_brief(
            story.id, f"Brief of “{story.name}”", brief_job(story.id)
        )
    if not state.key:
        raise HTTPException(
            409, "the brief of this story is being made; try again in a few seconds"
        )
    return state.key


def _brief_data(request: Request, story: Story) -> dict[str, Any]:
    text = db_of(request).reader().brief_json(_brief_key(request, story))
    if text is None:
        raise HTTPException(
            409, "the brief of this story is being made; try again in a few seconds"
        )
    return json.loads(text)  # type: ignore[no-any-return]


def _brief_list(request: Request, story: Story, name: str) -> Response:
    """A list of the story's latest brief (``events`` or ``entities``), sent as stored when
    the brief was made; a brief stored before such lists were cached is read whole."""
    key = _brief_key(request, story)
    store = db_of(request).reader()
    text = store.brief_item(key, "list", name)
    if text is not None:
        return Response(text, media_type="application/json")
    whole = store.brief_json(key)
    if whole is None:
        raise HTTPException(409, "the brief of this story is being made; try again shortly")
    return encoded(list(json.loads(whole).get(name) or []))


@router.get("/stories", response_model=list[StoryOut])
def stories(request: Request) -> list[StoryOut]:
    """Every story, the most recently added to first."""
    return [_story_out(request, s, False) for s in list_stories(db_of(request).reader())]


@router.get("/stories/{story_id}", response_model=StoryOut)
def story(request: Request, story_id: str) -> StoryOut:
    """A story and the state of its brief."""
    return _story_out(request, _story(request, story_id), True)


@router.get("/stories/{story_id}/brief")
def brief(request: Request, story_id: str) -> Response:
    """The story's latest brief in the documented schema (`docs/brief.schema.json`).

    The header `X-Storyline-Brief-Fresh` says whether it covers the story as it is now; when
    it does not, a new brief is being made. 409 while no brief has been made yet."""
    story = _story(request, story_id)
    db = db_of(request)
    state = brief_state(db.reader(), story, db.pipeline)
    if not state.fresh:
        db.pending_brief(story.id) or db.submit_brief(
            story.id, f"Brief of “{story.name}”", brief_job(story.id)
        )
    text = db.reader().brief_json(state.key) if state.key else None
    if text is None:
        raise HTTPException(
            409, "the brief of this story is being made; try again in a few seconds"
        )
    return Response(
        text,
        media_type="application/json",
        headers={"X-Storyline-Brief-Fresh": "true" if state.fresh else "false"},
    )


@router.get("/stories/{story_id}/events", response_model=list[dict[str, Any]])
def events(request: Request, story_id: str) -> Response:
    """The events of the story's latest brief (schema: `events` of the brief)."""
    return _brief_list(request, _story(request, story_id), "events")


@router.get("/stories/{story_id}/entities", response_model=list[dict[str, Any]])
def entities(request: Request, story_id: str) -> Response:
    """The entities of the story's latest brief (schema: `entities` of the brief)."""
    return _brief_list(request, _story(request, story_id), "entities")


@router.get("/stories/{story_id}/entities/{entity_id}", response_model=dict[str, Any])
def entity(request: Request, story_id: str, entity_id: str) -> Response:
    """An entity's dossier: aliases, merges, mentions by article, events, watchlist matches
    (score and features) and alerts."""
    db = db_of(request)
    state = brief_state(db.reader(), _story(request, story_id), db.pipeline)
    data = db.reader().brief_item(state.key, "entity", entity_id) if state.key else None
    if data is None:
        raise HTTPException(404, f"no entity {entity_id!r} in this story's brief")
    return Response(data, media_type="application/json")  # stored as JSON: sent as it is


@router.get("/alerts", response_model=list[dict[str, Any]])
def alerts(request: Request) -> Response:
    """Every alert of every story's latest brief, highest score first, with its evidence and
    denials quoted in context."""
    return encoded(all_alerts(request))


@router.get("/articles/{article_id:path}", response_model=ArticleOut)
def article(request: Request, article_id: str) -> ArticleOut:
    """A stored article: its text (what every citation's offsets point into) and metadata."""
    store = db_of(request).reader()
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return ArticleOut(
        id=found.id,
        title=found.title,
        source=found.source,
        url=found.url,
        published=found.published,
        collection=found.collection,
        hash=found.hash,
        text=found.text,
        sources=[
            SourceOut(**{**s, "origin": shown_origin(s["origin"])})
            for s in store.sources_of(found.id)
        ],
    )


@router.get("/search", response_model=list[SearchHit])
def search(request: Request, q: str = Query(..., min_length=1, max_length=500)) -> list[Any]:
    """Articles holding every word of `q` (full-text search), grouped by story."""
    return search_hits(request, q)


_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string", "description": "a pasted article"},
                        "title": {"type": "string"},
                        "source": {"type": "string"},
                        "url": {"type": "string"},
                        "published": {"type": "string", "description": "YYYY-MM-DD"},
                        "story": {
                            "type": "string",
                            "description": "'new' (default), a named story id, or 'none'",
                        },
                        "story_title": {"type": "string"},
                    },
                }
            }
        },
    }
}


@router.post("/ingest", status_code=202, response_model=JobOut, openapi_extra=_INGEST_BODY)
async def ingest(request: Request) -> Any:
    """Upload files (.txt .md .html .json .jsonl) and/or a pasted text to ingest. The work
    runs in the background: poll the returned job. Files over the per-file cap, or a request
    over the per-request cap, are refused with 413 and the limit."""
    try:
        upload = await read_upload(request)
        job = await run_in_threadpool(start_ingest, request, upload)
    except UploadError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)
    return JSONResponse(job.public(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs", response_model=list[JobOut])
def jobs(request: Request) -> list[dict[str, Any]]:
    """Jobs since the server started, newest first."""
    return [j.public() for j in db_of(request).jobs()]


@router.get("/jobs/{job_id}", response_model=JobOut)
def job(request: Request, job_id: str) -> dict[str, Any]:
    """One job and its progress."""
    found = db_of(request).job(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept while the server runs)")
    return found.public()
