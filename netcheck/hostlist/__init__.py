"""Host lists: the TOML files naming what TWS needs; loaded and validated in full (file, line, key)."""

from __future__ import annotations

from netcheck.hostlist.load import DEFAULT_LIST, default_path, load, select_regions

__all__ = ["DEFAULT_LIST", "default_path", "load", "select_regions"]
