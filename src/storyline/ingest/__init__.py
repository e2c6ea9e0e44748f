"""Ingest: read articles from files, directories and stdin, and find near-duplicates.

:func:`read_inputs` yields :class:`~storyline.model.Article` objects and a
:class:`~storyline.model.Rejection` (origin, reason) for every input it skips;
:class:`NearDuplicateIndex` finds articles that are the same story run twice.
"""

from storyline.ingest.common import parse_published
from storyline.ingest.dedupe import NUM_PERM, NearDuplicateIndex, signature
from storyline.ingest.readers import DEFAULT_MAX_BYTES, INPUT_FORMATS, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INPUT_FORMATS",
    "NUM_PERM",
    "NearDuplicateIndex",
    "parse_published",
    "read_inputs",
    "signature",
]
