"""The TempEval-3 scorer on small cases computed by hand, and the TimeML reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.time.evaluate import Counts, Timex, align, read_timeml, score, score_doc


def t(start: int, end: int, value: str = "2013-03-22", ttype: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), ttype, value)


def test_exact_overlapping_missing_and_spurious() -> None:
    gold = [t(0, 6), t(10, 25, "2013-03-21", "TIME"), t(30, 35, "P2D", "DURATION")]
    system = [
        t(0, 6),  # strict match, right type and value
        t(18, 25, "2013-03-21", "DATE"),  # relaxed match, wrong type, right value
        t(40, 44, "2013"),  # spurious
    ]
    c = score_doc(gold, system)
    assert (c.system, c.gold, c.strict, c.relaxed, c.type_ok, c.value_ok) == (3, 3, 1, 2, 1, 2)
    # strict P = R = 1/3; relaxed P = R = 2/3
    assert c.strict_f1 == pytest.approx(1 / 3)
    assert c.relaxed_f1 == pytest.approx(2 / 3)
    # type accuracy over relaxed matches: 1/2; value F1: P = R = 2/3
    assert c.type_acc == pytest.approx(0.5)
    assert c.value_f1 == pytest.approx(2 / 3)
    # value F1 is relaxed F1 times value accuracy
    assert c.value_f1 == pytest.approx(c.relaxed_f1 * c.value_acc)


def test_unequal_counts() -> None:
    # 4 gold, 2 system, both relaxed matches, one with the right value:
    # relaxed P = 2/2, R = 2/4 -> F1 = 2/3; value P = 1/2, R = 1/4 -> F1 = 1/3
    gold = [t(0, 5), t(10, 15), t(20, 25), t(30, 35)]
    system = [t(1, 4), t(10, 15, "2013-03")]
    c = score_doc(gold, system)
    assert c.relaxed_f1 == pytest.approx(2 / 3)
    assert c.value_f1 == pytest.approx(1 / 3)
    assert c.strict_f1 == pytest.approx(2 * (1 / 2) * (1 / 4) / (1 / 2 + 1 / 4))


def test_one_to_one_alignment() -> None:
    # one system span covering two gold ones matches only one of them (the exact one first)
    gold = [t(0, 10), t(12, 20)]
    system = [t(0, 20)]
    pairs = align(gold, system)
    assert len(pairs) == 1 and pairs[0][0] == gold[0]  # the larger overlap wins
    assert score_doc(gold, system).relaxed == 1
    exact_first = align([t(0, 5)], [t(0, 8), t(0, 5)])
    assert exact_first[0][1] == t(0, 5)


def test_micro_average_over_documents() -> None:
    total = score([([t(0, 5)], [t(0, 5)]), ([t(0, 5), t(7, 9)], [])])
    assert (total.gold, total.system, total.relaxed) == (3, 1, 1)
    assert total.relaxed_f1 == pytest.approx(2 * 1 * (1 / 3) / (1 + 1 / 3))
    assert Counts().value_f1 == 0.0  # nothing found, nothing to find


def test_read_timeml(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(
        '<?xml version="1.0" ?><TimeML><DOCID>d</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" '
        'functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>'
        '<TEXT>The flu <EVENT eid="e1">season</EVENT> started '
        '<TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> early, in '
        '<TIMEX3 tid="t2" type="DATE" value="2012-12" mod="START">early December</TIMEX3>.'
        "</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = read_timeml(path)
    assert doc.dct == "2013-03-22"
    assert doc.text == "The flu season started a month early, in early December."
    assert [(x.text, x.value, x.mod) for x in doc.timexes] == [
        ("a month", "P1M", ""),
        ("early December", "2012-12", "START"),
    ]
    for x in doc.timexes:
        assert doc.text[x.start : x.end] == x.text
