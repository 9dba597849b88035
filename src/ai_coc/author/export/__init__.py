"""Exports of the manifest for other tools."""
