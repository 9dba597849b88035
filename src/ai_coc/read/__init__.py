"""Stage 1: read files — YAML with positions, the quick schema test, the manifest models."""
