"""The reporter registry: one module per format; the CLI's --format choices come from here."""

from __future__ import annotations

from netcheck.reporters import json, junit, markdown, nagios, prometheus, terminal
from netcheck.reporters.base import RenderOptions, Reporter

REGISTRY: dict[str, Reporter] = {
    "terminal": terminal.render,
    "json": json.render,
    "junit": junit.render,
    "nagios": nagios.render,
    "prometheus": prometheus.render,
    "markdown": markdown.render,
}

__all__ = ["REGISTRY", "RenderOptions", "Reporter"]
