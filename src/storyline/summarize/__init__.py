"""Multi-document summary with citations."""
