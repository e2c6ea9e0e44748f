"""The plain-sentence core: features, selection, the shipped weights, embeddings."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from storyline.summarize import core

FLOOD = "The river flooded the old town on Tuesday, forcing 300 families from their homes."
DOCS = [
    [
        FLOOD,
        "Rescue crews worked through the night.",
        "Photo: Getty Images / click here to subscribe to our newsletter",
        "The mayor said",
    ],
    [
        "Floodwaters from the river forced 300 families from their homes in the old town.",
        FLOOD,
        "Officials expect the water to recede by Friday.",
    ],
]


def column(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, core.FEATURES.index(name)]


def test_features_mark_fragments_furniture_and_shared_content() -> None:
    x = core.features(DOCS)
    assert x.shape == (7, len(core.FEATURES))
    assert column(x, "fragment").tolist() == [0, 0, 0, 1, 0, 0, 0]
    assert column(x, "junk")[2] >= 1 > column(x, "junk")[0]
    # the flood sentence is told by both articles; the rescue crews by one
    assert column(x, "cross_bigrams")[0] > column(x, "cross_bigrams")[1]
    assert column(x, "cross_words")[0] > column(x, "cross_words")[1]
    assert column(x, "first").tolist() == [1, 0, 0, 0, 1, 0, 0]
    # no embeddings given: the embedding features are zero
    assert not column(x, "emb_centroid").any()


def test_select_skips_repeats_and_keeps_to_the_budget() -> None:
    texts = [s for d in DOCS for s in d]
    salience = np.array([1.0, 0.2, 0.1, 0.0, 0.6, 0.9, 0.5])
    chosen = core.select(texts, salience, words=30, overshoot=False)
    assert 0 in chosen and 5 not in chosen  # the same sentence twice is said once
    assert sum(core.word_count(texts[i]) for i in chosen) <= 30
    everything = core.select(texts, salience, words=1000)
    assert 5 not in everything and len(everything) == 6


def test_select_stops_when_only_ruled_out_sentences_are_left() -> None:
    texts = [s for d in DOCS for s in d]
    salience = np.array([1.0, -np.inf, -np.inf, -np.inf, -np.inf, -np.inf, -np.inf])
    assert core.select(texts, salience, words=1000) == [0]


def test_same_fact_hook_blocks_restatements() -> None:
    texts = [s for d in DOCS for s in d]
    salience = np.array([1.0, 0.2, 0.1, 0.0, 0.9, 0.3, 0.5])
    free = core.select(texts, salience, words=1000)
    assert 4 in free
    blocked = core.select(texts, salience, words=1000, same_fact=lambda a, b: {a, b} == {0, 4})
    assert 0 in blocked and 4 not in blocked


def test_summarize_documents_prefers_content_over_furniture() -> None:
    picked = core.summarize_documents(DOCS, words=25)
    assert len(picked) >= 2 and picked[:-1] == core.reading_order(picked)[:-1]
    chosen = {DOCS[d][p] for d, p in picked}
    assert "Photo: Getty Images / click here to subscribe to our newsletter" not in chosen
    assert "The mayor said" not in chosen
    assert chosen & {FLOOD, DOCS[1][0]}


def test_reading_order_groups_articles_by_first_pick_and_ends_on_the_last_pick() -> None:
    picked = [(1, 3), (0, 2), (1, 0), (0, 1), (2, 0), (0, 0)]
    assert core.reading_order(picked) == [(1, 0), (1, 3), (0, 1), (0, 2), (2, 0), (0, 0)]
    assert core.reading_order([(2, 1)]) == [(2, 1)]


def test_shipped_weights_match_the_features() -> None:
    for embeddings in (False, True):
        w = core.default_weights(embeddings)
        assert w.coef.shape == (len(core.FEATURES),)
        assert "multinews.py --fit" in w.source
    lexical = core.default_weights(False)
    for name in ("emb_centroid", "emb_support", "emb_mean"):
        assert lexical.coef[core.FEATURES.index(name)] == 0
    with pytest.raises(ValueError, match="features"):
        core.weights_from_dict({"features": ["first"], "mean": [0], "scale": [1], "coef": [1],
                                "intercept": 0})  # fmt: skip


def test_lexical_priors_score_page_furniture_low() -> None:
    docs = [
        [
            "Tweet with a location you can add location information to your tweets, such as"
            " your city or precise location, from the web and via third-party applications.",
            "Sign up for our newsletter and get the latest news every morning in your inbox.",
            "Police arrested two men on Tuesday after a shooting left three people dead.",
        ]
    ]
    x = core.features(docs)
    for name in ("prior_words", "prior_bigrams"):
        assert column(x, name)[2] > max(column(x, name)[:2]), name
    assert "multinews.py --priors" in core.default_priors().source


def test_features_use_the_priors_given() -> None:
    priors = core.Priors({"flood": 0.9}, {("the", "river"): 0.8}, 0.1, 0.05)
    x = core.features([["The river rose.", "Crews worked late."]], priors=priors)
    assert column(x, "prior_content").tolist() == pytest.approx([0.1, 0.1])
    x = core.features([["The river flood rose.", "Crews worked late."]], priors=priors)
    assert column(x, "prior_content")[0] == pytest.approx((0.1 + 0.9 + 0.1) / 3)
    assert column(x, "prior_bigrams")[0] == pytest.approx((0.8 + 0.05 + 0.05) / 3)
    assert column(x, "prior_words")[1] == pytest.approx(0.1)
    same = core.priors_from_dict(
        {"words": {"flood": 0.9}, "bigrams": {"the river": 0.8}, "base_words": 0.1,
         "base_bigrams": 0.05}
    )  # fmt: skip
    assert same.bigrams == priors.bigrams and same.words == priors.words


@pytest.mark.slow
def test_minilm_vectors_put_paraphrases_close() -> None:
    v = core.sentence_vectors([FLOOD, DOCS[1][0], "Stocks fell sharply in early trading."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2]
    x = core.features(DOCS, core.sentence_vectors([s for d in DOCS for s in d]))
    assert column(x, "emb_support")[0] > column(x, "emb_support")[1]


def _select_by_definition(texts, salience, words, vectors, same_fact, redundancy, duplicate,
                          overshoot):  # fmt: skip
    """The greedy selection as its docstring states it, every score computed afresh at
    every step (what ``core.select`` computed before it kept the scores between choices)."""
    grams = [set(itertools.pairwise(ts)) for ts in (core.tokens(t) for t in texts)]
    lengths = [core.word_count(t) for t in texts]
    said: set = set()
    max_cos = np.zeros(len(texts))
    alive = np.ones(len(texts), dtype=bool)
    chosen: list[int] = []
    spent = 0
    while spent < words and alive.any():
        overlap = np.array([len(g & said) / len(g) if g else 0.0 for g in grams])
        score = np.where(alive, np.asarray(salience) - redundancy * overlap, -np.inf)
        best = int(np.argmax(score))
        if score[best] == -np.inf:
            break
        alive[best] = False
        if overlap[best] > 0.7 or max_cos[best] > duplicate:
            continue
        if same_fact is not None and any(same_fact(best, c) for c in chosen):
            continue
        if not overshoot and chosen and spent + lengths[best] > words:
            continue
        chosen.append(best)
        spent += lengths[best]
        said |= grams[best]
        if vectors is not None:
            max_cos = np.maximum(max_cos, vectors @ vectors[best])
    return chosen


@pytest.mark.parametrize("seed", range(6))
def test_select_takes_the_same_sentences_as_its_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(40)]
    texts = [" ".join(rng.choice(vocab, size=rng.integers(3, 25))) for _ in range(300)]
    salience = rng.normal(size=len(texts))
    salience[rng.integers(0, len(texts), size=20)] = -np.inf
    vectors = rng.normal(size=(len(texts), 16))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    same_fact = (lambda a, b: (a + b) % 7 == 0) if seed % 2 else None
    for overshoot in (True, False):
        vecs = vectors if seed % 3 else None
        duplicate = 0.6 if seed % 3 else 0.85
        words = 150 + 40 * seed
        got = core.select(texts, salience, words, vecs, same_fact=same_fact, redundancy=0.45,
                          duplicate=duplicate, overshoot=overshoot)  # fmt: skip
        want = _select_by_definition(texts, salience, words, vecs, same_fact, 0.45, duplicate,
                                     overshoot)  # fmt: skip
        assert got == want
