"""A bounded load test on loopback: 50 concurrent readers while an ingest runs. It asserts
that no request fails (timings are recorded by ``benchmarks/web_pages.py``, not asserted)."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPORA

from .conftest import serve

pytestmark = pytest.mark.slow

READERS = 50
REQUESTS_EACH = 8


def ingest_payload(tmp_path: Path) -> tuple[str, bytes]:
    """Something worth ingesting, long enough for the readers to run while it is written:
    12 Multi-News clusters, else 15 numbered copies of each demo report (a copy is no
    duplicate: its first line differs, so each is stored and annotated)."""
    multinews = CORPORA / "multinews" / "test.json"
    if multinews.exists():
        records = json.loads(multinews.read_text(encoding="utf-8"))[:12]
        clusters = [{"idx": r["idx"], "raw_document": r["raw_document"]} for r in records]
        return "clusters.json", json.dumps(clusters).encode()
    from storyline.demo import corpus_dir
    from storyline.ingest import read_inputs
    from storyline.model import Article

    reports = [a for a in read_inputs([str(corpus_dir())]) if isinstance(a, Article)]
    assert len(reports) == 7
    records = [
        {"id": f"copy-{n}-{a.id}", "title": a.title, "text": f"Copy {n}.\n\n{a.text}"}
        for n in range(15)
        for a in reports
    ]
    return "demo-copies.json", json.dumps(records).encode()


def test_fifty_readers_during_an_ingest_see_no_error(demo_db: Path, tmp_path: Path) -> None:
    name, payload = ingest_payload(tmp_path)
    with serve(demo_db) as base:
        with httpx.Client(base_url=base, timeout=60) as c:
            entity = next(e["id"] for e in c.get("/api/stories/unfiled/entities").json())
            paths = [
                "/stories/unfiled",
                "/stories",
                "/stories?q=Orzhelev",
                "/alerts",
                "/articles/demo-04?start=0&end=60&story=unfiled",
                f"/stories/unfiled/entities/{entity}",
                "/api/stories/unfiled/brief",
                "/api/search?q=Lumenhold",
            ]
            r = c.post("/api/ingest", files=[("files", (name, payload, "application/json"))],
                       data={"story": "none"})  # fmt: skip
            assert r.status_code == 202, r.text
            job_id = r.json()["id"]
            deadline = time.monotonic() + 120  # the writer loads the model first
            while c.get(f"/api/jobs/{job_id}").json()["state"] == "queued":
                assert time.monotonic() < deadline
                time.sleep(0.1)

        states: list[str] = []
        failures: list[str] = []
        stop = threading.Event()

        def watch() -> None:
            with httpx.Client(base_url=base, timeout=60) as c:
                while not stop.is_set():
                    states.append(c.get(f"/api/jobs/{job_id}").json()["state"])
                    time.sleep(0.1)

        def reader(n: int) -> None:
            with httpx.Client(base_url=base, timeout=60) as c:
                for i in range(REQUESTS_EACH):
                    path = paths[(n + i) % len(paths)]
                    try:
                        r = c.get(path)
                        if r.status_code != 200:
                            failures.append(f"{path}: {r.status_code}")
                    except httpx.HTTPError as exc:
                        failures.append(f"{path}: {exc!r}")

        watcher = threading.Thread(target=watch)
        watcher.start()
        time.sleep(0.3)
        try:
            with ThreadPoolExecutor(READERS) as pool:
                list(pool.map(reader, range(READERS)))
        finally:
            stop.set()
            watcher.join()
        assert failures == []
        assert "running" in states, "the readers ran while the ingest was writing"
        with httpx.Client(base_url=base, timeout=60) as c:
            deadline = time.monotonic() + 240
            while c.get(f"/api/jobs/{job_id}").json()["state"] not in {"done", "failed"}:
                assert time.monotonic() < deadline
                time.sleep(0.5)
            assert c.get(f"/api/jobs/{job_id}").json()["state"] == "done"
