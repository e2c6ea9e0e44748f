"""Event mentions, event types, and cross-article event grouping."""
