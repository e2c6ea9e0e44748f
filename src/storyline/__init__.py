"""storyline: turn a pile or a stream of news articles into a sourced brief."""

__version__ = "0.1.0"
