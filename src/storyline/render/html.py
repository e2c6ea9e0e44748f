"""A brief as one self-contained HTML page: inline CSS, no script, no external assets.

The page is laid out by the Jinja2 template ``templates/brief.html.j2`` with autoescaping
on: every piece of article text, title, name and URL is escaped, and nothing from the brief
is ever marked safe. A Content-Security-Policy meta tag (no scripts, no external resources)
is a second line of defence. Links to articles are made only for ``http``/``https`` URLs.

Each citation is a link ``#ev-ARTICLE-START-END`` to an evidence block that shows the
span inside ``<mark>`` with its sentence-level context; each article appears in full
under ``#article-ARTICLE``. Ids are made safe by :func:`storyline.render._evidence.safe_id`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from ._view import build_view

__all__ = ["CONTENT_SECURITY_POLICY", "render_html"]

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@cache
def _template() -> Template:
    env = Environment(
        loader=PackageLoader("storyline.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("brief.html.j2")


def render_html(brief: Mapping[str, Any]) -> str:
    """The brief (its JSON wire form) as a standalone HTML page; deterministic."""
    return _template().render(view=build_view(brief), csp=CONTENT_SECURITY_POLICY)
