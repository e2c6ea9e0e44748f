"""Trigger vectors in context and predicted sub-topics, on small texts written for the test."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.slow


def _span(sentence: str, word: str) -> tuple[str, int, int]:
    start = sentence.index(word)
    return sentence, start, start + len(word)


def test_trigger_vectors_tell_senses_apart() -> None:
    from storyline.events.coref import trigger_vectors

    shots_a = _span("Gunmen opened fire on shoppers at the market, killing four.", "fire")
    shots_b = _span("Soldiers opened fire on the protesters outside the palace.", "fire")
    flames = _span("The fire destroyed the warehouse and three nearby homes.", "fire")
    v = trigger_vectors([shots_a, shots_b, flames])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.02  # cosines of token states run high


def test_trigger_vector_is_the_span_not_the_sentence() -> None:
    from storyline.events.coref import trigger_vectors

    sentence = "The senator resigned after the court convicted him of fraud."
    resigned, convicted = trigger_vectors(
        [_span(sentence, "resigned"), _span(sentence, "convicted")]
    )
    quit_ = trigger_vectors([_span("The senator quit his seat on Monday.", "quit")])[0]
    assert float(resigned @ convicted) < 0.99
    assert float(resigned @ quit_) > float(convicted @ quit_)


def test_document_clusters_split_a_topic_by_who_and_where() -> None:
    from storyline.annotate import load_nlp
    from storyline.eval.event_coref import document_clusters

    texts = {
        "1_1ecb": "Mark Vinar fell from Zurbriggen Ridge on Mount Cook in 2008; Miles Vinar lived.",
        "1_2ecb": "Australian climber Mark Vinar is presumed dead on Mount Cook, Miles Vinar said.",
        "1_3ecb": "Police searched Zurbriggen Ridge for Mark Vinar after Miles Vinar was found.",
        "1_1ecbplus": "http://ex.org/a\nBritish climber Peter Hicks died on Mount Cook in 2013.",
        "1_2ecbplus": "http://ex.org/b\nPeter Hicks of Britain was killed in Aoraki National Park.",
    }
    nlp = load_nlp()
    parsed = dict(zip(texts, nlp.pipe(texts.values()), strict=True))
    groups = document_clusters(parsed, dict.fromkeys(texts, 1))
    assert groups["1_1ecb"] == groups["1_2ecb"] == groups["1_3ecb"]
    assert groups["1_1ecbplus"] == groups["1_2ecbplus"]
    assert groups["1_1ecb"] != groups["1_1ecbplus"]


def test_a_lone_document_joins_its_nearest_cluster() -> None:
    from storyline.eval.event_coref import _attach_lone_documents

    labels = np.array([1, 1, 2, 2, 3])
    sim = np.array(
        [
            [1.0, 0.8, 0.1, 0.1, 0.1],
            [0.8, 1.0, 0.1, 0.1, 0.2],
            [0.1, 0.1, 1.0, 0.7, 0.5],
            [0.1, 0.1, 0.7, 1.0, 0.4],
            [0.1, 0.2, 0.5, 0.4, 1.0],
        ]
    )
    assert _attach_lone_documents(labels, sim).tolist() == [1, 1, 2, 2, 2]
    # with no cluster of two or more, every document keeps its own
    alone = np.array([1, 2, 3])
    assert _attach_lone_documents(alone, sim[:3, :3]).tolist() == [1, 2, 3]


def test_document_views_keep_years_months_and_names_but_not_the_url_line() -> None:
    from storyline.annotate import load_nlp
    from storyline.eval.event_coref import document_views

    text = (
        "http://ex.org/2013/09/fall\nPeter Hicks died on Mount Cook on Monday, 14 September 2013."
    )
    names, entities, dates, content = document_views(load_nlp()(text))
    assert "y2013" in dates and "mseptember" in dates and "dmonday" in dates
    assert "hicks" in names and any("hicks" in e for e in entities)
    assert "die" in content
    assert not any("ex.org" in term or "http" in term for term in names + content + entities)
