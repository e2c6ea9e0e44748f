"""End to end in a real headless Chromium: upload reports, read the timeline, click a
citation and see the evidence highlighted. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest

from tests.conftest import CORPORA, SEED_META

from .conftest import artifact, serve

pytestmark = pytest.mark.slow


def upload_files(tmp_path: Path) -> tuple[list[Path], str]:
    """The three seed reports with their metadata, as one JSON Lines file; the bundled demo
    corpus when ``../shared/corpora`` is absent."""
    seeds = CORPORA / "seeds"
    if not seeds.exists():
        from storyline.demo import corpus_dir

        return sorted(Path(corpus_dir()).glob("*.md")), "Demo reports"
    from storyline.ingest import read_inputs

    lines = []
    for art in read_inputs([str(seeds)]):
        meta = SEED_META[Path(art.origin).name]
        lines.append(json.dumps({"title": art.title, **meta, "text": art.text}))
    path = tmp_path / "seeds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path], "Seed reports"


def test_upload_read_the_timeline_and_follow_a_citation(browser, tmp_path: Path) -> None:
    files, title = upload_files(tmp_path)
    with serve(tmp_path / "empty.db") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        page.goto(base + "/")
        assert page.get_by_text("The store is empty").is_visible()
        page.get_by_role("link", name="Add articles").first.click()
        page.set_input_files("input[name=files]", [str(f) for f in files])
        page.fill("input[name=story_title]", title)
        page.get_by_role("button", name="Add").click()
        page.wait_for_url(re.compile(r"/jobs/"))
        # The job page reloads itself until the work is done.
        page.get_by_role("link", name="Open the story").wait_for(timeout=240_000)
        page.get_by_role("link", name="Open the story").click()

        assert page.locator("h1").inner_text() == title
        timeline = page.locator("figure.timeline > svg")
        timeline.wait_for()
        assert page.locator("figure.timeline .mark").count() >= 1
        assert page.locator("ol.events > li").count() >= 1
        page.screenshot(path=str(artifact("web-story.png")), full_page=True)

        cite = page.locator("#summary a.cite").first
        cite.click()
        page.wait_for_url(re.compile(r"/articles/"))
        mark = page.locator("mark#evidence")
        assert mark.is_visible()
        url = urlsplit(page.url)
        params = parse_qs(url.query)
        start, end = int(params["start"][0]), int(params["end"][0])
        article_id = unquote(url.path.removeprefix("/articles/"))
        text = httpx.get(f"{base}/api/articles/{article_id}").json()["text"]
        assert mark.inner_text().split() == text[start:end].split()
        assert (
            page.evaluate("document.querySelector('mark#evidence').getBoundingClientRect().top")
            < 900
        )
        page.screenshot(path=str(artifact("web-evidence.png")))

        page.get_by_role("link", name=re.compile("^←")).click()
        page.wait_for_url(re.compile(r"/stories/"))
        page.goto(base + "/api/docs")
        page.locator(".swagger-ui .info").wait_for(timeout=30_000)
        page.screenshot(path=str(artifact("web-api-docs.png")))
        assert errors == [], errors  # no script error, no Content-Security-Policy violation
