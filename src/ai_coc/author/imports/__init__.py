"""Imports into the manifest from what other formats already say."""
