"""Temporal expressions and their calendar values."""
