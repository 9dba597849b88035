"""Sphinx configuration for the ai-coc documentation.

Build locally with::

    sphinx-build -n -W -b html docs docs/_build/html
"""

from __future__ import annotations

project = "ai-coc"
author = "the ai-coc contributors"
copyright = "2026, the ai-coc contributors"  # noqa: A001 - Sphinx setting name

extensions = [
    "myst_parser",
    # The CLI reference, from the click commands themselves.
    "sphinx_click",
    # The project's own extension: rule, manifest, schema and check references, and the
    # real output of `ai-coc check` in the tutorials, all generated at build time.
    "ai_coc.docs.sphinxext",
]

# The policy pack the rule reference is generated from; empty = the built-in `coc` pack.
# Override for a build with `-D ai_coc_pack_dir=path/to/pack`.
ai_coc_pack_dir = ""

source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"
exclude_patterns = ["_build", "_examples", "Thumbs.db", ".DS_Store"]

# Keep quotes as they are: the pages show the tool's messages and YAML exactly as written.
smartquotes = False

# Every cross-reference must resolve; the docs build runs with -n -W in CI.
nitpicky = True

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "ai-coc — checks for the Code of Conduct Demokratische KI"
html_short_title = "ai-coc"
