"""Property: whatever text and metadata go in come back out unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article
from storyline.store import Store

texts = st.text(min_size=1, max_size=300).filter(lambda t: t.strip())
optional = st.none() | st.text(max_size=40)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=optional, source=optional, day=st.none() | st.dates().map(str))
def test_article_round_trip(
    text: str, title: str | None, source: str | None, day: str | None
) -> None:
    with Store(":memory:") as store:
        art = Article(id="x", text=text, title=title, source=source, published=day, origin="o")
        assert store.add_article(art).status == "added"
        assert store.article("x") == art
