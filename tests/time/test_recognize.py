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
