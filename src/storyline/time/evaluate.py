"""TimeML documents and the TempEval-3 scores for temporal expressions.

:func:`read_timeml` reads a TimeML 1.2.1 ``.tml`` file (TempEval-3 distribution)
into its plain text (the contents of ``<TEXT>`` with the tags removed), its
document creation time, and the gold TIMEX3 annotations with character offsets
into that text.

:func:`score` computes the TempEval-3 measures for temporal expressions, as the
task's scorer (``evaluate_entities.py`` of the TE3 toolkit, UzZaman et al. 2013)
defines them:

* an expression matches *relaxed* when the system and gold extents overlap, and
  *strict* when they are the same characters; each gold expression matches at
  most one system expression and the other way round (the toolkit aligns
  identifiers with the TimeML normaliser, which pairs overlapping extents);
* strict/relaxed precision = matches / system expressions, recall = matches /
  gold expressions, F1 their harmonic mean;
* attribute accuracy (type, value) = relaxed matches whose attribute is equal /
  relaxed matches; attribute F1 = harmonic mean of (equal attributes / system
  expressions) and (equal attributes / gold expressions), i.e. relaxed F1 ×
  accuracy — the "value F1" of the task's results table;
* the document creation time (``tid="t0"``) is not scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: characters ``[start, end)`` of the document text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str
    timexes: tuple[Timex, ...]


def read_timeml(path: str | Path) -> TimeMLDoc:
    """The text, creation date and gold expressions of one TimeML file."""
    path = Path(path)
    root = ET.parse(path).getroot()
    dct = ""
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = (t.get("value") or "")[:10]
            break
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(len(p) for p in parts)
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            end = sum(len(p) for p in parts)
            surface = "".join(parts)[start:end]
            timexes.append(
                Timex(
                    start,
                    end,
                    surface,
                    el.get("type") or "",
                    el.get("value") or "",
                    el.get("mod") or "",
                )
            )

    walk(text_el)
    text = "".join(parts)
    return TimeMLDoc(path.name, text, dct, tuple(sorted(timexes, key=lambda t: t.start)))


def read_corpus(folder: str | Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``folder``, sorted by name."""
    return [read_timeml(p) for p in sorted(Path(folder).rglob("*.tml"))]


@dataclass
class Counts:
    """Counts over a corpus; the scores are properties."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k in ("system", "gold", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def _f1(hits: int, system: int, gold: int) -> float:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict, self.system, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return self._f1(self.relaxed, self.system, self.gold)

    @property
    def relaxed_precision(self) -> float:
        return self.relaxed / self.system if self.system else 0.0

    @property
    def relaxed_recall(self) -> float:
        return self.relaxed / self.gold if self.gold else 0.0

    @property
    def value_f1(self) -> float:
        return self._f1(self.value_ok, self.system, self.gold)

    @property
    def type_f1(self) -> float:
        return self._f1(self.type_ok, self.system, self.gold)

    @property
    def type_acc(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_acc(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    def as_dict(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {
            k: getattr(self, k) for k in ("system", "gold", "strict", "relaxed")
        }
        for k in ("strict_f1", "relaxed_f1", "type_acc", "value_acc", "value_f1", "type_f1"):
            out[k] = round(getattr(self, k), 4)
        return out


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping gold and system expressions.

    Exact extents pair first, then the largest overlaps, ties to the earlier one.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = g.start == s.start and g.end == s.end
                candidates.append((not exact, -overlap, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _exact, _overlap, gi, si in candidates:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


def score_doc(gold: Sequence[Timex], system: Sequence[Timex]) -> Counts:
    """TempEval-3 counts for one document."""
    c = Counts(system=len(system), gold=len(gold))
    for g, s in align(gold, system):
        c.relaxed += 1
        c.strict += g.start == s.start and g.end == s.end
        c.type_ok += g.type == s.type
        c.value_ok += g.value == s.value
    return c


def score(pairs: Iterable[tuple[Sequence[Timex], Sequence[Timex]]]) -> Counts:
    """Micro-averaged TempEval-3 counts over (gold, system) pairs of documents."""
    total = Counts()
    for gold, system in pairs:
        total.add(score_doc(gold, system))
    return total


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
