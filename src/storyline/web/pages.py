"""Rendering helpers shared by the page routers: the template environment and its filters.

Autoescaping is on for every template; the only markup built in Python is the search
snippet, whose text is escaped before the match markers become ``<mark>`` tags.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from storyline.render._evidence import is_safe_url

from .worker import Database


def q(value: Any) -> str:
    """``value`` as one URL path segment (every reserved character escaped)."""
    return quote(str(value), safe="")


def evidence_url(cite: Mapping[str, Any], story: str | None = None) -> str:
    """The evidence view of a citation: its article with the cited span highlighted."""
    params = {"start": cite["start"], "end": cite["end"]}
    if story:
        params["story"] = story
    return f"/articles/{q(cite['article'])}?{urlencode(params)}#evidence"


def snippet(text: str | None) -> Markup:
    """A search snippet: escaped text, with the match (between \\x02 and \\x03) marked."""
    escaped = str(escape(text or ""))
    return Markup(escaped.replace("\x02", "<mark>").replace("\x03", "</mark>"))


def score(value: Any) -> str:
    return (
        f"{value:.2f}" if isinstance(value, (int, float)) else ("" if value is None else str(value))
    )


def when(value: float | None) -> str:
    if not value:
        return ""
    return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(q=q, snippet=snippet, score=score, when=when, safe_url=is_safe_url)
    env.globals.update(evidence_url=evidence_url)
    return env


templates = Jinja2Templates(env=_env())


def db_of(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def render(request: Request, template: str, status: int = 200, **context: Any) -> Any:
    return templates.TemplateResponse(request, template, context, status_code=status)


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} is not in this store.")
