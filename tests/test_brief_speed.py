"""benchmarks/brief_speed.py runs end to end (on the bundled demo when Multi-News is absent)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def test_brief_speed_reports_ratios_and_the_briefs_digest(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TMPDIR": str(tmp_path)}
    script = REPO / "benchmarks" / "brief_speed.py"
    args = [sys.executable, str(script), "--data", str(tmp_path / "absent.json"), "--json"]
    runs = [
        json.loads(subprocess.run(args, env=env, capture_output=True, text=True, check=True,
                                  timeout=600).stdout.strip().splitlines()[-1])
        for _ in range(2)
    ]  # fmt: skip
    first = runs[0]
    assert first["articles"] == 7  # the demo corpus
    assert first["brief_s"] > 0 and first["spacy_s"] > 0
    assert first["brief_ratio"] == pytest.approx(first["brief_s"] / first["spacy_s"], rel=0.1)
    assert len(first["brief_sha256"]) == 64
    assert runs[1]["brief_sha256"] == first["brief_sha256"]  # the same brief each run
