"""The JSON API and the pages, in-process (FastAPI's TestClient) over the demo store."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from tests.conftest import REPO

from .conftest import make_client, wait_for_job

pytestmark = pytest.mark.slow


def test_home_leads_straight_to_the_only_story(client) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/stories/unfiled"
    page = client.get("/").text
    assert '<section id="timeline">' in page and "<svg" in page
    assert "Vakhtan Orzhelev" in page


def test_story_page_shows_timeline_summary_citations_and_both_sides(client) -> None:
    page = client.get("/stories/unfiled").text
    # A visual timeline: every dated event of the story is a mark on the date axis.
    dated = [e for e in client.get("/api/stories/unfiled/brief").json()["events"] if e["date"]]
    assert len(dated) >= 3 and page.count('class="mark') == len(dated)
    assert re.search(r'<text class="tick-label"[^>]*>(Oct|Nov|Dec|Jan|Feb|Mar)', page)
    # Granularity and uncertainty are visible: a coarser-than-day event is a hatched bar
    # (the demo's events are all dated to the day now; test_views covers a month).
    coarse = [e for e in dated if e["granularity"] not in ("day", "time") or e["date_note"]]
    assert page.count('class="mark uncertain') == len(coarse) and '<span class="tag"' in page
    # Summary citations open the evidence view of their span.
    cites = re.findall(
        r'href="(/articles/[^"]+\?start=\d+&amp;end=\d+&amp;story=unfiled#evidence)"', page
    )
    assert len(cites) >= 5
    # Conflicts show both sides.
    assert 'class="side stance-asserts"' in page and 'class="side stance-denies"' in page


def test_brief_api_follows_the_documented_schema(client) -> None:
    r = client.get("/api/stories/unfiled/brief")
    assert r.status_code == 200 and r.headers["x-storyline-brief-fresh"] == "true"
    brief = r.json()
    schema = json.loads((REPO / "docs" / "brief.schema.json").read_text())
    jsonschema.validate(brief, schema)
    assert len(brief["articles"]) == 7 and brief["alerts"]
    status = client.get("/api/stories/unfiled").json()
    assert status["brief"] == {**status["brief"], "available": True, "fresh": True}
    assert [s["id"] for s in client.get("/api/stories").json()] == ["unfiled"]


def test_events_entities_and_dossier(client) -> None:
    events = client.get("/api/stories/unfiled/events").json()
    assert any(e["date"] and e["sources"] for e in events)
    entities = client.get("/api/stories/unfiled/entities").json()
    general = next(e for e in entities if e["name"] == "Vakhtan Orzhelev")
    dossier = client.get(f"/api/stories/unfiled/entities/{general['id']}").json()
    assert any("Orjelev" in a for a in dossier["aliases"])  # spelling variants merged
    assert len(dossier["mentions"]) >= 5  # mentioned in most of the seven reports
    match = dossier["matches"][0]
    assert match["entry"] == "DSC-P-017" and match["score"] > 0.8 and match["features"]
    assert dossier["events"]
    page = client.get(f"/stories/unfiled/entities/{general['id']}").text
    assert "Why it matched" in page and "DSC-P-017" in page and "Mentions by article" in page
    assert client.get("/stories/unfiled/entities/e-nope").status_code == 404


def test_lists_are_the_briefs_own_lists_cached_or_not(demo_db) -> None:
    """The event and entity lists are sent as cached when the brief was made; a brief cached
    before such lists were (its rows removed here, as an older store holds it) is read whole.
    Either way the lists are exactly the brief's, as JSON."""
    import sqlite3

    def lists(client) -> tuple[dict, dict]:
        brief = client.get("/api/stories/unfiled/brief").json()
        got = {}
        for name in ("events", "entities"):
            r = client.get(f"/api/stories/unfiled/{name}")
            assert r.status_code == 200 and r.headers["content-type"] == "application/json"
            got[name] = r.json()
        return got, {name: brief[name] for name in got}

    with make_client(demo_db) as client:
        got, want = lists(client)
        assert got == want and got["events"] and got["entities"]
    with sqlite3.connect(demo_db) as db:
        assert db.execute("DELETE FROM brief_items WHERE kind = 'list'").rowcount == 2
    db.close()
    with make_client(demo_db) as client:
        got, want = lists(client)
        assert got == want
        paths = client.get("/api/openapi.json").json()["paths"]
        for name in ("events", "entities"):
            schema = paths[f"/api/stories/{{story_id}}/{name}"]["get"]["responses"]["200"]
            assert schema["content"]["application/json"]["schema"]["type"] == "array"


