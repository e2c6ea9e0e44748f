"""storyline's web app: stories, timelines, dossiers, alerts and evidence, and a JSON API.

``storyline serve`` runs :func:`create_app` under uvicorn. See :mod:`storyline.web.app`
for the factory, :mod:`storyline.web.worker` for how SQLite is shared (one writer thread,
a read-only connection per reader thread), :mod:`storyline.web.stories` for what a story
is and how briefs are cached, and :mod:`storyline.web.security` for the defaults.
"""

from storyline.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
