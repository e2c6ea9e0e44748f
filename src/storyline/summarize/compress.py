"""Sentence compression: drop attribution tails and parentheticals, by the parse.

Three cuts, each made only where the dependency parse shows the sentence
stands without the piece:

* an **attribution tail** — "…, multiple intelligence sources tell Fox News."
  (the root is a verb of saying whose reported clause, with its own subject,
  opens the sentence) or "…, Fox News reported, citing officials." (a clause of
  saying hanging off the root after a comma, running to the end);
* ", **according to** …" after the main clause;
* a **parenthetical** "( … )" that does not hold the sentence's root.

The result is a list of character ranges of the original text, in order; their
concatenation is the compressed sentence, so every word shown is still cited
by an exact span. Nothing is rewritten, only left out.
"""

from __future__ import annotations

from typing import Any

SAYING = {
    "say", "tell", "report", "confirm", "reveal", "learn", "add", "write", "state",
    "announce", "claim", "cite", "note", "explain", "insist",
}  # fmt: skip
_QUOTES = {'"', "”", "’", "'", "''"}


def _sentence_end(sent: Any) -> int:
    """Index (in the doc) of the first token of the sentence-final punctuation run."""
    i = sent.end
    while i > sent.start and (sent.doc[i - 1].is_punct or sent.doc[i - 1].is_space):
        i -= 1
    return i


def _cuts(sent: Any) -> list[tuple[int, int]]:
    """Token ranges [a, b) to leave out."""
    doc, root = sent.doc, sent.root
    body_end = _sentence_end(sent)
    if body_end <= sent.start or any(doc[i].text in _QUOTES for i in range(body_end, sent.end)):
        return []  # nothing but punctuation, or a quotation closes the sentence: leave it
    cuts: list[tuple[int, int]] = []
    # "<reported clause>, <source> <says>."
    if root.lemma_.lower() in SAYING and root.i > sent.start:
        reported = [
            c for c in root.children
            if c.dep_ == "ccomp" and c.i < root.i
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ]  # fmt: skip
        if reported:
            clause_end = max(t.i for t in reported[0].subtree) + 1
            if (
                min(t.i for t in reported[0].subtree) == sent.start
                and clause_end < body_end
                and doc[clause_end].text == ","
            ):
                cuts.append((clause_end, body_end))
                return cuts
    for tok in sent:
        if tok.i <= root.i or doc[tok.i - 1].text != ",":
            continue
        sub_end = max(t.i for t in tok.subtree) + 1
        saying = (
            tok.head.i == root.i
            and tok.lemma_.lower() in SAYING
            and tok.dep_ in ("parataxis", "ccomp", "advcl")
        )
        according = tok.lower_ == "according" and tok.dep_ in ("prep", "advcl")
        if (saying or according) and sub_end >= body_end:
            cuts.append((tok.i - 1, body_end))
            break
    # parentheticals without the root
    i = sent.start
    while i < body_end:
        if doc[i].text == "(":
            j = i + 1
            while j < sent.end and doc[j].text != ")":
                j += 1
            if j < sent.end and not (i < root.i < j) and i > sent.start:
                cuts.append((i, j + 1))
            i = j
        i += 1
    return cuts


def compress_sentence(sent: Any) -> list[tuple[int, int]]:
    """Character ranges of ``sent``'s doc to keep, in order (the whole sentence if no cut)."""
    doc = sent.doc
    text = doc.text
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    end = start + len(sent.text.strip())
    removed: list[tuple[int, int]] = []
    for a, b in sorted(_cuts(sent)):
        # leave out the whitespace before the piece too, so no double space remains
        lo = doc[a - 1].idx + len(doc[a - 1].text) if a > sent.start else doc[a].idx
        hi = doc[b - 1].idx + len(doc[b - 1].text)
        if removed and lo <= removed[-1][1]:
            removed[-1] = (removed[-1][0], max(hi, removed[-1][1]))
        else:
            removed.append((lo, hi))
    kept, pos = [], start
    for lo, hi in removed:
        if lo > pos:
            kept.append((pos, lo))
        pos = max(pos, hi)
    if pos < end:
        kept.append((pos, end))
    if not kept or sum(b - a for a, b in kept) < 0.25 * (end - start):
        return [(start, end)]
    # a cut that leaves the sentence without its final punctuation keeps no less text
    return [(a, b) for a, b in kept if text[a:b].strip()]
