"""ai-coc: lint ``ai-usage.yaml`` manifests against the Code of Conduct Demokratische KI."""

__version__ = "0.1.0"

__all__ = ["__version__"]
