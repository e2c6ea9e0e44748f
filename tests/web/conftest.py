"""Fixtures for the web app.

How they are meant to be used:

* ``demo_db`` is a fresh copy of a store holding the bundled demo corpus and watchlist
  with the demo story's brief already made (made once per session with the real model,
  so tests that use it carry the ``slow`` marker).
* ``client`` is an in-process :class:`fastapi.testclient.TestClient` over ``demo_db``
  (start-up refresh off, any Host header answered); build your own with
  :func:`make_client` for other settings (a token, loopback-only hosts, small caps).
* ``live_server`` starts ``storyline serve`` as a real process on 127.0.0.1 and a free
  port (for the browser and load tests); it is stopped when the test ends.
* Browser tests launch Debian's chromium (``/usr/bin/chromium``) through Playwright and
  skip, with the reason, when it is not installed (``make test`` installs it as root).
  Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def prepared_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the demo corpus, its watchlist and the demo story's brief (made once)."""
    from storyline.demo import corpus_dir, watchlist_path
    from storyline.pipeline import ingest
    from storyline.store import Store
    from storyline.watchlist import load_watchlist
    from storyline.web.stories import UNFILED, compute_brief, find_story

    path = tmp_path_factory.mktemp("web") / "demo.db"
    with Store(path) as store:
        store.add_watchlist_entries(load_watchlist(str(watchlist_path())))
        ingest([str(corpus_dir())], store)
        story = find_story(store, UNFILED)
        assert story is not None
        compute_brief(store, story)
    return path


@pytest.fixture
def demo_db(prepared_demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(prepared_demo_db, path)
    return path


@contextmanager
def make_client(db: Path, **settings: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    options: dict[str, Any] = {"allowed_hosts": None, "refresh_on_start": False}
    options.update(settings)
    app = create_app(db=str(db), **options)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(demo_db: Path) -> Iterator[Any]:
    with make_client(demo_db) as c:
        yield c


def wait_for_job(client: Any, job_id: str, timeout: float = 180.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in {"done", "failed"}:
            return job  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, *extra: str) -> Iterator[str]:
    """``storyline serve`` on 127.0.0.1 and a free port, until the block ends."""
    import httpx

    port = free_port()
    log = db.with_suffix(".serve.log")
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db),
             "--port", str(port), "-q", *extra],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/stories", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"server did not start:\n{log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def live_server(demo_db: Path) -> Iterator[str]:
    with serve(demo_db) as base:
        yield base


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
