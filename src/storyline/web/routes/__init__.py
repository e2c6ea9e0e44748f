"""The app's routers, one module per area: stories (home, list, search, story page),
articles (the evidence view), entities (dossiers), alerts, ingest (uploads and jobs),
docs (the local API reference page) and api (JSON over the same data)."""
