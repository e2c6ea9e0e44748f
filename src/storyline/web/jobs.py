"""The writer thread's work: ingest uploads, make briefs, refresh at start-up.

Uploads arrive as bytes. :func:`stage_upload` checks them (types, size caps) and writes them
under a fresh temporary directory with names the server chooses (a client never names a
path); the ingest job reads that directory with :func:`storyline.pipeline.ingest`, renames
the origins to ``upload JOB/NAME``, files the articles into a story, annotates them, makes
the briefs of the stories it touched and deletes the directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.model import stable_id
from storyline.store import Store

from .stories import (
    UNFILED,
    Story,
    brief_state,
    collection_story_id,
    compute_brief,
    find_story,
    list_stories,
    running_pipeline,
)
from .worker import Database, Job

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")
MAX_BRIEFS_PER_INGEST = 20
"""An ingest makes the briefs of at most this many stories; the others are made when viewed."""
MAX_BRIEFS_AT_START = 10
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(ValueError):
    """An upload that is refused as a whole, with a message for the person who sent it."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Upload:
    """What one request asked to ingest."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    text: str = ""
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    story: str = "new"  # "new", a named story id, or "none" (file by collection only)
    story_title: str = ""


def _safe_name(name: str, taken: set[str]) -> str:
    base = os.path.basename(name.replace("\\", "/")) or "upload"
    stem, ext = os.path.splitext(base)
    stem = _UNSAFE_NAME.sub("_", stem).strip("._") or "upload"
    candidate = f"{stem[:80]}{ext.lower()}"
    n = 2
    while candidate in taken:
        candidate = f"{stem[:80]}-{n}{ext.lower()}"
        n += 1
    taken.add(candidate)
    return candidate


def stage_upload(upload: Upload, max_upload_bytes: int) -> tuple[Path, list[str]]:
    """Check ``upload`` and write it to a new temporary directory; returns the directory and
    the names written. Raises :class:`UploadError` with a message saying what is wrong."""
    from .security import human_size

    if not upload.files and not upload.text.strip():
        raise UploadError("Nothing to ingest: choose files or paste a text.")
    for name, data in upload.files:
        ext = os.path.splitext(name)[1].lower()
        if ext not in UPLOAD_TYPES:
            kinds = ", ".join(UPLOAD_TYPES)
            raise UploadError(f"{name}: files of this type cannot be read (use {kinds}).", 415)
        if len(data) > max_upload_bytes:
            raise UploadError(
                f"{name} is {human_size(len(data))}, larger than the limit of "
                f"{human_size(max_upload_bytes)} per file.",
                413,
            )
    if len(upload.text.encode("utf-8")) > max_upload_bytes:
        raise UploadError(
            f"The pasted text is larger than the limit of {human_size(max_upload_bytes)}.", 413
        )
    folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
    taken: set[str] = set()
    names = []
    for name, data in upload.files:
        safe = _safe_name(name, taken)
        (folder / safe).write_bytes(data)
        names.append(safe)
    if upload.text.strip():
        meta = {k: v.strip() for k, v in (("title", upload.title), ("source", upload.source),
                ("url", upload.url), ("published", upload.published)) if v.strip()}  # fmt: skip
        if meta:
            safe = _safe_name("pasted.jsonl", taken)
            record = {"text": upload.text, **meta}
            (folder / safe).write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
        else:
            safe = _safe_name("pasted.txt", taken)
            (folder / safe).write_text(upload.text, "utf-8")
        names.append(safe)
    return folder, names


def ingest_job(db: Database, folder: Path, upload: Upload, max_upload_bytes: int):
    """The job that ingests the staged ``folder`` (see the module docstring)."""

    def run(store: Store, job: Job) -> None:
        from storyline.annotate import annotate
        from storyline.pipeline import ingest

        try:
            job.progress("reading the uploads", 0, None)
            report = ingest(
                [str(folder)],
                store,
                max_bytes=max_upload_bytes,
                annotate_articles=False,
                progress=job.advance,
            )
            prefix = str(folder) + os.sep
            store.rename_origins(prefix, f"upload {job.id}/")
            job.report = {
                "read": report.read,
                "added": report.added,
                "duplicates": report.duplicates,
                "near_duplicates": report.near_duplicates,
                "skipped": report.skipped,
                "rejections": [
                    {"origin": _shown_origin(r.origin, prefix, job.id), "reason": r.reason}
                    for r in report.rejections
                ],
                "articles": list(report.article_ids),
            }
            ids = list(report.article_ids)
            if not ids:
                job.progress("nothing could be read", 0, None)
                return
            if upload.story == "new":
                title = upload.story_title.strip() or _default_title(store, ids)
                story_id = stable_id("s", job.id, title)
                store.add_story(story_id, title[:200], ids)
                job.story = story_id
            elif upload.story.startswith("s-") and store.named_story(upload.story):
                store.add_story(upload.story, "", ids)
                job.story = upload.story
            articles = store.articles(ids)
            job.progress("annotating", 0, len(articles))
            annotate(articles, store, progress=job.advance)
            touched = _touched_stories(store, job.story, articles)
            if job.story is None and touched:
                job.story = touched[0].id
            job.report["stories"] = [s.id for s in touched]
            for story in touched[:MAX_BRIEFS_PER_INGEST]:
                job.progress(f"making the brief of “{story.name}”", 0, story.articles)
                compute_brief(store, story, progress=job.advance)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return run


def _shown_origin(origin: str, prefix: str, job_id: str) -> str:
    return f"upload {job_id}/{origin[len(prefix) :]}" if origin.startswith(prefix) else origin


def _default_title(store: Store, ids: Sequence[str]) -> str:
    for article in store.articles(ids[:20]):
        if article.title:
            return " ".join(article.title.split())
    return "Uploaded articles"


def _touched_stories(store: Store, named: str | None, articles: Sequence) -> list[Story]:
    wanted: list[str] = []
    if named:
        wanted.append(named)
    for a in articles:
        if a.collection:
            sid = collection_story_id(a.collection)
            if sid not in wanted:
                wanted.append(sid)
    if not named and any(not a.collection for a in articles) and UNFILED not in wanted:
        wanted.append(UNFILED)
    found = [find_story(store, sid) for sid in wanted]
    return [s for s in found if s is not None]


def brief_job(story_id: str):
    """The job that makes a story's brief (if it is not already up to date)."""

    def run(store: Store, job: Job) -> None:
        story = find_story(store, story_id)
        if story is None:
            job.progress("the story no longer exists")
            return
        job.progress("loading the language model")
        pipeline = running_pipeline()
        if brief_state(store, story, pipeline).fresh:
            return
        job.progress(f"making the brief of {story.articles} articles", 0, story.articles)
        compute_brief(store, story, progress=job.advance)

    return run


def startup_job(db: Database):
    """Load the model, then bring the briefs of the most recent stories up to date."""

    def run(store: Store, job: Job) -> None:
        job.progress("loading the language model")
        db.pipeline = running_pipeline()
        stale = [
            s
            for s in list_stories(store)[:MAX_BRIEFS_AT_START]
            if not brief_state(store, s, db.pipeline).fresh
        ]
        for n, story in enumerate(stale, start=1):
            job.progress(f"making brief {n} of {len(stale)}", 0, story.articles)
            job.story = story.id
            compute_brief(store, story, progress=job.advance)

    return run
