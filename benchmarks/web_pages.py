"""Web app speed: the story page of a 1,000-article collection, and page times under load.

1. **Story page.** The first N Multi-News test articles are ingested as one collection and
   its brief is made once, in advance (as the server's writer does after an ingest). Then
   the story page is rendered server-side (in-process: routing, store reads, template) R
   times. Baseline, same run: the same brief rendered by the static HTML renderer
   (``storyline brief --format html``), i.e. building the page from the brief itself.
2. **Load.** ``storyline serve`` on 127.0.0.1 over that store; 50 concurrent readers make
   K requests each over the story page, stories list, search, evidence view, a dossier and
   the brief JSON. Baseline: the same readers with the writer idle; then the same readers
   while 12 new Multi-News clusters are ingested and briefed. p50, p95, max, errors.

    .venv/bin/python benchmarks/web_pages.py --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _common import MULTINEWS


def load_records(n_articles: int, extra_clusters: int) -> tuple[list[str], list[dict]]:
    """The first ``n_articles`` non-empty documents, and ``extra_clusters`` later clusters."""
    records = json.loads(MULTINEWS.read_text(encoding="utf-8"))
    docs: dict[str, None] = {}  # distinct texts: exact duplicates would be stored once
    used = 0
    for used, record in enumerate(records, start=1):  # noqa: B007 - used after the loop
        docs.update((d.strip(), None) for d in record["raw_document"] if d.strip())
        if len(docs) >= n_articles:
            break
    later = [{"idx": r["idx"], "raw_document": r["raw_document"]} for r in records[used:]]
    return list(docs)[:n_articles], later[:extra_clusters]


def timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def story_page(db: Path, docs: list[str], repeat: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from storyline.pipeline import ingest
    from storyline.render import render_html
    from storyline.store import Store
    from storyline.web import create_app
    from storyline.web.stories import collection_story_id, compute_brief, find_story

    source = db.parent / "collection.json"
    source.write_text(json.dumps({"idx": f"{len(docs)}-articles", "raw_document": docs}))
    with Store(db) as store:
        t = time.perf_counter()
        report = ingest([str(source)], store, max_bytes=10**9)
        ingest_s = time.perf_counter() - t
        story = find_story(store, collection_story_id(f"multinews:{len(docs)}-articles"))
        assert story is not None
        t = time.perf_counter()
        key = compute_brief(store, story)
        brief_s = time.perf_counter() - t
        brief = json.loads(store.brief_json(key) or "{}")
    app = create_app(db=str(db), refresh_on_start=False, allowed_hosts=None)
    with TestClient(app) as client:
        url = f"/stories/{story.id}"
        first = client.get(url)
        assert first.status_code == 200 and "<svg" in first.text, first.status_code
        page = timed(lambda: client.get(url).raise_for_status(), repeat)
    static = timed(lambda: render_html(brief), max(1, repeat // 3))
    return {
        "story": story.id,
        "articles": story.articles,
        "stored_articles": report.added,
        "events": len(brief.get("events", [])),
        "entities": len(brief.get("entities", [])),
        "ingest_s": round(ingest_s, 1),
        "brief_s": round(brief_s, 1),
        "page_bytes": len(first.content),
        "page_median_s": round(statistics.median(page), 4),
        "page_max_s": round(max(page), 4),
        "static_render_median_s": round(statistics.median(static), 4),
    }


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def readers(base: str, paths: list[str], n: int, each: int) -> tuple[list[float], list[str]]:
    import httpx

    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def run(k: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            for i in range(each):
                path = paths[(k + i) % len(paths)]
                t = time.perf_counter()
                try:
                    ok = c.get(path).status_code == 200
                except httpx.HTTPError as exc:
                    ok, path = False, f"{path}: {exc!r}"
                with lock:
                    times.append(time.perf_counter() - t)
                    if not ok:
                        errors.append(path)

    with ThreadPoolExecutor(n) as pool:
        list(pool.map(run, range(n)))
    return times, errors


def summary(times: list[float], errors: list[str]) -> dict[str, Any]:
    q = statistics.quantiles(times, n=100)
    return {
        "requests": len(times),
        "errors": len(errors),
        "p50_s": round(q[49], 3),
        "p95_s": round(q[94], 3),
        "max_s": round(max(times), 3),
    }


@contextmanager
def served(db: Path, wait_s: float = 120) -> Iterator[str]:
    """``storyline serve`` on ``db`` and a free port, its base URL once the start-up job
    (model load) is over and the writer is idle; stopped when the block ends."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen([*cmd, "-q"])
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                if httpx.get(f"{base}/api/jobs", timeout=2).status_code == 200:
                    jobs = httpx.get(f"{base}/api/jobs", timeout=5).json()
                    if all(j["state"] in {"done", "failed"} for j in jobs):
                        break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def load(db: Path, story: str, clusters: list[dict], n: int, each: int) -> dict[str, Any]:
    import httpx

    with served(db) as base:
        entity = httpx.get(f"{base}/api/stories/{story}/entities", timeout=60).json()[0]["id"]
        article = httpx.get(f"{base}/api/stories/{story}/brief", timeout=60).json()["articles"][0]
        paths = [
            f"/stories/{story}",
            "/stories",
            "/stories?q=governor+election",
            f"/articles/{article['id']}?start=0&end=80&story={story}",
            f"/stories/{story}/entities/{entity}",
            f"/api/stories/{story}/brief",
        ]
        idle = summary(*readers(base, paths, n, each))
        body = json.dumps(clusters).encode()
        r = httpx.post(f"{base}/api/ingest", files=[("files", ("more.json", body))],
                       data={"story": "none"}, timeout=60)  # fmt: skip
        job = r.json()["id"]
        while httpx.get(f"{base}/api/jobs/{job}").json()["state"] == "queued":
            time.sleep(0.1)
        busy = summary(*readers(base, paths, n, each))
        busy["ingest_state_after"] = httpx.get(f"{base}/api/jobs/{job}").json()["state"]
        while httpx.get(f"{base}/api/jobs/{job}").json()["state"] not in {"done", "failed"}:
            time.sleep(1)
        return {"readers": n, "requests_each": each, "idle": idle, "during_ingest": busy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=9, help="story page renders timed")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests per reader")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    if not MULTINEWS.exists():
        sys.exit(f"{MULTINEWS} not found (../shared/corpora is absent)")
    docs, clusters = load_records(args.articles, 12)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        page = story_page(db, docs, args.repeat)
        print(f"story page of {page['articles']} articles ({page['events']} events, "
              f"{page['entities']} entities, {page['page_bytes']:,} bytes): median "
              f"{page['page_median_s']:.3f} s, max {page['page_max_s']:.3f} s; static renderer "
              f"over the same brief: {page['static_render_median_s']:.3f} s "
              f"(brief made in advance in {page['brief_s']} s)")  # fmt: skip
        result = load(db, page["story"], clusters, args.readers, args.requests)
        for what in ("idle", "during_ingest"):
            s = result[what]
            print(f"{args.readers} readers, writer {what.replace('_', ' ')}: {s['requests']} "
                  f"requests, {s['errors']} errors, p50 {s['p50_s']} s, p95 {s['p95_s']} s, "
                  f"max {s['max_s']} s")  # fmt: skip
    if args.json:
        print(json.dumps({"story_page": page, "load": result}))


if __name__ == "__main__":
    main()
