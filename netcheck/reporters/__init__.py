"""The reporter registry: one module per format; the CLI's --format choices come from here."""

from __future__ import annotations

import importlib
from typing import Any

from netcheck.reporters.base import RenderOptions, Reporter


def _lazy(module: str) -> Reporter:
    """The module's render, imported on first call: a run renders one format, not all six (~10 ms)."""

    def render(*args: Any, **kwargs: Any) -> str:
        text: str = importlib.import_module(f"netcheck.reporters.{module}").render(*args, **kwargs)
        return text

    render.__qualname__ = f"{module}.render"
    return render


REGISTRY: dict[str, Reporter] = {
    name: _lazy(name) for name in ("terminal", "json", "junit", "nagios", "prometheus", "markdown", "html")
}

__all__ = ["REGISTRY", "RenderOptions", "Reporter"]
