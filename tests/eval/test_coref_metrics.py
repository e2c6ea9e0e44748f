"""Coreference metrics against cases computed by hand."""

from __future__ import annotations

import pytest

from storyline.eval.coref_metrics import b_cubed, ceaf_e, muc, score

KEY = [{"a", "b", "c"}, {"d", "e"}]
# response merges e into the first cluster and leaves d alone
RESPONSE = [{"a", "b", "c", "e"}, {"d"}]


def test_muc_by_hand() -> None:
    # recall: K1 {a,b,c} in 1 part → 2/2; K2 {d,e} in 2 parts → 0/1 → 2/3
    # precision: R1 {a,b,c,e} in 2 key parts → 2/3; R2 {d} → 0/0 → 2/3
    m = muc(KEY, RESPONSE)
    assert m.recall == pytest.approx(2 / 3) and m.precision == pytest.approx(2 / 3)


def test_b_cubed_by_hand() -> None:
    # recall: a,b,c: 3/3 each; d: 1/2; e: 1/2 → (3 + 1) / 5 = 0.8
    # precision: a,b,c: 3/4 each; e: 1/4; d: 1/1 → (9/4 + 1/4 + 1) / 5 = 0.7
    b = b_cubed(KEY, RESPONSE)
    assert b.recall == pytest.approx(0.8) and b.precision == pytest.approx(0.7)


def test_ceaf_e_by_hand() -> None:
    # φ(K1,R1) = 2·3/(3+4) = 6/7, φ(K2,R2) = 2·1/(2+1) = 2/3; best alignment sums both
    total = 6 / 7 + 2 / 3
    c = ceaf_e(KEY, RESPONSE)
    assert c.recall == pytest.approx(total / 2) and c.precision == pytest.approx(total / 2)


def test_perfect_and_conll() -> None:
    s = score(KEY, KEY)
    assert s.conll_f1 == pytest.approx(1.0)
    mixed = score(KEY, RESPONSE)
    expected_f1 = [2 / 3, 2 * 0.8 * 0.7 / 1.5, (6 / 7 + 2 / 3) / 2]
    assert mixed.conll_f1 == pytest.approx(sum(expected_f1) / 3)


def test_singletons_count_in_b3_and_ceaf_not_muc() -> None:
    key = [{"a"}, {"b"}, {"c", "d"}]
    resp = [{"a", "b"}, {"c", "d"}]
    assert muc(key, resp).recall == pytest.approx(1.0)
    assert muc(key, resp).precision == pytest.approx(1 / 2)
    assert b_cubed(key, resp).precision == pytest.approx((1 / 2 + 1 / 2 + 1 + 1) / 4)


def test_missing_and_extra_mentions() -> None:
    # predicted mentions: "x" is spurious, "c" was missed
    key = [{"a", "b", "c"}]
    resp = [{"a", "b", "x"}]
    m = muc(key, resp)
    # recall: K {a,b,c} splits into {a,b} and missing c → 2 parts → (3-2)/2
    assert m.recall == pytest.approx(1 / 2)
    assert m.precision == pytest.approx(1 / 2)
    b = b_cubed(key, resp)
    assert b.recall == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_a_mention_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([{"a", "b"}, {"b"}], [{"a"}])
