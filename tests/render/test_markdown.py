from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from storyline.render import render_markdown
from storyline.render._evidence import (
    context,
    date_sort_key,
    evidence_anchor,
    format_date,
    is_safe_url,
    safe_id,
)
from storyline.render.markdown import md_escape


def references(md: str) -> dict[str, str]:
    """The link reference definitions at the end: number -> target."""
    return dict(re.findall(r"^\[(\d+)\]: (#\S+)$", md, flags=re.MULTILINE))


def section(md: str, heading: str) -> str:
    return md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_summary_sentences_and_citation_labels(brief: dict[str, Any]) -> None:
    md = render_markdown(brief)
    summary = section(md, "Summary")
    for sentence in brief["summary"]:
        assert sentence["text"] in summary
    assert (
        "- Defence minister Arlo Venn flew to Corvia on Thursday, officials said. "
        "([Daily Ledger, 2016-04-15][1]; [The Tower][2])"
    ) in summary


def test_every_citation_resolves_to_a_quoted_evidence_entry(brief: dict[str, Any]) -> None:
    md = render_markdown(brief)
    refs = references(md)
    used = set(re.findall(r"\]\[(\d+)\]", md))
    assert used and used <= set(refs)
    evidence = section(md, "Evidence")
    for span in [c for s in brief["summary"] for c in s["citations"]]:
        target = evidence_anchor(span["article"], span["start"], span["end"])
        number = next(n for n, t in refs.items() if t == f"#{target}")
        text = next(a["text"] for a in brief["articles"] if a["id"] == span["article"])
        quote = text[span["start"] : span["end"]]
        entry = evidence.split(f'<a id="{target}"></a>\n', 1)[1]
        assert entry.startswith(f"**\\[{number}\\]** ")
        assert f"\n\n> {quote}\n" in entry


def test_timeline_dates_and_order(brief: dict[str, Any]) -> None:
    timeline = section(render_markdown(brief), "Timeline")
    items = re.findall(r"^- \*\*(.+?)\*\* — (.+)$", timeline, flags=re.MULTILINE)
    assert [d for d, _ in items] == ["July 2015", "2016-04-14", "date unknown"]
    assert items[-1][1].startswith("Venn meets senior figures")
    assert "  - Date: no date in the reports" in timeline
    assert "  - 3 sources; first reported 2016-04-15 (Daily Ledger); latest report" in timeline
    assert "⚠ **Denied** in [The Tower]" in timeline


def test_each_event_lists_what_the_sources_say(brief: dict[str, Any]) -> None:
    timeline = section(render_markdown(brief), "Timeline")
    trip = timeline[timeline.index("Venn travels to Corvia") :]
    lines = re.findall(r"^    - (.+)$", trip, flags=re.MULTILINE)
    # occurrence first, then the attributes; each side cites its own evidence
    assert lines[0].startswith("Occurrence — **denied**: asserts ([Daily Ledger, 2016-04-15][")
    assert "; denies ([The Tower][" in lines[0]
    assert lines[1].startswith("Date — **agreed**: 2016-04-14 ([Daily Ledger, 2016-04-15][")
    conflicts = section(render_markdown(brief), "Conflicts")
    assert conflicts.lstrip().startswith("Claims about the events: 1 agreed · 1 denied")


def test_an_event_no_source_tells_as_done_is_marked(brief: dict[str, Any]) -> None:
    listing = next(e for e in brief["events"] if e["id"] == "evt-listing")
    for m in listing["mentions"]:
        m["modality"] = "planned"
    timeline = section(render_markdown(brief), "Timeline")
    marked = timeline[timeline.index("Council bans Venn from travel") :].split("\n- ")[0]
    assert "Not reported as done: the sources tell it as planned" in marked
    # events told as done carry no such line
    assert timeline.count("Not reported as done") == 1


def test_conflicts_alerts_entities_sources(brief: dict[str, Any]) -> None:
    md = render_markdown(brief)
    assert "- **denies:** Venn did not leave the country. ([The Tower][" in section(md, "Conflicts")
    alerts = section(md, "Alerts")
    assert (
        "Restriction: travel ban (basis: Council resolution 99 (2015); since 2015-07-20)" in alerts
    )
    assert "Watchlist entry: VENN, Arlo (Council consolidated list)" in alerts
    assert "Denied in: [The Tower][" in alerts
    entities = section(md, "Entities")
    assert entities.index("**Arlo Venn**") < entities.index("**Corvia**")
    assert "3 mentions in 3 articles" in entities and "score 0.93" in entities
    sources = section(md, "Sources")
    assert "[https://ledger.example/venn?a=1&b=2](https://ledger.example/venn?a=1&b=2)" in sources
    assert "**The Tower** · *Aides confirm visit* · published date unknown" in sources
    assert "near-duplicate of Council listing recalled (similarity 0.81)" in sources