def test_alerts_page_shows_evidence_and_denials(client) -> None:
    alerts = client.get("/api/alerts").json()
    assert alerts and all(a["story"] == "unfiled" and a["evidence"] for a in alerts)
    denied = [a for a in alerts if a["denials"]]
    assert denied, "the ministry's denial (demo-06) is attached to an alert"
    quote = denied[0]["denials"][0]
    text = client.get(f"/api/articles/{quote['article']}").json()["text"]
    assert quote["text"] == text[quote["start"] : quote["end"]]
    page = client.get("/alerts").text
    assert "Denials (" in page and "<mark>" in page and "travel ban" in page


def test_evidence_view_highlights_the_cited_span(client) -> None:
    text = client.get("/api/articles/demo-04").json()["text"]
    page = client.get("/articles/demo-04?start=0&end=60&story=unfiled").text
    marked = re.search(r'<mark id="evidence">(.*?)</mark>', page, re.S)
    assert marked and marked.group(1) == text[:60].replace("’", "’")
    assert 'href="/stories/unfiled"' in page  # the way back to the story
    r = client.get("/articles/demo-04?start=5&end=999999")
    assert r.status_code == 400 and "not in this article" in r.text
    assert client.get("/articles/no-such-article").status_code == 404


def test_full_text_search_groups_hits_by_story(client) -> None:
    hits = client.get("/api/search", params={"q": "Lumenhold defence"}).json()
    assert hits and hits[0]["story"] == "unfiled"
    assert all("\x02" in a["snippet"] for a in hits[0]["articles"])
    page = client.get("/stories", params={"q": "Lumenhold"}).text
    assert "<mark>Lumenhold</mark>" in page
    # Search syntax in the query is only words: nothing a user types is an error.
    for odd in ['"unbalanced', "AND OR NOT", "(*)", "a:b NEAR(", "'; DROP TABLE articles; --"]:
        assert client.get("/api/search", params={"q": odd}).status_code == 200
        assert client.get("/stories", params={"q": odd}).status_code == 200


