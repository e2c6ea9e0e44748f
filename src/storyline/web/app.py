"""The FastAPI application: :func:`create_app` builds it for one store.

Pages are rendered on the server from Jinja2 templates (autoescaped); the few static files
(a stylesheet, a tiny script, the local API docs page's Swagger UI) ship with the package,
so nothing is fetched from anywhere else. Routers, one module per area, live in
:mod:`storyline.web.routes`.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.store.sqlite import DEFAULT_DB

from .jobs import startup_job
from .pages import templates
from .security import LOOPBACK_HOSTS, RequestTooLarge, SecurityMiddleware
from .worker import Database

log = logging.getLogger("storyline.web")

MiB = 1024 * 1024
_TOKEN = re.compile(r"[A-Za-z0-9._~+/=-]{8,}")


@dataclass(frozen=True)
class Settings:
    """How the app runs. ``allowed_hosts=None`` answers any Host header (tests, or a server
    behind a token); ``serve`` on loopback allows only loopback names."""

    db: str = DEFAULT_DB
    token: str | None = None
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS
    max_upload_bytes: int = 20 * MiB
    max_request_bytes: int = 50 * MiB
    max_files: int = 500
    refresh_on_start: bool = True


def create_app(settings: Settings | None = None, **overrides: Any) -> FastAPI:
    """The web app over the store ``settings.db`` (keyword arguments override settings)."""
    settings = settings or Settings()
    if overrides:
        settings = Settings(**{**settings.__dict__, **overrides})
    if settings.token is not None and not _TOKEN.fullmatch(settings.token):
        raise ValueError(
            "the token must be at least 8 characters of letters, digits and . _ ~ + / = -"
        )
    if settings.db == ":memory:":
        raise ValueError("the web app needs a database file (':memory:' is per connection)")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(os.fspath(settings.db))
        db.start()
        app.state.db = db
        if settings.refresh_on_start:
            db.submit("startup", "Bring the briefs up to date", startup_job(db))
        try:
            yield
        finally:
            db.stop()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="Stories, briefs (timeline, entities, cited summary, conflicts, watchlist "
        "alerts), articles and ingest jobs of one storyline store. Briefs follow the schema in "
        "`docs/brief.schema.json`; every citation is `{article, start, end}`: character "
        "offsets into that article's text.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.add_middleware(
        SecurityMiddleware,
        token=settings.token,
        allowed_hosts=settings.allowed_hosts,
        max_request_bytes=settings.max_request_bytes,
    )
    swagger = _swagger_ui_path()
    if swagger is not None:  # mounted before /static, which would otherwise answer for it
        app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")
    static = resources.files("storyline.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    from .routes import alerts, api, articles, docs, entities, ingest, stories

    for module in (stories, articles, entities, alerts, ingest, docs, api):
        app.include_router(module.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(
            request,
            "error.html.j2",
            {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        )
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=422)
        return templates.TemplateResponse(
            request,
            "error.html.j2",
            {"status": 422, "message": f"The request is not valid: {problems}"},
            status_code=422,
        )

    @app.exception_handler(RequestTooLarge)
    async def too_large(request: Request, exc: RequestTooLarge) -> Response:
        message = f"Refused: {exc} per request."
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=413)
        return templates.TemplateResponse(
            request, "error.html.j2", {"status": 413, "message": message}, status_code=413
        )

    return app


def _swagger_ui_path() -> str | None:
    """Swagger UI's files as shipped by the ``swagger-ui-bundle-v2`` package, if installed."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    return str(swagger_ui_path)
