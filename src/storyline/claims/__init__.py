"""Agreement and conflict between sources."""
