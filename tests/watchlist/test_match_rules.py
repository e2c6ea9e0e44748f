"""The name matcher's transliteration and name-structure rules, each on names written
for these tests (not taken from any list)."""

from __future__ import annotations

from storyline.watchlist.match import features, prepare


def _features(a: str, b: str) -> dict[str, float]:
    fa, fb = prepare(a, True), prepare(b, True)
    assert fa is not None and fb is not None
    return features(fa, fb)


def test_a_symbol_spanning_several_parts_aligns_them_as_one_unit() -> None:
    # rigour knows "Abdelrahman" = "Abd al-Rahman"; the "al" particles elsewhere in the
    # names must not take the "al" inside the joined name away from it
    for a, b in [
        (
            "Abdelrahman Karvani al Dubarshi al Fettoun",
            "Abd al-Rahman Karvani al-Dubarshi al-Fettoun",
        ),
        ("Abdelaziz Mourtani al Hadidi", "Abd al-Aziz Murtani al-Hadidi"),
    ]:
        feats = _features(a, b)
        assert feats["extra_long"] == 0.0, (a, b, feats)
        assert feats["cover_min"] > 0.9, (a, b, feats)
