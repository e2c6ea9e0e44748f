"""A process killed with SIGKILL in the middle of an ingest leaves a consistent store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store import Store

pytestmark = pytest.mark.slow
N_FILES = 1500


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_leaves_consistent_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(N_FILES):
        (corpus / f"{i:05d}.txt").write_text(
            f"Report {i}\n\nOfficial number {i} said the convoy {i * 7} left port "
            f"on day {i % 28}.\n",
            encoding="utf-8",
        )
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; raise N_FILES"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as store:
        assert store.integrity_problems() == []
        stored = store.articles()
        assert 50 <= len(stored) < N_FILES
        signed = {a for a, _ in store.signatures()}
        assert signed == {a.id for a in stored}  # article and its signature commit together
        for a in stored:
            n = int(a.origin.rsplit("/", 1)[1][:5])
            assert a.text.startswith(f"Official number {n} said")

    # running again finishes the job without duplicating anything
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.count_articles() == N_FILES
        assert store.integrity_problems() == []
