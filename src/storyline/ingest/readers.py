"""Read articles from files, directories and stdin, and say why anything was skipped.

:func:`read_inputs` is the one entry point. It never raises for bad input: every
input that cannot be read becomes a :class:`~storyline.model.Rejection` with the
origin and a one-line reason, and reading goes on with the next input.

Formats (``input_format``) and the extensions ``auto`` maps to them:

==============  ==========================  =======================================
format          extensions                  reader
==============  ==========================  =======================================
``text``        ``.txt``, ``.md``           :mod:`storyline.ingest.text`
``html``        ``.html``, ``.htm``         :mod:`storyline.ingest.html`
``jsonl``       ``.jsonl``, ``.ndjson``     :mod:`storyline.ingest.jsonl`
(json)          ``.json``                   :mod:`storyline.ingest.jsonl` (object or array)
``multinews``   (never chosen by auto)      :mod:`storyline.ingest.multinews`
==============  ==========================  =======================================

``.json`` records with ``raw_document`` are read as Multi-News clusters in any mode.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO

from storyline.errors import InputError
from storyline.ingest.common import human_size
from storyline.ingest.html import read_html
from storyline.ingest.jsonl import read_json, read_jsonl
from storyline.ingest.multinews import read_multinews_lines
from storyline.ingest.text import read_text
from storyline.model import Article, Rejection

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest input file read by default (``--max-bytes`` raises it)."""

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "multinews")

EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

STDIN = "-"

Reader = Callable[[bytes, str], Iterable[Article | Rejection]]


def read_inputs(
    paths: Sequence[str],
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Rejection]:
    """Yield every article found in ``paths``, and a :class:`Rejection` for every input that
    cannot be read; never raises for bad input (only :class:`ValueError` for a bad
    ``input_format`` or ``max_bytes``, which are programming errors).

    * A **file** is read in ``input_format``, or with ``auto`` by its extension (see the
      module docstring); an unknown extension is rejected with a hint to use
      ``--input-format``. A file larger than ``max_bytes`` is rejected before it is read.
    * A **directory** is walked recursively in sorted order, skipping hidden files and
      directories (names starting with ``.``); a subdirectory that cannot be listed is
      rejected. With ``auto``, files with an unknown
      extension are ignored without a rejection (a README or an image next to the
      articles is not an error); with an explicit format, every file is read in it.
    * ``-`` reads bytes from ``stdin`` (default ``sys.stdin.buffer``); with ``auto`` the
      format is sniffed: ``{`` → JSON Lines, ``[`` → JSON, ``<`` → HTML, else text.
    * A path that does not exist is rejected: ``no such file or directory``.

    Origins are the paths as given (directory entries joined to the directory),
    ``path:LINE`` for JSON Lines records, ``path[INDEX]`` for JSON array elements and
    ``-`` for stdin.
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; expected one of {INPUT_FORMATS}")
    if max_bytes < 0:
        raise ValueError(f"max_bytes must not be negative, got {max_bytes}")
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(stdin, input_format, max_bytes)
            continue
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield Rejection(path, "no such file or directory")
            continue
        except OSError as e:
            yield Rejection(path, _os_reason(e))
            continue
        if stat.S_ISDIR(st.st_mode):
            for entry in _walk(path):
                if isinstance(entry, Rejection):
                    yield entry
                    continue
                fmt = _format_of(entry, input_format)
                if fmt is not None:
                    yield from _read_file(entry, fmt, max_bytes)
            continue
        fmt = _format_of(path, input_format)
        if fmt is None:
            ext = os.path.splitext(path)[1]
            kind = f"'{ext}'" if ext else "(no extension)"
            choices = ", ".join(INPUT_FORMATS[1:])
            yield Rejection(path, f"unsupported file type {kind} (use --input-format {choices})")
            continue
        yield from _read_file(path, fmt, max_bytes)


def _walk(root: str) -> list[str | Rejection]:
    """Non-hidden files under ``root``, recursively, sorted by path components, and a
    rejection for each directory that cannot be listed (in its place in that order)."""
    found: list[tuple[tuple[str, ...], str | Rejection]] = []

    def parts_of(path: str) -> tuple[str, ...]:
        rel = os.path.relpath(path, root)
        return () if rel == os.curdir else tuple(rel.split(os.sep))

    def unlistable(e: OSError) -> None:
        where = str(e.filename or root)
        found.append((parts_of(where), Rejection(where, _os_reason(e))))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        parts = parts_of(dirpath)
        for name in filenames:
            if not name.startswith("."):
                found.append(((*parts, name), os.path.join(dirpath, name)))
    return [entry for _, entry in sorted(found, key=lambda item: item[0])]


def _format_of(path: str, input_format: str) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if input_format == "auto":
        return EXTENSIONS.get(ext)
    if input_format == "jsonl" and ext == ".json":
        return "json"
    if input_format == "multinews":
        return {".json": "multinews-json", ".jsonl": "multinews-jsonl"}.get(ext, "multinews")
    return input_format


def _reader(fmt: str) -> Reader:
    readers: dict[str, Reader] = {
        "text": read_text,
        "html": read_html,
        "jsonl": read_jsonl,
        "json": read_json,
        "multinews": read_multinews_lines,
        "multinews-json": lambda data, origin: read_json(data, origin, multinews=True),
        "multinews-jsonl": lambda data, origin: read_jsonl(data, origin, multinews=True),
    }
    return readers[fmt]


def _read_file(path: str, fmt: str, max_bytes: int) -> Iterator[Article | Rejection]:
    try:
        data = _load(path, max_bytes)
    except InputError as e:
        yield Rejection(e.origin, e.reason)
        return
    yield from _parse(data, path, fmt)


def _load(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, its size checked before anything is read.

    Anything but a regular file (a FIFO, a device) is rejected before it is opened,
    since opening a FIFO would block.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                path, "is a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            )
        if st.st_size > max_bytes:
            raise InputError(path, _too_large(st.st_size, max_bytes))
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise InputError(path, _os_reason(e)) from None
    if len(data) > max_bytes:  # the file grew after it was measured
        raise InputError(path, _too_large(len(data), max_bytes))
    return data


def _parse(data: bytes, origin: str, fmt: str) -> Iterator[Article | Rejection]:
    try:
        yield from _reader(fmt)(data, origin)
    except InputError as e:
        yield Rejection(e.origin, e.reason)


def _read_stdin(
    stdin: BinaryIO | None, input_format: str, max_bytes: int
) -> Iterator[Article | Rejection]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(max_bytes + 1)
    except OSError as e:
        yield Rejection(STDIN, _os_reason(e))
        return
    if len(data) > max_bytes:
        yield Rejection(
            STDIN,
            f"input is larger than the {human_size(max_bytes)} limit (raise it with --max-bytes)",
        )
        return
    if input_format == "auto":
        fmt = _sniff(data)
    elif input_format == "multinews":
        fmt = {"json": "multinews-json", "jsonl": "multinews-jsonl"}.get(_sniff(data), "multinews")
    else:
        fmt = input_format
    yield from _parse(data, STDIN, fmt)


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<"):
        return "html"
    return "text"


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"file is {human_size(size)}, larger than the {human_size(max_bytes)} limit "
        "(raise it with --max-bytes)"
    )


def _os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {e.strerror or e}"
