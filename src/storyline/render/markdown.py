"""A brief as Markdown: headings and lists, every citation a numbered reference.

Citations read ``([Fox News, 2016-04-15][1]; [The Tower][2])``; the Evidence section at the
end quotes each cited span under an anchor ``ev-ARTICLE-START-END``, and link reference
definitions (``[1]: #ev-...``) make each citation a link to its evidence.

Article text, titles and names are untrusted: characters that Markdown or embedded HTML
would act on (backslash, backtick, ``*``, ``_``, brackets, ``<``, entity references, and
block markers at the start of a line) are escaped, so no input can add a link, an image,
raw HTML or a heading. URLs are linked only when they are ``http`` or ``https``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from ._evidence import Cite
from ._view import BriefView, ClaimItem, build_view

__all__ = ["md_escape", "render_markdown"]

_ACTIVE = re.compile(r"([\\`*_\[\]])")
_ENTITY_REF = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would open a block if it began a line: a heading, quote, list item, thematic break
# or setext underline ("*" and "_" are always escaped, so only these are left).
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+=](?=[\s=+-]|$))|^(\d{1,9})([.)])(?=\s|$)")
_URL_SAFE = "!#$%&'*+,/:;=?@[]~"


def md_escape(value: Any) -> str:
    """``value`` as inert inline Markdown on one line (whitespace runs fold to one space)."""
    s = " ".join(str(value).split()) if value is not None else ""
    s = _ENTITY_REF.sub("&amp;", s)
    s = s.replace("<", "&lt;")
    s = _ACTIVE.sub(r"\\\1", s)
    return _BLOCK_START.sub(_escape_block_start, s)


def _escape_block_start(m: re.Match[str]) -> str:
    return f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}"


def _blockquote(value: str) -> list[str]:
    lines = [md_escape(line) for line in value.splitlines()] or [""]
    return [f"> {line}" if line else ">" for line in lines]


def _cites(cites: Iterable[Cite]) -> str:
    return "; ".join(f"[{md_escape(c.label)}][{c.number}]" for c in cites)


def _paren_cites(cites: tuple[Cite, ...]) -> str:
    return f" ({_cites(cites)})" if cites else ""


def _link(url: str) -> str:
    return f"[{md_escape(url)}]({quote(url, safe=_URL_SAFE)})"


def _summary(view: BriefView) -> list[str]:
    if not view.summary:
        return ["No summary."]
    return [f"- {md_escape(s.text)}{_paren_cites(s.cites)}" for s in view.summary]


def _timeline(view: BriefView) -> list[str]:
    if not view.timeline:
        return ["No events found."]
    out = []
    for e in view.timeline:
        kind = f" ({md_escape(e.type)})" if e.type else ""
        out.append(f"- **{md_escape(e.date)}** — {md_escape(e.label)}{kind}")
        if e.expected:
            out.append(f"  - Not reported as done: the sources tell it as {e.expected}")
        if e.date_note:
            out.append(f"  - Date: {md_escape(e.date_note)}")
        if e.participants:
            out.append(f"  - Participants: {', '.join(md_escape(p.name) for p in e.participants)}")
        reports = e.sources
        if e.first_report and e.first_report == e.latest_report:
            reports += f"; reported {md_escape(e.first_report)}"
        elif e.first_report:
            reports += (
                f"; first reported {md_escape(e.first_report)}; "
                f"latest report {md_escape(e.latest_report)}"
            )
        else:
            reports += "; report dates unknown"
        out.append(f"  - {reports}")
        if e.cites:
            out.append(f"  - Reported in: {_cites(e.cites)}")
        for f in e.flags:
            out.append(
                f"  - ⚠ **{md_escape(f.polarity.capitalize())}** in {_cites([f.cite])}: "
                f"“{md_escape(f.text)}”"
            )
        if e.claims:
            out.append("  - What the sources say:")
            out += [f"    - {_claim(c)}" for c in e.claims]
    return out


def _claim(c: ClaimItem) -> str:
    """A claim on one line: "Date — agreed: 2024-03-12 (cites)"; for an occurrence, who
    asserts it and who denies it."""
    if c.attribute == "occurrence":
        sides = [f"{md_escape(s.stance)}{_paren_cites(s.cites)}" for s in c.sides]
    else:
        sides = [f"{md_escape(s.text)}{_paren_cites(s.cites)}" for s in c.sides]
    head = f"{md_escape(c.attribute.capitalize())} — **{md_escape(c.status)}**"
    return f"{head}: {'; '.join(sides)}" if sides else head


def _conflicts(view: BriefView) -> list[str]:
    out: list[str] = []
    if view.claim_counts:
        out += [f"Claims about the events: {view.claim_counts} (each event lists its own).", ""]
    if not view.conflicts:
        return [*out, "No conflicts found."]
    for c in view.conflicts:
        out += [f"### {md_escape(c.topic) or 'Conflict'} ({md_escape(c.kind)})", ""]
        out += [
            f"- **{md_escape(s.stance)}:** {md_escape(s.text)}{_paren_cites(s.cites)}"
            for s in c.sides
        ]
        out.append("")
    return out[:-1]


def _alerts(view: BriefView) -> list[str]:
    if not view.alerts:
        return ["No alerts."]
    out = []
    for a in view.alerts:
        out.append(f"- **{md_escape(a.explanation) or md_escape(a.rule)}**")
        terms = [f"basis: {md_escape(a.basis)}"] if a.basis else []
        terms += [f"since {md_escape(a.since)}"] if a.since else []
        terms += [f"until {md_escape(a.until)}"] if a.until else []
        extra = f" ({'; '.join(terms)})" if terms else ""
        out.append(f"  - Restriction: {md_escape(a.restriction)}{extra}")
        listed = f" ({md_escape(a.list_name)})" if a.list_name else ""
        out.append(f"  - Watchlist entry: {md_escape(a.entry)}{listed}")
        out.append(f"  - Entity: {md_escape(a.entity.name)}; event: {md_escape(a.event.name)}")
        out.append(f"  - Rule: {md_escape(a.rule)}; score {md_escape(a.score)}")
        if a.evidence:
            out.append(f"  - Evidence: {_cites(a.evidence)}")
        if a.denials:
            out.append(f"  - Denied in: {_cites(a.denials)}")
    return out


def _entities(view: BriefView) -> list[str]:
    if not view.entities:
        return ["No entities found."]
    out = []
    for e in view.entities:
        parts = [f"- **{md_escape(e.name)}** ({md_escape(e.type)}) · {e.mentions} in {e.articles}"]
        if e.aliases:
            parts.append("also: " + ", ".join(md_escape(a) for a in e.aliases))
        for m in e.matches:
            listed = f" ({md_escape(m.list_name)})" if m.list_name else ""
            named = f" as “{md_escape(m.matched_name)}”" if m.matched_name else ""
            parts.append(
                f"watchlist: {md_escape(m.entry)}{listed}{named}, score {md_escape(m.score)}"
            )
        out.append(" · ".join(parts))
    return out


def _sources(view: BriefView) -> list[str]:
    if not view.sources:
        return ["No articles."]
    out = []
    for s in view.sources:
        parts = [f"- **{md_escape(s.label)}**"]
        if s.title and s.title != s.label:
            parts.append(f"*{md_escape(s.title)}*")
        parts.append(f"published {md_escape(s.published)}")
        if s.url:
            parts.append(_link(s.url) if s.url_is_link else f"URL (not linked): {md_escape(s.url)}")
        if s.origin:
            parts.append(f"origin: {md_escape(s.origin)}")
        if s.collection:
            parts.append(f"collection: {md_escape(s.collection)}")
        out.append(" · ".join(parts))
        for d in s.duplicates:
            other, similarity = md_escape(d.other.name), md_escape(d.similarity)
            out.append(f"  - near-duplicate of {other} (similarity {similarity})")
    return out


def _evidence(view: BriefView) -> list[str]:
    if not view.evidence:
        return ["Nothing cited."]
    out: list[str] = []
    for ev in view.evidence:
        out.append(f'<a id="{ev.anchor}"></a>')
        out.append(f"**\\[{ev.number}\\]** {md_escape(ev.label)}, characters {ev.start}–{ev.end}")
        out.append("")
        out += _blockquote(ev.quote)
        out.append("")
    return out[:-1]


def render_markdown(brief: Mapping[str, Any]) -> str:
    """The brief (its JSON wire form) as a Markdown document; deterministic, ends with a newline."""
    view = build_view(brief)
    lines = [f"# {md_escape(view.title)}", "", view.counts, ""]
    for heading, body in (
        ("Summary", _summary(view)),
        ("Timeline", _timeline(view)),
        ("Conflicts", _conflicts(view)),
        ("Alerts", _alerts(view)),
        ("Entities", _entities(view)),
        ("Sources", _sources(view)),
        ("Evidence", _evidence(view)),
    ):
        lines += [f"## {heading}", "", *body, ""]
    if view.pipeline_version or view.schema_version:
        lines += [
            f"*Brief schema {md_escape(view.schema_version)}, "
            f"made by {md_escape(view.pipeline_version)}.*",
            "",
        ]
    if view.evidence:
        lines += [f"[{ev.number}]: #{ev.anchor}" for ev in view.evidence]
        lines.append("")
    return "\n".join(lines)
