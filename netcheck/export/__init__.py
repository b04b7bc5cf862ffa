"""Allow-list exporters, one module per format; `netcheck hosts export --format` choices come from here."""

from __future__ import annotations

from netcheck.export import csv, iptables, json, nft, squid, windows
from netcheck.export.base import Exporter, ExportOptions

REGISTRY: dict[str, Exporter] = {
    "csv": csv.render,
    "json": json.render,
    "nft": nft.render,
    "iptables": iptables.render,
    "windows-firewall": windows.render,
    "squid": squid.render,
}
# Formats that can hold names as they are; the others need addresses (--resolve) or named sets.
BY_NAME = frozenset({"csv", "json", "squid"})

__all__ = ["BY_NAME", "REGISTRY", "ExportOptions", "Exporter"]
