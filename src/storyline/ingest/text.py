"""Plain-text and Markdown articles (``.txt``, ``.md``), with optional front matter.

A file may open with front matter::

    ---
    id: reuters-2016-04-15-001
    title: "Iranian general visits Moscow"
    source: Reuters
    url: https://example.com/story
    published: 2016-04-15
    ---
    The article text...

Known keys are ``id``, ``title``, ``source``, ``url``, ``published``; values may be
wrapped in single or double quotes; other keys, indented lines and list items
(``- x``) are ignored. Without front matter (or without a ``title`` in it), a short
first line (at most :data:`MAX_TITLE_CHARS` characters, not ending in a full stop)
followed by a blank line is the title.

The article text is the rest of the file *exactly as written*: leading blank lines
and trailing whitespace are dropped, nothing else is touched (no-break spaces,
curly quotes and ``\\r\\n`` line endings stay), so character offsets into
``Article.text`` are offsets into what the author wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.common import checked_published, decode_text, make_article
from storyline.model import Article

MAX_TITLE_CHARS = 200
FRONT_MATTER_KEYS = ("id", "title", "source", "url", "published")

_FENCE = "---"
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)\s*:(.*)")
_CLOSING_PUNCT = "\"'”’)»"


def read_text(data: bytes, origin: str) -> Iterator[Article]:
    """The one article of a text or Markdown file; :class:`InputError` if there is none."""
    yield parse_text(decode_text(data, origin), origin)


def parse_text(content: str, origin: str) -> Article:
    """An article from the decoded content of a text file (see the module docstring)."""
    lines = content.splitlines(keepends=True)
    meta: dict[str, str] = {}
    if lines and lines[0].rstrip() == _FENCE:
        meta, body_start = _front_matter(lines, origin)
        lines = lines[body_start:]
    lines = _drop_leading_blank(lines)
    title = meta.get("title")
    if title is None and len(lines) > 2 and _is_title(lines[0]) and not lines[1].strip():
        title = lines[0].strip()
        if origin.lower().endswith(".md"):
            title = title.lstrip("#").strip() or title
        lines = _drop_leading_blank(lines[1:])
    text = "".join(lines).rstrip()
    if not text:
        raise InputError(origin, "no text")
    published = checked_published(meta.get("published"), origin)
    return make_article(
        text,
        origin,
        id=meta.get("id"),
        title=title,
        source=meta.get("source"),
        url=meta.get("url"),
        published=published,
    )


def _front_matter(lines: list[str], origin: str) -> tuple[dict[str, str], int]:
    """The known ``key: value`` pairs and the index of the first line after the closing fence."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if end is None:
        raise InputError(origin, "front matter opened with '---' on line 1 is never closed")
    meta: dict[str, str] = {}
    for i in range(1, end):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "- ")) or line[:1].isspace():
            continue
        m = _KEY_VALUE.fullmatch(stripped)
        if m is None:
            raise InputError(origin, f"front matter line {i + 1} is not 'key: value': {stripped!r}")
        key, value = m.group(1).lower(), _unquote(m.group(2).strip())
        if key in FRONT_MATTER_KEYS and value:
            meta[key] = value
    return meta, end + 1


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _is_title(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= MAX_TITLE_CHARS and not s.rstrip(_CLOSING_PUNCT).endswith(".")


def _drop_leading_blank(lines: list[str]) -> list[str]:
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    return lines[i:]
