"""Command line: thin commands over the library.

Exit status: 0 success, 1 something failed (an input skipped, an error),
2 usage error. Progress bars go to stderr and only when it is a terminal.
Heavy imports (spaCy, trafilatura) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from storyline import __version__
from storyline.errors import StorylineError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
FORMATS = ("json", "md", "html")
WATCHLIST_FORMATS = ("auto", "json", "un-xml", "ofac-csv", "ftm")  # storyline.watchlist.formats


class _Console:
    """Where messages go: stderr, filtered by -q / -v."""

    def __init__(self, verbosity: int, stream: TextIO | None = None) -> None:
        self.verbosity = verbosity
        self.stream = stream or sys.stderr

    def info(self, msg: str) -> None:
        if self.verbosity >= 0:
            print(msg, file=self.stream)

    def debug(self, msg: str) -> None:
        if self.verbosity > 0:
            print(msg, file=self.stream)

    def error(self, msg: str) -> None:
        print(msg, file=self.stream)

    @contextmanager
    def progress(self, desc: str, total: int | None = None) -> Any:
        """A progress callback (advance by n); a bar only on an interactive stderr."""
        show = self.verbosity >= 0 and self.stream.isatty()
        if not show:
            yield lambda n=1: None
            return
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit="article", file=self.stream, leave=False)
        try:
            yield bar.update
        finally:
            bar.close()


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default="storyline.db", metavar="PATH",
                   help="SQLite store to use (default: ./storyline.db)")  # fmt: skip
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    g.add_argument("-v", "--verbose", action="store_true", help="print more detail")
    return p


def _input_options() -> argparse.ArgumentParser:
    from storyline.ingest import INPUT_FORMATS

    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                   help="how to read inputs (default: by file extension)")  # fmt: skip
    p.add_argument("--max-bytes", type=int, default=None, metavar="N",
                   help="skip input files larger than N bytes (default: 20 MiB)")  # fmt: skip
    return p


def _brief_options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--words", type=int, default=None, metavar="N",
                   help="word budget of the summary (default: 150)")  # fmt: skip
    p.add_argument("--compress", action="store_true",
                   help="shorten summary sentences: drop attribution tails, "
                   "parentheticals")  # fmt: skip
    p.add_argument("--watchlist", action="append", default=[], metavar="FILE",
                   help="screen against this watchlist: storyline JSON, UN XML, OFAC sdn.csv or "
                   "FollowTheMoney JSON lines (repeatable); "
                   "default: the lists in the store")  # fmt: skip
    p.add_argument("--threshold", type=float, default=None, metavar="SCORE",
                   help="watchlist match threshold, 0..1 (default: 0.7)")  # fmt: skip
    p.add_argument("--watchlist-format", choices=WATCHLIST_FORMATS, default="auto",
                   help="format of the --watchlist files (default: detected)")  # fmt: skip
    return p


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles into a sourced brief: timeline, entities, cited summary, "
        "conflicts between sources, and watchlist alerts.",
        epilog="examples:\n  storyline demo\n  storyline ingest reports/ --db news.db\n"
        "  storyline brief --db news.db --format html --out brief.html\n"
        "  storyline serve --db news.db\n\n"
        "Run 'storyline COMMAND --help' for a command's options.",
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common, inputs, brief_opts = _common(), _input_options(), _brief_options()

    p = sub.add_parser(
        "ingest", parents=[common, inputs], formatter_class=fmt,
        help="read articles into the store and annotate them",
        description="Read articles from files, directories or stdin (-) into the store. Exact "
        "duplicates are stored once; near-duplicates are linked. Bad inputs are skipped with a "
        "reason; the exit status is 1 if any was skipped.",
        epilog="formats: .txt/.md (optional front matter), .html/.htm, .jsonl/.json, "
        "Multi-News (--input-format multinews)\n\nexamples:\n  storyline ingest seeds/\n"
        "  storyline ingest feed.jsonl --db news.db\n  cat report.txt | storyline ingest -\n"
        "  storyline ingest test.json --input-format multinews --max-bytes 100000000",
    )  # fmt: skip
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    p.add_argument("--no-annotate", action="store_true", help="store only; annotate later")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "brief", parents=[common, inputs, brief_opts], formatter_class=fmt,
        help="write a brief of articles (ingesting PATHs first)",
        description="Run every stage and write a brief. With PATHs, they are ingested into the "
        "store first and the brief covers them; without, it covers every article in the store.",
        epilog="examples:\n  storyline brief ../shared/corpora/seeds --format json\n"
        "  storyline brief --db news.db --format html --out brief.html\n"
        "  storyline brief reports/ --watchlist list.json --format md\n"
        "  storyline brief reports/ --words 100 --compress",
    )  # fmt: skip
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, or - for stdin")
    p.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser(
        "demo", parents=[common], formatter_class=fmt,
        help="run the whole pipeline on the bundled demo corpus",
        description="Ingest the bundled demo corpus (fictional reports written for storyline) and "
        "its watchlist into the store, and write the brief as HTML, Markdown and JSON.",
        epilog="examples:\n  storyline demo\n"
        "  storyline demo --out-dir /tmp/demo --db /tmp/demo.db",
    )  # fmt: skip
    p.add_argument("--out-dir", default="storyline-demo", metavar="DIR",
                   help="where to write the brief (default: ./storyline-demo)")  # fmt: skip
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "serve", parents=[common], formatter_class=fmt,
        help="run the web app: stories, timelines, dossiers, alerts, evidence, JSON API",
        description="Serve the store as a web app (and a JSON API under /api) until Ctrl-C. "
        "It binds to 127.0.0.1 unless --host says otherwise; a non-loopback --host needs a "
        "token (--token or STORYLINE_TOKEN), which every request must then carry. Uploads "
        "from the browser are ingested and briefed in the background.",
        epilog="examples:\n  storyline demo && storyline serve      # then open http://127.0.0.1:8000/\n"
        "  storyline serve --db news.db --port 8080\n"
        "  STORYLINE_TOKEN=$(openssl rand -hex 16) storyline serve --host 0.0.0.0\n"
        "  storyline serve --max-upload-mb 5 --max-request-mb 20",
    )  # fmt: skip
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")  # fmt: skip
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", default=None, metavar="TOKEN",
                   help="require this token on every request "
                   "(default: $STORYLINE_TOKEN)")  # fmt: skip
    p.add_argument("--max-upload-mb", type=float, default=20, metavar="N",
                   help="largest file or pasted text accepted, in MiB (default: 20)")  # fmt: skip
    p.add_argument("--max-request-mb", type=float, default=50, metavar="N",
                   help="largest upload request accepted, in MiB (default: 50)")  # fmt: skip
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "watchlist", formatter_class=fmt, help="manage watchlists in the store",
        description="Load watchlists into the store; briefs screen against them.",
        epilog="examples:\n  storyline watchlist add list.json --db news.db\n"
        "  storyline watchlist add consolidated.xml sdn.csv entities.ftm.json",
    )  # fmt: skip
    wsub = p.add_subparsers(dest="watchlist_command", metavar="ACTION", required=True)
    w = wsub.add_parser(
        "add", parents=[common], formatter_class=fmt, help="load watchlist files into the store",
        description="Load watchlist files into the store: storyline's JSON list format, the UN "
        "Security Council consolidated list (XML), OFAC's sdn.csv (aliases from alt.csv beside "
        "it, or --alt) and OpenSanctions FollowTheMoney JSON lines; the format is detected "
        "from the content unless --format says it. Entries replace stored ones of the same id.",
        epilog="examples:\n  storyline watchlist add src/storyline/demo/watchlist.json\n"
        "  storyline watchlist add consolidated.xml --format un-xml\n"
        "  storyline watchlist add sdn.csv --alt alt.csv\n"
        "  storyline watchlist add entities.ftm.json --db news.db",
    )  # fmt: skip
    w.add_argument("files", nargs="+", metavar="FILE")
    w.add_argument("--format", dest="watchlist_format", choices=WATCHLIST_FORMATS,
                   default="auto", help="format of the files (default: detected)")  # fmt: skip
    w.add_argument("--alt", default=None, metavar="FILE",
                   help="OFAC alias file (default: alt.csv beside sdn.csv)")  # fmt: skip
    w.set_defaults(func=cmd_watchlist_add)
    return parser


# -- commands -----------------------------------------------------------------


def _open_store(args: argparse.Namespace) -> Any:
    from storyline.store import Store

    return Store(args.db)


def _run_ingest(
    args: argparse.Namespace, store: Any, console: _Console, paths: Sequence[str]
) -> Any:
    from storyline.pipeline import ingest

    with console.progress("reading") as advance:
        report = ingest(
            paths,
            store,
            input_format=args.input_format,
            max_bytes=args.max_bytes,
            annotate_articles=not getattr(args, "no_annotate", False),
            on_rejection=lambda r: console.error(f"skipped {r.origin}: {r.reason}"),
            progress=advance,
            on_article=lambda a, what: console.debug(f"{a.origin}: {a.id} {what}"),
        )
    console.info(
        f"{report.read} read, {report.added} new, {report.duplicates} duplicate, "
        f"{report.near_duplicates} near-duplicate link(s), {report.skipped} skipped"
    )
    return report


def cmd_ingest(args: argparse.Namespace, console: _Console) -> int:
    with _open_store(args) as store:
        report = _run_ingest(args, store, console, args.paths)
    return EXIT_ERROR if report.skipped else EXIT_OK


def _render(brief: Any, fmt: str) -> str:
    from storyline.render import render_html, render_markdown
    from storyline.render.json import brief_to_dict, render_json

    data = brief_to_dict(brief)
    if fmt == "json":
        return render_json(data)
    if fmt == "html":
        return render_html(data)
    return render_markdown(data)


def _load_watchlists(files: Sequence[str], fmt: str = "auto", alt: str | None = None) -> list[Any]:
    from storyline.watchlist import load_watchlist

    return [entry for f in files for entry in load_watchlist(f, fmt, alt)]


def cmd_brief(args: argparse.Namespace, console: _Console) -> int:
    from storyline.pipeline import brief_from_store

    watchlist = _load_watchlists(args.watchlist, args.watchlist_format)
    status = EXIT_OK
    with _open_store(args) as store:
        ids = None
        if args.paths:
            report = _run_ingest(args, store, console, args.paths)
            status = EXIT_ERROR if report.skipped else EXIT_OK
            ids = report.article_ids
            if not ids:
                raise StorylineError("no articles to brief: every input was skipped")
        elif store.count_articles() == 0:
            raise StorylineError(f"{args.db}: the store holds no articles (ingest some first)")
        with console.progress("annotating") as advance:
            brief = brief_from_store(
                store,
                ids,
                watchlist,
                words=args.words,
                threshold=args.threshold,
                progress=advance,
                compress=args.compress,
            )
    text = _render(brief, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        console.info(f"brief written to {args.out}")
    else:
        sys.stdout.write(text)
    return status


def cmd_demo(args: argparse.Namespace, console: _Console) -> int:
    from storyline.demo import corpus_dir, watchlist_path
    from storyline.pipeline import brief_from_store, ingest

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with _open_store(args) as store:
        entries = _load_watchlists([str(watchlist_path())])
        store.add_watchlist_entries(entries)
        with console.progress("demo") as advance:
            report = ingest([str(corpus_dir())], store, progress=advance)
            brief = brief_from_store(store, report.article_ids, entries)
    written = []
    for fmt, name in (("html", "brief.html"), ("md", "brief.md"), ("json", "brief.json")):
        path = out / name
        path.write_text(_render(brief, fmt), encoding="utf-8")
        written.append(path)
    console.info(
        f"demo: {len(brief.articles)} articles, {len(brief.entities)} entities, "
        f"{len(brief.events)} events, {len(brief.conflicts)} conflicts, {len(brief.alerts)} alerts"
    )
    for path in written:
        console.info(f"  {path}")
    console.info(f"store: {args.db}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, console: _Console) -> int:
    import os

    from storyline.web.security import LOOPBACK_HOSTS, is_loopback

    token = args.token or os.environ.get("STORYLINE_TOKEN") or None
    if not is_loopback(args.host) and token is None:
        console.error(
            f"storyline: error: refusing to serve on {args.host}, which other machines can "
            "reach, without a token: set STORYLINE_TOKEN or pass --token (or use the default "
            "--host 127.0.0.1)"
        )
        return EXIT_USAGE
    import uvicorn

    from storyline.web import Settings, create_app

    try:
        app = create_app(
            Settings(
                db=args.db,
                token=token,
                allowed_hosts=LOOPBACK_HOSTS if is_loopback(args.host) else None,
                max_upload_bytes=int(args.max_upload_mb * 1024 * 1024),
                max_request_bytes=int(args.max_request_mb * 1024 * 1024),
            )
        )
    except ValueError as exc:
        raise StorylineError(str(exc)) from None
    shown = f"[{args.host}]" if ":" in args.host else args.host
    console.info(f"serving {args.db} at http://{shown}:{args.port}/ (Ctrl-C to stop)")
    if token is not None:
        console.info("every request needs the token: open the page once with ?token=TOKEN")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning" if args.quiet or not args.verbose else "info",
        server_header=False,
        # uvicorn closes an idle keep-alive connection after 5 s by default; while the
        # writer thread briefs a large upload the event loop can lag that long, and a
        # client polling /api/jobs then has its connection reset under its next request
        timeout_keep_alive=KEEP_ALIVE_S,
    )
    return EXIT_OK


KEEP_ALIVE_S = 30
"""Seconds an idle keep-alive connection stays open in ``storyline serve``."""


def cmd_watchlist_add(args: argparse.Namespace, console: _Console) -> int:
    entries = _load_watchlists(args.files, args.watchlist_format, args.alt)
    with _open_store(args) as store:
        n = store.add_watchlist_entries(entries)
    console.info(f"{n} watchlist entries stored in {args.db}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    console = _Console(
        -1 if getattr(args, "quiet", False) else int(getattr(args, "verbose", False))
    )
    func: Callable[[argparse.Namespace, _Console], int] = args.func
    try:
        return func(args, console)
    except StorylineError as exc:
        console.error(f"storyline: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        console.error("storyline: interrupted")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
