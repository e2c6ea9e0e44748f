"""Reader for ECB+ (Cybulska & Vossen 2014): documents, event mentions, gold chains.

A document's text is rebuilt from its tokens (tokens joined by a space,
sentences by a newline), so every token and mention has character offsets.
Event mentions are the ``ACTION_*`` and ``NEG_ACTION_*`` markables; their gold
chain is the instance of the ``CROSS_DOC_COREF`` relation they belong to (its
``note``), else their ``INTRA_DOC_COREF`` instance, else they are singletons.
Evaluation is restricted to the corpus' selected sentences
(``ECBplus_coreference_sentences.csv``), as its README recommends.

Standard split (Cybulska & Vossen 2015): train topics 1–22, dev 23–25, test 36–45.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

TRAIN_TOPICS = tuple(range(1, 23))
DEV_TOPICS = (23, 24, 25)
TEST_TOPICS = tuple(range(36, 46))


@dataclass(frozen=True, slots=True)
class EcbToken:
    t_id: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EcbDoc:
    name: str  # "36_1ecb"
    topic: int
    subtopic: str  # "36ecb" or "36ecbplus"
    text: str
    tokens: tuple[EcbToken, ...]
    selected: frozenset[int]  # sentence numbers in the evaluation selection


@dataclass(frozen=True, slots=True)
class EcbMention:
    id: str  # "36_1ecb/23"
    doc: str
    tag: str
    start: int
    end: int
    sentence: int
    head_start: int  # the last token of a multi-token mention is its head (approximation)
    head_end: int
    chain: str


def selected_sentences(root: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_doc(
    path: Path, selected: set[int], all_sentences: bool = False
) -> tuple[EcbDoc, list[EcbMention]]:
    tree = ET.parse(path)
    root = tree.getroot()
    name = path.name.removesuffix(".xml")
    topic = int(name.split("_", 1)[0])
    tokens: list[EcbToken] = []
    parts: list[str] = []
    pos = 0
    last_sentence = None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            parts.append(sep)
            pos += 1
        word = tok.text or ""
        tokens.append(EcbToken(tok.get("t_id", ""), sentence, pos, pos + len(word)))
        parts.append(word)
        pos += len(word)
        last_sentence = sentence
    by_id = {t.t_id: t for t in tokens}
    doc = EcbDoc(
        name=name,
        topic=topic,
        subtopic=f"{topic}{'ecbplus' if name.endswith('plus') else 'ecb'}",
        text="".join(parts),
        tokens=tuple(tokens),
        selected=frozenset(selected),
    )

    markables = root.find("Markables")
    raw: dict[str, tuple[str, list[EcbToken]]] = {}
    for m in markables if markables is not None else ():
        anchors = [
            by_id[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in by_id
        ]
        if anchors and re.match(r"^(NEG_)?ACTION_", m.tag):
            raw[m.get("m_id", "")] = (m.tag, sorted(anchors, key=lambda t: t.start))

    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        sources = [s.get("m_id", "") for s in rel.findall("source")]
        target = rel.find("target")
        if rel.tag == "CROSS_DOC_COREF":
            chain = rel.get("note") or f"{name}/x{rel.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF" and target is not None:
            chain = f"{name}/intra{target.get('m_id')}"
        else:
            continue
        for s in sources:
            chain_of.setdefault(s, chain)

    mentions = []
    for m_id, (tag, anchors) in raw.items():
        sentence = anchors[0].sentence
        if sentence not in selected and not all_sentences:
            continue
        head = anchors[-1]
        mentions.append(
            EcbMention(
                id=f"{name}/{m_id}",
                doc=name,
                tag=tag,
                start=anchors[0].start,
                end=anchors[-1].end,
                sentence=sentence,
                head_start=head.start,
                head_end=head.end,
                chain=chain_of.get(m_id, f"{name}/singleton{m_id}"),
            )
        )
    mentions.sort(key=lambda m: (m.start, m.id))
    return doc, mentions


def read_topics(
    root: Path, topics: tuple[int, ...], all_sentences: bool = False
) -> tuple[list[EcbDoc], list[EcbMention]]:
    """Documents and gold event mentions of ``topics`` (selected sentences only, unless
    ``all_sentences``: every annotated mention, for measuring speed at scale)."""
    selected = selected_sentences(root)
    docs: list[EcbDoc] = []
    mentions: list[EcbMention] = []
    for topic in topics:
        folder = root / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            name = path.name.removesuffix(".xml")
            doc, found = read_doc(path, selected.get(name, set()), all_sentences)
            docs.append(doc)
            mentions.extend(found)
    return docs, mentions
