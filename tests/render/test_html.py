from __future__ import annotations

import copy
from html.parser import HTMLParser
from typing import Any

import pytest

from storyline.model import SpanError
from storyline.render import render_html
from storyline.render._evidence import evidence_anchor
from storyline.render.html import CONTENT_SECURITY_POLICY

from .conftest import HOSTILE_TEXT, TEXTS


class Page(HTMLParser):
    """Everything the tests look at in a page: tags, ids, links, and the text of each mark."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.marks: dict[str, list[str]] = {}  # evidence block id -> text inside its <mark>s
        self.section_hrefs: dict[str, list[str]] = {}  # section id -> hrefs inside it
        self._stack: list[str | None] = []  # id of each open element (None when it has none)
        self._section: str | None = None
        self._evidence: str | None = None
        self._mark: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        element_id = attributes.get("id")
        if element_id is not None:
            self.ids.append(element_id)
        if tag == "section":
            self._section = element_id
        if element_id and element_id.startswith("ev-"):
            self._evidence = element_id
        if tag == "a" and attributes.get("href") is not None:
            href = attributes["href"] or ""
            self.hrefs.append(href)
            if self._section:
                self.section_hrefs.setdefault(self._section, []).append(href)
        if tag == "mark":
            self._mark = []
        if tag not in {"meta", "br", "img", "link", "input"}:
            self._stack.append(element_id)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            assert self._evidence is not None, "a <mark> outside any evidence block"
            self.marks.setdefault(self._evidence, []).append("".join(self._mark))
            self._mark = None
        if self._stack:
            closed = self._stack.pop()
            if closed is not None and closed == self._evidence:
                self._evidence = None
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark.append(data)


def anchor(span: dict[str, Any]) -> str:
    return evidence_anchor(span["article"], span["start"], span["end"])


def test_every_summary_citation_links_to_an_existing_evidence_block(brief: dict[str, Any]) -> None:
    page = Page(render_html(brief))
    summary_links = set(page.section_hrefs["summary"])
    cited = [c for s in brief["summary"] for c in s["citations"]]
    assert len(cited) == 3
    for span in cited:
        assert f"#{anchor(span)}" in summary_links
        assert anchor(span) in page.ids
        assert anchor(span) in page.marks  # the target is an evidence block, not just any id


def test_evidence_blocks_mark_the_exact_span(brief: dict[str, Any]) -> None:
    page = Page(render_html(brief))
    spans = [c for s in brief["summary"] for c in s["citations"]]
    spans += [m for e in brief["events"] for m in e["mentions"]]
    spans += [c for a in brief["alerts"] for c in a["evidence"] + a["denials"]]
    assert page.marks  # there are evidence blocks at all
    for span in spans:
        quote = TEXTS[span["article"]][span["start"] : span["end"]]
        assert page.marks[anchor(span)] == [quote]
    # A span with quotes and an ampersand comes through exactly, escaped in the source.
    html = render_html(brief)
    assert "<mark>Venn met &#34;senior&#34; figures &amp; allies</mark>" in html


def test_evidence_shows_sentence_context(brief: dict[str, Any]) -> None:
    html = render_html(brief)
    # The span is a clause; its block shows the rest of the sentence, and not the next one.
    block = html.split(f'id="{anchor(brief["alerts"][0]["evidence"][0])}"', 1)[1].split(
        "</blockquote>", 1
    )[0]
    assert (
        "Defence minister <mark>Arlo Venn flew to Corvia on Thursday</mark>, officials said."
        in block
    )
    assert "The trip" not in block


def test_every_internal_link_has_a_target(brief: dict[str, Any]) -> None:
    page = Page(render_html(brief))
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal
    missing = sorted(set(internal) - set(page.ids))
    assert missing == []
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"


def test_unsafe_article_ids_become_safe_unique_ids(brief: dict[str, Any]) -> None:
    page = Page(render_html(brief))
    for element_id in page.ids:
        assert all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in element_id), element_id
    assert "article-ledger-1" in page.ids  # safe ids are kept as they are


def test_hostile_input_is_inert(hostile_brief: dict[str, Any]) -> None:
    html = render_html(hostile_brief)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<b>" not in lowered and "<i>" not in lowered
    assert "onerror=alert(1)>" not in lowered  # only the escaped form &gt; may appear
    assert 'href="javascript:' not in lowered and 'href="data:' not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, escaped
    page = Page(html)
    for tag, attributes in page.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "b", "i"}
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "action"}:
                assert value is not None
                assert value.startswith("#") or value.startswith(("http://", "https://")), value
    # The hostile span is still quoted exactly, as text.
    assert list(page.marks.values()) == [["<img src=x onerror=alert(1)>"]]
    # The full article text is shown, escaped, with its line breaks.
    assert "Before.\n&lt;img src=x onerror=alert(1)&gt; and &#34;quotes&#34; &amp; " in html
    assert HOSTILE_TEXT.count("\n") == 1


def test_only_http_urls_become_links(brief: dict[str, Any]) -> None:
    brief["articles"][2]["url"] = "java\tscript:alert(1)"
    brief["articles"][1]["url"] = "//evil.example/x"
    page = Page(render_html(brief))
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert external == ["https://ledger.example/venn?a=1&b=2"]


def test_content_security_policy_and_no_external_assets(brief: dict[str, Any]) -> None:
    html = render_html(brief)
    page = Page(html)
    metas = [
        a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}]
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert not [t for t, a in page.tags if t in {"script", "link", "img", "iframe"}]
    assert "@import" not in html and "url(" not in html


def test_timeline_order_and_dates(brief: dict[str, Any]) -> None:
    html = render_html(brief)
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    month = timeline.index("July 2015")
    day = timeline.index("2016-04-14")
    unknown = timeline.index("date unknown")
    assert month < day < unknown
    assert "no date in the reports" in timeline
    assert "3 sources" in timeline and "1 source;" in timeline
    assert "first reported 2016-04-15 (Daily Ledger); latest report 2016-04-16" in timeline
    assert "⚠ Denied in" in timeline
    assert 'class="undated"' in timeline


def test_sections_in_order(brief: dict[str, Any]) -> None:
    page = Page(render_html(brief))
    sections = [a["id"] for t, a in page.tags if t == "section"]
    assert sections == [
        "summary",
        "timeline",
        "conflicts",
        "alerts",
        "entities",
        "sources",
        "evidence",
    ]


def test_alert_conflict_and_entity_content(brief: dict[str, Any]) -> None:
    html = render_html(brief)
    assert "<title>Brief: Arlo Venn</title>" in html
    assert "3 articles · 2 entities · 3 events · 1 conflict · 1 alert" in html
    assert "travel ban (basis: Council resolution 99 (2015)), since 2015-07-20" in html
    assert "VENN, Arlo" in html and "score 0.93" in html
    assert 'class="stance stance-denies">denies</span>' in html
    assert "Near-duplicate of" in html and "similarity 0.81" in html


def test_event_claims_are_shown_with_their_status_and_citations(brief: dict[str, Any]) -> None:
    page = render_html(brief)
    trip = page[page.index('id="event-evt-trip"') :]
    trip = trip[: trip.index("</li>\n</ol>") if "</li>\n</ol>" in trip else len(trip)]
    claims = trip[trip.index('<details class="claims">') :]
    assert '<span class="status status-denied">denied</span>' in claims
    assert '<span class="status status-agreed">agreed</span>: 2016-04-14' in claims
    assert claims.index(">Occurrence<") < claims.index(">Date<")
    assert 'class="cite" href="#ev-' in claims


def test_rendering_is_deterministic(brief: dict[str, Any]) -> None:
    first = render_html(brief)
    assert render_html(copy.deepcopy(brief)) == first
    assert render_html(brief) == first


def test_a_citation_outside_its_article_is_an_error(brief: dict[str, Any]) -> None:
    brief["summary"][0]["citations"].append({"article": "ledger-1", "start": 5, "end": 10_000})
    with pytest.raises(SpanError, match="outside article 'ledger-1'"):
        render_html(brief)
    brief["summary"][0]["citations"][-1] = {"article": "nope", "start": 0, "end": 1}
    with pytest.raises(SpanError, match="unknown article 'nope'"):
        render_html(brief)


def test_minimal_brief_renders() -> None:
    html = render_html({"schema_version": "1.0", "pipeline_version": "x", "articles": []})
    assert "<title>Brief</title>" in html
    assert "No summary." in html and "Nothing cited." in html
