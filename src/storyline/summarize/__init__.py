"""Multi-document summary with citations: plain-sentence core, pipeline entry, compression."""

from storyline.summarize.core import summarize_documents
from storyline.summarize.extractive import DEFAULT_WORDS, summarize

__all__ = ["DEFAULT_WORDS", "summarize", "summarize_documents"]
