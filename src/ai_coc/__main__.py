"""Allow ``python -m ai_coc``."""

from ai_coc.cli import entry

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess test
    entry()
