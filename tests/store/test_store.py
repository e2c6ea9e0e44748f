from __future__ import annotations

import sqlite3

import pytest

from storyline.errors import StoreError
from storyline.model import Article, ArticleLink, Restriction, WatchlistEntry
from storyline.store import Store
from storyline.store.migrations import MIGRATIONS


def art(i: str, text: str, **kw) -> Article:
    return Article(id=i, text=text, origin=f"{i}.txt", **kw)


def test_add_and_read_back_keeps_text_exactly(store: Store) -> None:
    text = "Gen.\u00a0Venn “arrived” on Thursday.\r\nSecond line."
    assert store.add_article(art("a1", text, title="T", published="2024-03-01")).status == "added"
    back = store.article("a1")
    assert back is not None and back.text == text and back.published == "2024-03-01"
    assert back.hash == Article(id="x", text=text).hash


def test_exact_duplicate_is_stored_once_with_every_source(store: Store) -> None:
    store.add_article(art("a1", "Same words here.", source="Wire"))
    result = store.add_article(
        Article(id="other", text="Same words here.", origin="b.txt", source="Paper")
    )
    assert result.status == "duplicate" and result.article_id == "a1"
    assert store.count_articles() == 1
    assert {s["source"] for s in store.sources_of("a1")} == {"Wire", "Paper"}


def test_id_conflict_is_refused_and_changes_nothing(store: Store) -> None:
    store.add_article(art("a1", "Original text."))
    result = store.add_article(art("a1", "Different text."))
    assert result.status == "conflict" and "already stored" in result.detail
    assert store.article("a1").text == "Original text."


def test_failed_transaction_rolls_back(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(art("a1", "Will vanish."))
        raise RuntimeError("boom")
    assert store.count_articles() == 0 and store.integrity_problems() == []


def test_links_signatures_and_watchlist_round_trip(store: Store) -> None:
    store.add_article(art("a", "one two three"))
    store.add_article(art("b", "four five six"))
    store.add_link(ArticleLink("b", "a", "near-duplicate", 0.91234))
    assert store.links() == [ArticleLink("a", "b", "near-duplicate", 0.9123)]
    assert store.links(["a"]) == []
    store.add_signature("a", b"\x01\x02")
    assert list(store.signatures()) == [("a", b"\x01\x02")]
    ban = Restriction("travel_ban", "Res 1", "2020-01-01")
    entry = WatchlistEntry("L-1", "List", "Arlo Venn", ("A. Venn",), "person", restrictions=(ban,))
    store.add_watchlist_entries([entry])
    assert store.watchlist_entries() == [entry]


def test_migrations_are_recorded_once(tmp_path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    Store(path).close()
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM _migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_store_from_newer_version_is_refused(tmp_path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO _migrations VALUES ('m999_future', 'now')")
    with pytest.raises(StoreError, match="newer storyline"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(path)
