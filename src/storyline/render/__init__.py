"""Render a brief, from its JSON wire form, as Markdown or as a self-contained HTML page."""

from .html import render_html
from .markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
