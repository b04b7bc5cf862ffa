"""The reporter registry: one module per format; the CLI's --format choices come from here."""

from __future__ import annotations

from netcheck.reporters import json, terminal
from netcheck.reporters.base import RenderOptions, Reporter

REGISTRY: dict[str, Reporter] = {
    "terminal": terminal.render,
    "json": json.render,
}

__all__ = ["REGISTRY", "RenderOptions", "Reporter"]