def test_hostile_text_cannot_change_the_markdown(hostile_brief: dict[str, Any]) -> None:
    md = render_markdown(hostile_brief)
    body = md.replace('<a id="', "")  # the only raw HTML the renderer writes itself
    assert "<" not in body.replace("</a>", "")
    assert not re.search(r"(?<!\\)\]\((javascript|data):", md)  # no link to a script
    assert "\\[click\\](javascript:alert(3)) \\`code\\`" in md
    assert "URL (not linked): javascript:alert(1)" in md
    assert "# Brief: &lt;script>alert(6)&lt;/script>" in md
    # Every anchor the renderer writes has a safe id.
    for target in re.findall(r'<a id="([^"]*)"></a>', md):
        assert re.fullmatch(r"[A-Za-z0-9_-]+", target)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not an item", "\\- not an item"),
        ("1. not an item", "1\\. not an item"),
        ("score 0.88", "score 0.88"),
        ("#hashtag", "#hashtag"),
        (
            "a `b` [c](d) *e* _f_ <g> &amp; &",
            "a \\`b\\` \\[c\\](d) \\*e\\* \\_f\\_ &lt;g> &amp;amp; &",
        ),
        ("two\nlines", "two lines"),
        (None, ""),
    ],
)
def test_md_escape(raw: str | None, escaped: str) -> None:
    assert md_escape(raw) == escaped


def test_rendering_is_deterministic(brief: dict[str, Any]) -> None:
    first = render_markdown(brief)
    assert render_markdown(copy.deepcopy(brief)) == first
    assert render_markdown(brief) == first
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_title_from_brief_or_first_article(brief: dict[str, Any]) -> None:
    brief["title"] = "Venn [trip]"
    assert render_markdown(brief).startswith("# Venn \\[trip\\]\n")
    del brief["title"]
    brief["entities"] = []
    assert render_markdown(brief).startswith("# Brief: Minister flies to Corvia\n")


# --- shared helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "granularity", "shown"),
    [
        ("2016-04-14", "day", "2016-04-14"),
        ("2015-07", "month", "July 2015"),
        ("2015", "year", "2015"),
        ("2016-04-14", "month", "April 2016"),
        ("2015-W12", "week", "week 12 of 2015"),
        ("2015-Q1", "quarter", "Q1 2015"),
        ("2015-SU", "season", "summer 2015"),
        ("201", "decade", "the 2010s"),
        (None, "unknown", "date unknown"),
        ("PRESENT_REF", "unknown", "PRESENT_REF"),
        ("P2D", "unknown", "P2D"),
        ("2016-04-14TMO", "day", "2016-04-14, morning"),
        ("2016-04-14TMO", "year", "2016"),
        ("2015-W30-WE", "week", "the weekend of week 30 of 2015"),
        ("2015-07", "decade", "the 2010s"),
        ("XXXX-10", "month", "October, year unknown"),
        ("XXXX-WXX-4", "day", "a Thursday, week unknown"),
        ("2015-13", "month", "2015-13"),
    ],
)
def test_format_date(value: str | None, granularity: str, shown: str) -> None:
    assert format_date(value, granularity) == shown


def test_date_sort_key_orders_coarse_first_and_unknown_last() -> None:
    dates = [None, "2016-04-14", "odd", "2015-07", "2016", "2015-07-02", "2015-Q3"]
    # 2015-Q3 and 2015-07 both start on 1 July: the quarter, the coarser, comes first.
    assert sorted(dates, key=date_sort_key) == [
        "2015-Q3",
        "2015-07",
        "2015-07-02",
        "2016",
        "2016-04-14",
        "odd",
        None,
    ]


def test_safe_id_keeps_safe_ids_and_separates_cleaned_ones() -> None:
    assert safe_id("ledger-1_a") == "ledger-1_a"
    assert safe_id("a b") != safe_id("a/b")
    assert re.fullmatch(r"a_b_[0-9a-f]{8}", safe_id("a b"))
    assert re.fullmatch(r"[A-Za-z0-9_-]+", safe_id("<x>\"'\u00a0é"))
    assert safe_id("") != ""


def test_is_safe_url() -> None:
    assert is_safe_url("https://a.example/x?y=1")
    assert is_safe_url("HTTP://a.example")
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "//a.example",
        "https://",
        "java\tscript:x",
        "https://a.example/\nx",
        " https://a.example",
        None,
        3,
    ]:
        assert not is_safe_url(url), url


def test_context_stops_at_sentence_boundaries_or_the_window() -> None:
    text = "First one. Second has the span in it, really. Third."
    start = text.index("the span")
    before, after, cut_before, cut_after = context(text, start, start + len("the span"))
    assert (before, after, cut_before, cut_after) == (
        "Second has ",
        " in it, really.",
        False,
        False,
    )
    long = "x" * 300 + " span " + "y" * 300
    before, after, cut_before, cut_after = context(long, 301, 305, window=50)
    assert len(before) == 50 and len(after) == 50 and cut_before and cut_after
    # A span that ends its sentence takes no context after it; a line break is a boundary.
    text = "Intro line\nHe left. Then more."
    start = text.index("He left.")
    assert context(text, start, start + 8) == ("", "", False, False)
