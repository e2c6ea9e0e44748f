"""SQLite under a web server: one writer thread fed by a queue, a reader per thread.

Every write the web app makes (ingesting uploads, making briefs) is a :class:`Job` run, one
at a time, by the writer thread on its own connection. Request handlers only read, each
worker thread on its own read-only connection; the store runs in WAL mode, so readers see
the last committed state and never wait for (or fail because of) an ingest in progress.

Jobs are kept in memory while the server runs, with their progress, so a page can show it.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storyline.store import Store

log = logging.getLogger("storyline.web")

MAX_JOBS_KEPT = 200


@dataclass
class Job:
    """One unit of work for the writer thread, and what it has done so far."""

    id: str
    kind: str  # "ingest" | "brief"
    title: str
    state: str = "queued"  # queued | running | done | failed
    stage: str = "waiting for the writer"
    done: int = 0
    total: int | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    story: str | None = None
    error: str = ""
    report: dict[str, Any] = field(default_factory=dict)
    run: Callable[[Store, Job], None] | None = field(default=None, repr=False)

    def progress(self, stage: str, done: int = 0, total: int | None = None) -> None:
        self.stage, self.done, self.total = stage, done, total

    def advance(self, n: int = 1) -> None:
        self.done += n

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return max(0, min(100, round(100 * self.done / self.total)))

    def public(self) -> dict[str, Any]:
        """The job as JSON-ready data (what the API and the job page show)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "story": self.story,
            "error": self.error,
            "report": self.report,
            "created": self.created,
            "finished": self.finished,
        }


class Database:
    """The store as the web app uses it: :meth:`reader` per thread, :meth:`submit` to write."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._readers: list[Store] = []
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: dict[str, Job] = {}
        self._pending_briefs: dict[str, Job] = {}
        self._thread: threading.Thread | None = None
        self.pipeline: str | None = None
        """The running pipeline version, once the writer has loaded the model."""

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        """Open the store (applying migrations) and start the writer thread."""
        Store(self.path).close()
        self._thread = threading.Thread(target=self._writer, name="storyline-writer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop taking jobs and close the readers. A job still running after ``timeout``
        seconds is abandoned with the process: every write is transactional, so the store
        keeps what it committed."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None
        with self._lock:
            for store in self._readers:
                store.close()
            self._readers.clear()

    # -- reading -----------------------------------------------------------------------
    def reader(self) -> Store:
        """This thread's read-only connection to the store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path)
            store.read_only()
            self._local.store = store
            with self._lock:
                self._readers.append(store)
        return store

    # -- writing -----------------------------------------------------------------------
    def submit(self, kind: str, title: str, run: Callable[[Store, Job], None], **kw: Any) -> Job:
        job = Job(id=secrets.token_hex(6), kind=kind, title=title, run=run, **kw)
        with self._lock:
            self._jobs[job.id] = job
            if len(self._jobs) > MAX_JOBS_KEPT:
                for old in sorted(self._jobs.values(), key=lambda j: j.created):
                    if old.state in {"done", "failed"} and len(self._jobs) > MAX_JOBS_KEPT:
                        del self._jobs[old.id]
        self._queue.put(job)
        return job

    def submit_brief(self, story_id: str, title: str, run: Callable[[Store, Job], None]) -> Job:
        """Queue making a story's brief, unless it is already queued or running."""
        with self._lock:
            pending = self._pending_briefs.get(story_id)
            if pending is not None and pending.state in {"queued", "running"}:
                return pending
        job = self.submit("brief", title, run, story=story_id)
        with self._lock:
            self._pending_briefs[story_id] = job
        return job

    def pending_brief(self, story_id: str) -> Job | None:
        with self._lock:
            job = self._pending_briefs.get(story_id)
        return job if job is not None and job.state in {"queued", "running"} else None

    def current(self) -> Job | None:
        """The job the writer is running now, if any."""
        with self._lock:
            return next((j for j in self._jobs.values() if j.state == "running"), None)

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: -j.created)

    def wait_idle(self, timeout: float = 120.0) -> bool:
        """Wait until every submitted job has finished (for tests and benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(j.state in {"done", "failed"} for j in self.jobs()):
                return True
            time.sleep(0.05)
        return False

    def _writer(self) -> None:
        store = Store(self.path)
        try:
            while True:
                job = self._queue.get()
                if job is None:
                    return
                job.state = "running"
                try:
                    assert job.run is not None
                    job.run(store, job)
                except Exception as exc:  # a failed job is reported, and the writer goes on
                    log.error("job %s failed:\n%s", job.id, traceback.format_exc())
                    job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
                else:
                    job.state = "done"
                    job.stage = "finished"
                finally:
                    job.finished = time.time()
        finally:
            store.close()
