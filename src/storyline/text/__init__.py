"""Small text utilities shared by stages."""
