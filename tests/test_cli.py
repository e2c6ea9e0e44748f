"""The command line: exit codes, messages, help, and ingest behaviour through it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from storyline.cli import build_parser, main
from storyline.store import Store

REPORT = (
    "Defence minister Arlo Venn flew to Corvia on Thursday, officials said.\n\n"
    "The trip broke a travel ban imposed by the council in July 2015.\n"
)


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_every_command_has_help_with_examples(capsys) -> None:
    parser = build_parser()
    commands = [["ingest"], ["brief"], ["demo"], ["watchlist"], ["watchlist", "add"]]
    for cmd in commands:
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out, cmd
    assert "examples:" in parser.format_help()


def test_quiet_prints_only_errors(tmp_path: Path, capsys) -> None:
    assert main(["watchlist", "add", str(_demo_list()), "--db", str(tmp_path / "q.db"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def _demo_list() -> Path:
    from storyline.demo import watchlist_path

    return watchlist_path()


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["brief", "--format", "pdf"])
    assert exc.value.code == 2
    assert main([]) == 2


@pytest.mark.slow
def test_ingest_bad_inputs_are_skipped_with_reasons_and_exit_1(tmp_path: Path, capsys) -> None:
    good = write(tmp_path / "good.txt", "Title\n\n" + REPORT)
    bad = [
        write(tmp_path / "empty.txt", ""),
        write(tmp_path / "binary.txt", b"\x00\x01\x02 binary \x00" * 50),
        write(tmp_path / "latin1.txt", "Caf\xe9 au lait near the border.".encode("latin-1")),
        write(tmp_path / "broken.jsonl", '{"text": "fine"}\n{"text": "unterminated\n'),
        write(tmp_path / "nodate.html", "<html><body><div></div></body></html>"),
    ]
    big = write(tmp_path / "big.txt", "word " * 5000)
    db = tmp_path / "s.db"
    code = main(
        ["ingest", str(good), *map(str, bad), str(big), "--db", str(db), "--max-bytes", "20000"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert f"skipped {bad[0]}: empty file" in err
    assert f"skipped {bad[1]}: binary file, not text" in err
    assert f"skipped {bad[2]}: cannot decode as UTF-8" in err
    assert f"skipped {bad[3]}:2: invalid JSON" in err
    assert f"skipped {bad[4]}: no article text found in HTML" in err
    assert f"skipped {big}: file is" in err and "--max-bytes" in err
    assert "2 read, 2 new, 0 duplicate" in err and "6 skipped" in err
    with Store(db) as store:
        assert sorted(a.text for a in store.articles()) == sorted([REPORT.strip(), "fine"])


@pytest.mark.slow
def test_failed_run_keeps_what_was_stored(tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    assert main(["ingest", str(write(tmp_path / "a.txt", REPORT)), "--db", str(db), "-q"]) == 0
    with Store(db) as store:
        before = [(a.id, a.text, a.hash) for a in store.articles()]
    # a run of only bad input, and a run that reuses the id with other text
    assert main(["ingest", str(write(tmp_path / "e.txt", "")), "--db", str(db), "-q"]) == 1
    clash = write(
        tmp_path / "c.jsonl", json.dumps({"id": before[0][0], "text": "Other text."}) + "\n"
    )
    assert main(["ingest", str(clash), "--db", str(db)]) == 1
    assert "already stored with a different text" in capsys.readouterr().err
    with Store(db) as store:
        assert [(a.id, a.text, a.hash) for a in store.articles()] == before
        assert store.integrity_problems() == []


@pytest.mark.slow
def test_duplicates_and_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    db = tmp_path / "s.db"
    a = write(tmp_path / "a.txt", REPORT)
    b = write(tmp_path / "b.md", "---\nsource: Other Outlet\n---\n" + REPORT)
    assert main(["ingest", str(a), str(b), "--db", str(db), "-v"]) == 0
    err = capsys.readouterr().err
    assert "2 read, 1 new, 1 duplicate" in err
    assert f"{a}: " in err and " added" in err and "same text as stored article" in err
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"A second report arrives on stdin today.\n"))
    )
    assert main(["ingest", "-", "--db", str(db)]) == 0
    with Store(db) as store:
        assert store.count_articles() == 2
        first = store.articles()[0]
        assert {s["origin"] for s in store.sources_of(first.id)} == {str(a), str(b)}
        assert any(a.origin == "-" for a in store.articles())


@pytest.mark.slow
def test_second_run_does_no_nlp_work(tmp_path: Path) -> None:
    """Annotations are cached by article hash and pipeline version."""
    from storyline import annotate as ann
    from storyline.model import Article

    nlp = ann.load_nlp()
    calls: list[int] = []
    real_pipe = nlp.pipe

    def counting_pipe(texts, **kw):  # delegates to the real model, counting texts
        texts = list(texts)
        calls.append(len(texts))
        return real_pipe(texts, **kw)

    articles = [
        Article(id=f"a{i}", text=f"Report {i}: Arlo Venn flew to Corvia on Thursday.")
        for i in range(3)
    ]
    with Store(tmp_path / "c.db") as store:
        for art in articles:
            store.add_article(art)
        nlp.pipe = counting_pipe
        try:
            first = ann.annotate(articles, store)
            second = ann.annotate(articles, store)
        finally:
            nlp.pipe = real_pipe
    assert calls == [3]
    assert [d.doc.to_json() for d in first] == [d.doc.to_json() for d in second]
    assert [e.text for e in second[0].doc.ents] == ["Arlo Venn", "Corvia", "Thursday"]


def test_brief_of_empty_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["brief", "--db", str(tmp_path / "none.db")]) == 1
    assert "holds no articles" in capsys.readouterr().err


def test_bad_watchlist_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = write(tmp_path / "list.json", '{"entries": [')
    assert main(["watchlist", "add", str(bad), "--db", str(tmp_path / "w.db")]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "invalid JSON" in err
