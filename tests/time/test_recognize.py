"""The recognizer's speed-up: compiled patterns handed straight back keep regex's meaning."""

from __future__ import annotations

import datetime as dt

import pytest
import regex

from storyline.time.recognize import _model, recognize

pytestmark = pytest.mark.slow


def test_regex_behaves_the_same_after_the_recognizer_loads() -> None:
    _model()
    pattern = regex.compile(r"(\d+) (days|weeks)")
    text = "It took 3 days, then 2 weeks."
    assert [m[0] for m in regex.finditer(pattern, text)] == ["3 days", "2 weeks"]
    assert regex.search(r"(?i)WEEKS", text) is not None  # string patterns still compile
    with pytest.raises(ValueError):
        regex.search(pattern, text, flags=regex.I)  # as regex says: no flags on a compiled one


def test_recognizer_still_reads_dates() -> None:
    (raw,) = recognize("The talks resumed on March 13, 2013.", 0, dt.datetime(2013, 3, 22))
    assert raw.timex == "2013-03-13"


def test_read_ahead_gives_the_recognizers_own_matches(monkeypatch) -> None:
    from storyline.time import recognize as R

    ref = dt.datetime(2013, 3, 22)
    texts = [
        f"The talks resumed on March {d}, 2013, and ended {d} days later." for d in range(1, 25)
    ]
    jobs = [R.job(t, ref) for t in texts]
    with R.ReadAhead(workers=2) as ahead:  # too few texts: nothing starts
        assert ahead.submit(jobs) == 0
        ahead.wait()
        assert ahead.read == 0 and not R._ready
    monkeypatch.setattr(R, "MIN_PARALLEL_JOBS", 10)
    with R.ReadAhead(workers=2) as ahead:
        assert ahead.submit(jobs + jobs[:3]) == len(texts)  # each text once
        assert ahead.submit(jobs[:5]) == 0  # queued already
        ahead.wait()
        assert ahead.read == len(texts)
        for t in texts:
            assert R._ready[R.job(t, ref)] == R._recognize(t, ref)
            assert recognize("  " + t, 10, ref) == [
                R.Raw(12 + r.start, 12 + r.end, r.kind, r.timex, r.mod, r.values)
                for r in R._recognize(t, ref)
            ]
    assert not R._ready  # forgotten once closed