def test_api_docs_are_served_from_local_files(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/stories/{story_id}/brief" in spec["paths"] and "/api/ingest" in spec["paths"]
    page = client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    for s in sources:
        assert client.get(s).status_code == 200, s


def test_pasted_text_is_ingested_in_the_background(client) -> None:
    text = (
        "LUMENHOLD — Vakhtan Orzhelev returned to Lumenhold on Monday for talks with the "
        "Vantrian defence ministry, two officials said.\n\nThe visit was not announced."
    )
    r = client.post(
        "/api/ingest",
        data={"text": text, "title": "Orzhelev back in Lumenhold", "source": "Test Wire",
              "published": "2024-04-02", "story": "new", "story_title": "Second visit"},
    )  # fmt: skip
    assert r.status_code == 202, r.text
    job = wait_for_job(client, r.json()["id"])
    assert job["state"] == "done", job
    assert job["report"]["added"] == 1 and job["story"].startswith("s-")
    story = client.get(f"/api/stories/{job['story']}").json()
    assert story["name"] == "Second visit" and story["articles"] == 1
    assert story["brief"]["fresh"]
    article = client.get(f"/api/articles/{job['report']['articles'][0]}").json()
    # The server's temporary path never shows: the upload is named by its job.
    assert [s["origin"] for s in article["sources"]] == [f"upload {job['id']}/pasted.jsonl:1"]
    assert article["published"] == "2024-04-02" and article["source"] == "Test Wire"


def test_browser_form_upload_redirects_to_the_job_page(client) -> None:
    note = b"# A note\n\nGen. Orzhelev was seen in Kel Varan."
    files = [("files", ("note.md", note, "text/markdown"))]
    r = client.post("/ingest", data={"story": "none"}, files=files, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = r.headers["location"].rsplit("/", 1)[1]
    assert wait_for_job(client, job_id)["state"] == "done"
    page = client.get(f"/jobs/{job_id}").text
    assert "1 article read: 1 new" in page and "Open the story" in page


def test_size_caps_and_types_are_refused_with_a_clear_message(demo_db) -> None:
    with make_client(demo_db, max_upload_bytes=1000, max_request_bytes=5000) as c:
        r = c.post("/api/ingest", files=[("files", ("big.txt", b"x" * 2000, "text/plain"))])
        assert r.status_code == 413
        assert (
            "big.txt is 1.95312 KiB, larger than the limit of 1000 bytes per file"
            in r.json()["detail"]
        )
        r = c.post("/api/ingest", files=[("files", ("huge.txt", b"y" * 9000, "text/plain"))])
        assert r.status_code == 413 and "limit of 4.88281 KiB per request" in r.json()["detail"]
        page = c.post("/ingest", files=[("files", ("huge.txt", b"y" * 9000, "text/plain"))])
        assert page.status_code == 413 and "per request" in page.text
        r = c.post("/api/ingest", files=[("files", ("x.pdf", b"%PDF-1.4", "application/pdf"))])
        assert r.status_code == 415 and "cannot be read" in r.json()["detail"]
        r = c.post("/api/ingest", data={"text": "  "})
        assert r.status_code == 400 and "Nothing to ingest" in r.json()["detail"]
        page = c.post("/ingest", data={"text": "z" * 1500})
        assert page.status_code == 413 and "larger than the limit" in page.text


def test_hostile_titles_and_urls_are_escaped(client) -> None:
    record = {
        "id": "hostile-1",
        "title": "<script>alert('title')</script> Orzhelev",
        "source": "<img src=x onerror=alert(1)>",
        "url": "javascript:alert('url')",
        "text": "Vakhtan Orzhelev met <b>nobody</b> in Port Sallowmere. <script>alert(2)</script>",
    }
    line = json.dumps(record).encode()
    r = client.post(
        "/api/ingest",
        files=[("files", ("h.jsonl", line, "application/json"))],
        data={"story": "new", "story_title": "<script>alert('story')</script>"},
    )
    job = wait_for_job(client, r.json()["id"])
    assert job["state"] == "done", job
    pages = [
        client.get("/articles/hostile-1?start=0&end=16").text,
        client.get(f"/stories/{job['story']}").text,
        client.get("/stories").text,
        client.get("/stories", params={"q": "Orzhelev nobody"}).text,
    ]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "<b>nobody</b>" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert" in pages[0] and "javascript:alert" in pages[0]  # shown as text
    assert "&lt;script&gt;alert(&#39;story&#39;)" in pages[1]


def test_every_response_carries_a_strict_content_security_policy(client) -> None:
    for path in ["/stories/unfiled", "/alerts", "/api/stories", "/articles/demo-01", "/nope"]:
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp.split("style-src")[0]
    assert client.get("/stories/unfiled").headers["x-frame-options"] == "DENY"


def test_token_is_required_on_every_request_when_configured(demo_db) -> None:
    token = "s3cret-token-123"
    with make_client(demo_db, token=token) as c:
        for path in ["/", "/stories/unfiled", "/api/stories", "/static/style.css", "/api/docs"]:
            assert c.get(path, follow_redirects=False).status_code == 401, path
        assert (
            c.get("/api/stories", headers={"Authorization": "Bearer wrong-token"}).status_code
            == 401
        )
        assert (
            c.get("/api/stories", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        )
        r = c.get(f"/stories/unfiled?token={token}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/stories/unfiled"
        assert (
            "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
        )
        c.cookies.set("storyline_token", token)
        assert c.get("/stories/unfiled").status_code == 200


def test_loopback_server_answers_only_loopback_host_names(demo_db) -> None:
    with make_client(demo_db, allowed_hosts=("127.0.0.1", "localhost")) as c:
        assert c.get("/api/stories", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/stories", headers={"Host": "localhost"}).status_code == 200
        r = c.get("/api/stories", headers={"Host": "attacker.example"})
        assert r.status_code == 400 and "Host" in r.json()["detail"]


def test_cross_site_posts_are_refused(client) -> None:
    r = client.post(
        "/api/ingest", data={"text": "x y z"}, headers={"Origin": "http://evil.example"}
    )
    assert r.status_code == 403
    r = client.post("/ingest", data={"text": "x y z"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403 and "another site" in r.text


def test_unknown_things_are_404_with_a_message(client) -> None:
    assert client.get("/stories/c-000000000000").status_code == 404
    assert client.get("/api/stories/nope").json() == {"detail": "no story 'nope'"}
    r = client.get("/jobs/abc")
    assert r.status_code == 404 and "jobs are kept while the server runs" in r.text


def test_a_changed_watchlist_makes_the_brief_out_of_date(client, demo_db) -> None:
    from storyline.model import WatchlistEntry
    from storyline.store import Store

    assert client.get("/api/stories/unfiled").json()["brief"]["fresh"]
    with Store(demo_db) as store:
        store.add_watchlist_entries(
            [WatchlistEntry("X-1", "Test list", "Nadia Quellbrook", (), "person")]
        )
    brief = client.get("/api/stories/unfiled").json()["brief"]
    assert not brief["fresh"] and brief["reason"] == "the watchlist changed since it was made"
    page = client.get("/stories/unfiled").text  # still shown, marked out of date
    assert "This brief is out of date" in page and "<svg" in page
    job = client.get("/api/stories/unfiled").json()["brief"]["job"]
    assert job and wait_for_job(client, job)["state"] == "done"
    assert client.get("/api/stories/unfiled").json()["brief"]["fresh"]


def test_a_streamed_upload_is_cut_off_at_the_cap(tmp_path) -> None:
    def body():  # no Content-Length: the cap is enforced while the body arrives
        yield b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(10):
            yield b"y" * 1000
        yield b"\r\n--x--\r\n"

    headers = {"content-type": "multipart/form-data; boundary=x"}
    with make_client(tmp_path / "empty.db", max_request_bytes=5000) as c:
        r = c.post("/api/ingest", content=body(), headers=headers)
        assert r.status_code == 413 and "per request" in r.json()["detail"]
        assert c.get("/api/jobs").json() == []


def test_after_storyline_demo_the_first_visit_leads_to_the_timeline(demo_db) -> None:
    import sqlite3
    import time

    with sqlite3.connect(demo_db) as db:  # as `storyline demo` leaves it: no web brief yet
        db.execute("DELETE FROM story_briefs")
    with make_client(demo_db, refresh_on_start=True) as c:
        first = c.get("/")
        assert first.url.path == "/stories/unfiled"
        if "<svg" not in first.text:
            assert "Making the brief of 7 articles" in first.text
            assert '<meta http-equiv="refresh" content="2">' in first.text
        deadline = time.monotonic() + 180
        while any(j["state"] in {"queued", "running"} for j in c.get("/api/jobs").json()):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        page = c.get("/").text
        assert '<figure class="timeline">' in page and 'class="mark' in page
