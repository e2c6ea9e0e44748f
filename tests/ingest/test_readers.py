"""Readers: every format, every rejection reason, and text kept exactly as written.

Fixtures are small articles written for these tests, created in ``tmp_path``.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from storyline.errors import InputError, StorylineError
from storyline.ingest import DEFAULT_MAX_BYTES, INPUT_FORMATS, parse_published, read_inputs
from storyline.model import Article, Rejection, stable_id, text_hash

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

STORY = (
    "The harbour bridge in Port Alder reopened to traffic on Monday after eight months of "
    "repairs, the town council said.\n\nMayor Ines Calloway said the work finished early."
)


def read(*paths: object, **kwargs: object) -> list[Article | Rejection]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only(results: list[Article | Rejection]) -> Article | Rejection:
    assert len(results) == 1, results
    return results[0]


def article(results: list[Article | Rejection]) -> Article:
    result = only(results)
    assert isinstance(result, Article), result
    return result


def reason(results: list[Article | Rejection]) -> str:
    result = only(results)
    assert isinstance(result, Rejection), result
    return result.reason


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


# -- errors -------------------------------------------------------------------------------------


def test_input_error_names_origin_and_reason() -> None:
    e = InputError("a.txt", "empty file")
    assert isinstance(e, StorylineError)
    assert (e.origin, e.reason, str(e)) == ("a.txt", "empty file", "a.txt: empty file")


def test_api_constants() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    assert INPUT_FORMATS == ("auto", "text", "html", "jsonl", "multinews")
    with pytest.raises(ValueError, match="unknown input format"):
        read_inputs(["x"], input_format="pdf").__next__()


# -- text ---------------------------------------------------------------------------------------


def test_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "---\n"
        "id: ledger-001\n"
        'title: "Bridge reopens: council"\n'
        "source: 'The Coastal Ledger'\n"
        "url: https://ledger.example/bridge\n"
        "published: 2016-04-15T10:00:00Z\n"
        "author: Someone\n"
        "tags:\n"
        "  - bridges\n"
        "---\n"
        "\n"
        f"{STORY}\n",
    )
    a = article(read(path))
    assert a == Article(
        id="ledger-001",
        text=STORY,
        title="Bridge reopens: council",
        source="The Coastal Ledger",
        url="https://ledger.example/bridge",
        published="2016-04-15",
        origin=str(path),
    )


def test_front_matter_without_id_gets_hash_id(tmp_path: Path) -> None:
    a = article(read(write(tmp_path / "a.txt", f"---\nsource: Ledger\n---\n{STORY}")))
    assert a.id == stable_id("a", text_hash(STORY))
    assert a.hash == text_hash(STORY)
    assert (a.source, a.title) == ("Ledger", None)


def test_front_matter_errors(tmp_path: Path) -> None:
    unclosed = write(tmp_path / "a.txt", f"---\ntitle: x\n{STORY}")
    assert reason(read(unclosed)) == "front matter opened with '---' on line 1 is never closed"
    bad_date = write(tmp_path / "b.txt", f"---\npublished: April 15\n---\n{STORY}")
    assert reason(read(bad_date)) == (
        "invalid published date 'April 15': expected ISO 8601 (YYYY-MM-DD)"
    )
    bad_line = write(tmp_path / "c.txt", f"---\njust words\n---\n{STORY}")
    assert reason(read(bad_line)) == "front matter line 2 is not 'key: value': 'just words'"


def test_title_line_followed_by_blank_line(tmp_path: Path) -> None:
    a = article(read(write(tmp_path / "a.txt", f"Harbour bridge reopens\n\n\n{STORY}\n")))
    assert (a.title, a.text) == ("Harbour bridge reopens", STORY)


@pytest.mark.parametrize(
    "first",
    [
        "The bridge reopened on Monday.",  # a sentence, not a headline
        "x" * 201,  # too long for a headline
    ],
)
def test_no_title(tmp_path: Path, first: str) -> None:
    content = f"{first}\n\n{STORY}"
    a = article(read(write(tmp_path / "a.txt", content)))
    assert (a.title, a.text) == (None, content)


def test_first_line_without_blank_line_is_text(tmp_path: Path) -> None:
    content = "Harbour bridge reopens\nThe bridge opened on Monday."
    a = article(read(write(tmp_path / "a.txt", content)))
    assert (a.title, a.text) == (None, content)


def test_markdown_heading_title(tmp_path: Path) -> None:
    a = article(read(write(tmp_path / "a.md", f"# Harbour bridge reopens\n\n{STORY}")))
    assert (a.title, a.text) == ("Harbour bridge reopens", STORY)


def test_text_kept_byte_exact(tmp_path: Path) -> None:
    # NBSP, curly quotes, CRLF line endings, double spaces and tabs inside the text are
    # kept; only the BOM, the title, leading blank lines and trailing whitespace go.
    body = (
        "“We kept that promise,” said Mayor\u00a0Calloway  on Monday.\r\n"
        "\r\n"
        "\tThe council’s review\u00a0begins in May .\r\n"
    )
    raw = "\ufeff" + "Bridge reopens\r\n\r\n\r\n" + body + "  \r\n\r\n"
    a = article(read(write(tmp_path / "a.txt", raw)))
    assert a.title == "Bridge reopens"
    assert a.text == body.rstrip()
    assert a.text.encode("utf-8") == body.rstrip().encode("utf-8")
    assert "\r\n" in a.text and "\u00a0" in a.text and "“" in a.text


def test_leading_indentation_of_first_line_is_kept(tmp_path: Path) -> None:
    a = article(read(write(tmp_path / "a.txt", "\n\n   Indented first line of a story.\n")))
    assert a.text == "   Indented first line of a story."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ("Brücke\n\n" + STORY).encode("utf-16"))
    a = article(read(path))
    assert (a.title, a.text) == ("Brücke", STORY)


# -- bad input ----------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert read(missing) == [Rejection(str(missing), "no such file or directory")]


def test_empty_file(tmp_path: Path) -> None:
    assert reason(read(write(tmp_path / "a.txt", b""))) == "empty file"


@pytest.mark.parametrize("content", [" \n\t\n\u00a0\n", "\ufeff", "---\ntitle: x\n---\n\n"])
def test_no_text(tmp_path: Path, content: str) -> None:
    assert reason(read(write(tmp_path / "a.txt", content))) == "no text"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\x00\x01\x02binary stream",  # a NUL byte
        bytes(range(1, 32)) * 10,  # valid UTF-8, but control characters
    ],
)
def test_binary(tmp_path: Path, content: bytes) -> None:
    assert reason(read(write(tmp_path / "a.txt", content))) == "binary file, not text"


def test_undecodable_is_not_guessed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Café in Zürich".encode("latin-1"))
    assert reason(read(path)) == (
        "cannot decode as UTF-8 at byte 3 (0xe9); "
        "only UTF-8, or UTF-16 with a byte-order mark, is accepted"
    )


def test_undecodable_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfab\xffc")
    assert reason(read(path)).startswith("cannot decode as UTF-8 at byte 5 (0xff)")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    path.chmod(0)
    try:
        assert read(path) == [Rejection(str(path), "permission denied")]
    finally:
        path.chmod(0o644)


def test_unreadable_file_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too: the OS refusal is simulated where the reader opens the file.
    from storyline.ingest import readers

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path / "a.txt", STORY)
    monkeypatch.setattr(readers, "open", refuse, raising=False)
    assert read(path) == [Rejection(str(path), "permission denied")]


def test_unlistable_subdirectory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", STORY)
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    results = read(tmp_path)
    assert [type(r) for r in results] == [Article, Rejection]
    assert results[1] == Rejection(str(locked), "permission denied")


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 3000)
    assert reason(read(path, max_bytes=2048)) == (
        "file is 2.9 KiB, larger than the 2.0 KiB limit (raise it with --max-bytes)"
    )
    assert isinstance(only(read(path, max_bytes=3000)), Article)


def test_unsupported_file_type_given_explicitly(tmp_path: Path) -> None:
    path = write(tmp_path / "a.pdf", STORY)
    assert reason(read(path)) == (
        "unsupported file type '.pdf' (use --input-format text, html, jsonl, multinews)"
    )
    assert article(read(path, input_format="text")).text == STORY


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read(tmp_path) == [Rejection(str(fifo), "not a regular file")]


# -- directories --------------------------------------------------------------------------------


def test_directory_walk(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second story about the bridge.")
    write(tmp_path / "a.md", "First story about the bridge.")
    write(tmp_path / "sub" / "c.txt", "Third story about the bridge.")
    write(tmp_path / "sub" / "c.pdf", "ignored: unknown extension inside a directory")
    write(tmp_path / ".hidden.txt", "ignored: hidden file")
    write(tmp_path / ".git" / "d.txt", "ignored: hidden directory")
    write(tmp_path / "z.txt", b"")
    results = read(tmp_path)
    assert [r.origin for r in results] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.txt"),
        str(tmp_path / "z.txt"),
    ]
    assert results[-1] == Rejection(str(tmp_path / "z.txt"), "empty file")
    assert [type(r) for r in results[:3]] == [Article] * 3


def test_directory_with_explicit_format_reads_every_file(tmp_path: Path) -> None:
    write(tmp_path / "story.pdf", "A story saved with the wrong extension.")
    assert [a.text for a in read(tmp_path, input_format="text")] == [  # type: ignore[union-attr]
        "A story saved with the wrong extension."
    ]


# -- JSON Lines and JSON ------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "x1",
                "title": "Bridge",
                "text": STORY,
                "source": "Ledger",
                "url": "https://ledger.example/1",
                "published": "2016-04-15",
                "extra": 1,
            }
        ),
        "",
        '{"text": "Missing comma" "id": 2}',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": ""}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "ok", "id": [1]}),
        json.dumps({"text": "ok", "title": 3}),
        json.dumps({"text": "ok", "published": "15 April 2016"}),
        json.dumps({"id": 7, "text": "A story whose id is a number."}),
        "   ",
        json.dumps({"text": "A story without an id.", "published": "2016-04-15T23:30:00-05:00"}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    results = read(path)
    p = str(path)
    assert results[0] == Article(
        id="x1",
        text=STORY,
        title="Bridge",
        source="Ledger",
        url="https://ledger.example/1",
        published="2016-04-15",
        origin=f"{p}:1",
    )
    assert results[1:10] == [
        Rejection(f"{p}:3", "invalid JSON at column 26: Expecting ',' delimiter"),
        Rejection(f"{p}:4", "expected a JSON object, got array"),
        Rejection(f"{p}:5", "missing required field 'text'"),
        Rejection(f"{p}:6", "field 'text' is empty"),
        Rejection(f"{p}:7", "no text"),
        Rejection(f"{p}:8", "field 'text' must be a string, got number"),
        Rejection(f"{p}:9", "field 'id' must be a string or number, got array"),
        Rejection(f"{p}:10", "field 'title' must be a string, got number"),
        Rejection(
            f"{p}:11", "invalid published date '15 April 2016': expected ISO 8601 (YYYY-MM-DD)"
        ),
    ]
    numbered, anonymous = results[10:]
    assert isinstance(numbered, Article) and numbered.id == "7" and numbered.origin == f"{p}:12"
    assert isinstance(anonymous, Article)
    assert anonymous.id == stable_id("a", text_hash("A story without an id."))
    assert (anonymous.published, anonymous.origin) == ("2016-04-15", f"{p}:14")


def test_jsonl_text_kept_exactly(tmp_path: Path) -> None:
    text = "  “Quoted”\u00a0text\r\nwith a CRLF.  "
    path = write(tmp_path / "a.jsonl", json.dumps({"text": text}) + "\r\n")
    assert article(read(path)).text == text


def test_json_array_and_object(tmp_path: Path) -> None:
    array = write(tmp_path / "a.json", json.dumps([{"text": "First."}, 5, {"text": "Third."}]))
    p = str(array)
    results = read(array)
    assert [r.origin for r in results] == [f"{p}[0]", f"{p}[1]", f"{p}[2]"]
    assert results[1] == Rejection(f"{p}[1]", "expected a JSON object, got number")
    obj = write(tmp_path / "b.json", json.dumps({"id": "b", "text": "One story."}))
    assert article(read(obj)).id == "b"


def test_json_file_errors(tmp_path: Path) -> None:
    assert reason(read(write(tmp_path / "a.json", '{"text": "x",}'))) == (
        "invalid JSON at line 1 column 14: Expecting property name enclosed in double quotes"
    )
    assert reason(read(write(tmp_path / "b.json", '"just a string"'))) == (
        "expected a JSON object or array, got string"
    )


def test_published_normalisation() -> None:
    assert parse_published("2016-04-15") == "2016-04-15"
    assert parse_published("2016-04-15T10:00:00Z") == "2016-04-15"
    assert parse_published("2016-04-15T10:00:00.5+05:30") == "2016-04-15"
    for bad in ("2016-02-30", "2016-04", "20160415", "yesterday"):
        with pytest.raises(ValueError, match="expected ISO 8601"):
            parse_published(bad)


# -- HTML ---------------------------------------------------------------------------------------

PARAGRAPHS = [
    "The harbour bridge in Port Alder reopened to traffic on Monday after eight months of "
    "repairs, the town council said in a statement. Engineers replaced the corroded steel "
    "cables that had forced the closure last spring.",
    "Mayor Ines Calloway said the work finished two weeks ahead of schedule and under "
    "budget. “We promised the fishing fleet a working bridge before the autumn season, and "
    "we kept that promise,” she told reporters at the ribbon cutting.",
    "Local businesses on the north shore had complained that the detour added forty minutes "
    "to every delivery. The council said it would review how the closure was handled.",
]


def page(head: str = "", footer: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Harbour bridge reopens | The Coastal Ledger</title>"
        "<meta property='og:site_name' content='The Coastal Ledger'>"
        "<link rel='canonical' href='https://ledger.example/news/bridge'>"
        f"{head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Harbour bridge reopens</h1>\n{body}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def test_html_text_and_metadata(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        page(head="<meta property='article:published_time' content='2016-04-15T10:00:00Z'>"),
    )
    a = article(read(path))
    assert a.text == "\n".join(PARAGRAPHS)
    assert (a.title, a.source, a.url, a.published) == (
        "Harbour bridge reopens",
        "The Coastal Ledger",
        "https://ledger.example/news/bridge",
        "2016-04-15",
    )
    assert a.id == stable_id("a", text_hash(a.text))


def test_html_without_date_has_no_date(tmp_path: Path) -> None:
    # htmldate's extensive search would turn the copyright line into 2015-01-01.
    path = write(tmp_path / "a.htm", page(footer="© 2015 The Coastal Ledger. All rights reserved."))
    assert article(read(path)).published is None


def test_html_declared_charset(tmp_path: Path) -> None:
    html = page().replace("charset='utf-8'", "charset='iso-8859-1'").replace("Alder", "Ålder")
    path = write(tmp_path / "a.html", html.replace("“", '"').replace("”", '"').encode("latin-1"))
    assert "Port Ålder" in article(read(path)).text


@pytest.mark.parametrize(
    "html", ["<html><head><title>x</title></head><body><div></div></body></html>", "<<<>>> <p <div"]
)
def test_html_without_text(tmp_path: Path, html: str) -> None:
    assert reason(read(write(tmp_path / "a.html", html))) == "no article text found in HTML"


# -- stdin --------------------------------------------------------------------------------------


def test_stdin_text() -> None:
    a = article(read("-", stdin=io.BytesIO(f"Bridge reopens\n\n{STORY}".encode())))
    assert (a.origin, a.title, a.text) == ("-", "Bridge reopens", STORY)


def test_stdin_sniffs_jsonl_and_html() -> None:
    jsonl = b'{"text": "One."}\n{"text": "Two."}\n'
    assert [r.origin for r in read("-", stdin=io.BytesIO(jsonl))] == ["-:1", "-:2"]
    a = article(read("-", stdin=io.BytesIO(page().encode())))
    assert a.title == "Harbour bridge reopens"


def test_stdin_explicit_format_and_limit() -> None:
    assert article(read("-", input_format="text", stdin=io.BytesIO(b"<b>not html</b>"))).text == (
        "<b>not html</b>"
    )
    assert reason(read("-", max_bytes=4, stdin=io.BytesIO(b"too long"))) == (
        "input is larger than the 4 bytes limit (raise it with --max-bytes)"
    )
    assert reason(read("-", stdin=io.BytesIO(b""))) == "empty file"


# -- Multi-News ---------------------------------------------------------------------------------


def test_multinews_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "test.src.txt",
        "First report. NEWLINE_CHAR NEWLINE_CHAR More. ||||| Second report. |||||  \n"
        "\n"
        "Third report, second cluster.\n",
    )
    results = read(path, input_format="multinews")
    assert all(isinstance(r, Article) for r in results)
    assert [(r.text, r.collection, r.origin) for r in results] == [  # type: ignore[union-attr]
        ("First report. \n \n More.", "test.src.txt:1", f"{path}:1|0"),
        ("Second report.", "test.src.txt:1", f"{path}:1|1"),
        ("Third report, second cluster.", "test.src.txt:3", f"{path}:3|0"),
    ]


def test_multinews_json_records(tmp_path: Path) -> None:
    records = [
        {"idx": 10, "summary": "s", "raw_document": ["  Doc one. ", "", "Doc two."]},
        {"idx": 11, "raw_document": "not a list"},
        {"idx": 12, "raw_document": ["ok", None]},
        {"text": "An ordinary article in the same file."},
    ]
    path = write(tmp_path / "test.json", json.dumps(records))
    p = str(path)
    results = read(path)
    assert results == [
        Article(
            id=stable_id("a", text_hash("Doc one.")),
            text="Doc one.",
            origin=f"{p}[0].raw_document[0]",
            collection="multinews:10",
        ),
        Article(
            id=stable_id("a", text_hash("Doc two.")),
            text="Doc two.",
            origin=f"{p}[0].raw_document[2]",
            collection="multinews:10",
        ),
        Rejection(f"{p}[1]", "field 'raw_document' must be an array, got string"),
        Rejection(f"{p}[2].raw_document[1]", "document must be a string, got null"),
        Article(
            id=stable_id("a", text_hash("An ordinary article in the same file.")),
            text="An ordinary article in the same file.",
            origin=f"{p}[3]",
        ),
    ]
    forced = read(path, input_format="multinews")
    assert forced[-1] == Rejection(f"{p}[3]", "missing required field 'raw_document'")


# -- shared corpora (skipped in a fresh clone) --------------------------------------------------


def needs(folder: str) -> Path:
    path = CORPORA / folder
    if not path.is_dir():
        pytest.skip(f"../shared/corpora absent: {path} not found (a fresh clone has no ../shared)")
    return path


def test_seed_articles() -> None:
    seeds = needs("seeds")
    results = read(seeds)
    assert len(results) == 3 and all(isinstance(r, Article) for r in results), results
    by_name = {Path(r.origin or "").name[:3]: r for r in results}
    assert by_name["000"].title == (  # type: ignore[union-attr]
        "Iranian general defies sanctions once again, travels back to Moscow"
    )
    assert by_name["001"].title == (  # type: ignore[union-attr]
        "Iranian General Visits Russia Again, in Violation of UN Travel Ban"
    )
    third = by_name["003"]
    assert isinstance(third, Article) and third.title is None
    raw = Path(third.origin or "").read_text(encoding="utf-8")
    assert third.text == raw.rstrip()  # no title: the whole file is the text
    for r in results:
        assert isinstance(r, Article)
        assert Path(r.origin or "").read_text(encoding="utf-8").endswith(r.text)


def test_multinews_corpus() -> None:
    path = needs("multinews") / "test.json"
    assert reason(read(path)).startswith("file is 45.5 MiB, larger than the 20.0 MiB limit")
    results = read(path, max_bytes=64 * 1024 * 1024)
    assert not [r for r in results if isinstance(r, Rejection)]
    assert len(results) > 10_000
    first = results[0]
    assert isinstance(first, Article) and first.collection == "multinews:50594"
    assert all(r.text.strip() for r in results)  # type: ignore[union-attr]
