"""Web app responsiveness: does a large JSON answer stall the server for everyone else?

A store holds the first N Multi-News test articles as one collection, with its brief made in
advance. ``storyline serve`` runs over it. A watcher polls ``GET /api/jobs`` (a few hundred
bytes) every 50 ms on its own connection and times each answer:

1. **Baseline**, same run: the watcher alone.
2. **Under list load**: the same watcher while R readers fetch the story's entity and event
   lists (``/api/stories/{id}/entities``, ``/events``: megabytes of JSON) again and again.

A poll waits for the event loop; if a route's JSON is encoded on the loop, every poll queued
behind it waits that long. Reported: the watcher's p50, p95 and max in both phases and their
ratios, and the list requests' own times.

    .venv/bin/python benchmarks/web_responsiveness.py --json
    .venv/bin/python benchmarks/web_responsiveness.py --db /tmp/resp.db --json  # keep the store
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from _common import MULTINEWS
from web_pages import load_records, served

POLL_EVERY_S = 0.05


def prepare(db: Path, n_articles: int) -> str:
    """The story id of an N-article collection in ``db`` with its brief (made if missing)."""
    from storyline.pipeline import ingest
    from storyline.store import Store
    from storyline.web.stories import brief_state, collection_story_id, compute_brief, find_story

    sid = collection_story_id(f"multinews:{n_articles}-articles")
    with Store(db) as store:
        story = find_story(store, sid)
        if story is None:
            docs, _ = load_records(n_articles, 0)
            source = db.parent / f"collection-{n_articles}.json"
            source.write_text(json.dumps({"idx": f"{n_articles}-articles", "raw_document": docs}))
            ingest([str(source)], store, max_bytes=10**9)
            story = find_story(store, sid)
        assert story is not None
        if not brief_state(store, story, None).key:
            compute_brief(store, story)
    return sid


def quantiles(times: list[float]) -> dict[str, float]:
    q = statistics.quantiles(times, n=100)
    return {
        "n": len(times),
        "p50_s": round(q[49], 4),
        "p95_s": round(q[94], 4),
        "max_s": round(max(times), 4),
    }


def watch(base: str, seconds: float) -> list[float]:
    import httpx

    times: list[float] = []
    with httpx.Client(base_url=base, timeout=120) as c:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            t = time.perf_counter()
            c.get("/api/jobs").raise_for_status()
            times.append(time.perf_counter() - t)
            time.sleep(POLL_EVERY_S)
    return times


def run(db: Path, story: str, readers: int, each: int, baseline_s: float) -> dict[str, Any]:
    import httpx

    with served(db, wait_s=180) as base:
        paths = [f"/api/stories/{story}/entities", f"/api/stories/{story}/events"]
        sizes = {p: len(httpx.get(base + p, timeout=120).content) for p in paths}
        alone = watch(base, baseline_s)

        list_times: list[float] = []
        done = threading.Event()

        def reader(k: int) -> None:
            with httpx.Client(base_url=base, timeout=300) as c:
                for i in range(each):
                    t = time.perf_counter()
                    c.get(paths[(k + i) % len(paths)]).raise_for_status()
                    list_times.append(time.perf_counter() - t)

        polled: list[float] = []

        def watcher() -> None:
            while not done.is_set():
                polled.extend(watch(base, 0.5))

        w = threading.Thread(target=watcher)
        w.start()
        try:
            with ThreadPoolExecutor(readers) as pool:
                list(pool.map(reader, range(readers)))
        finally:
            done.set()
            w.join()
        base_q, load_q = quantiles(alone), quantiles(polled)
        return {
            "list_bytes": sizes,
            "readers": readers,
            "requests_each": each,
            "poll_alone": base_q,
            "poll_under_list_load": load_q,
            "poll_max_ratio": round(load_q["max_s"] / base_q["max_s"], 1),
            "poll_p95_ratio": round(load_q["p95_s"] / base_q["p95_s"], 1),
            "list_requests": quantiles(list_times),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=6, help="list requests per reader")
    parser.add_argument("--baseline-s", type=float, default=10.0, help="seconds of polling alone")
    parser.add_argument("--db", type=Path, help="keep the prepared store here (reused if there)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    if not MULTINEWS.exists():
        sys.exit(f"{MULTINEWS} not found (../shared/corpora is absent)")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "resp.db"
        story = prepare(db, args.articles)
        result = run(db, story, args.readers, args.requests, args.baseline_s)
    sizes = ", ".join(
        f"{p.rsplit('/', 1)[1]} {n / 1e6:.1f} MB" for p, n in result["list_bytes"].items()
    )
    print(f"story of {args.articles} articles ({sizes})")
    for what in ("poll_alone", "poll_under_list_load", "list_requests"):
        q = result[what]
        print(f"{what.replace('_', ' ')}: {q['n']} requests, p50 {q['p50_s']} s, "
              f"p95 {q['p95_s']} s, max {q['max_s']} s")  # fmt: skip
    print(f"poll under list load / alone: max ×{result['poll_max_ratio']}, "
          f"p95 ×{result['poll_p95_ratio']}")  # fmt: skip
    if args.json:
        print(json.dumps({"articles": args.articles, **result}))


if __name__ == "__main__":
    main()
