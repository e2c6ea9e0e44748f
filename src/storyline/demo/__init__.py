"""The bundled demo: fictional reports written for storyline, and a fictional watchlist."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_dir() -> Path:
    """Folder of the demo reports (Markdown with front matter)."""
    return Path(str(resources.files("storyline.demo") / "corpus"))


def watchlist_path() -> Path:
    """The demo watchlist, in storyline's JSON list format."""
    return Path(str(resources.files("storyline.demo") / "watchlist.json"))
