"""Run history in an embedded SQLite database: `open_store(path)`, then `record`, `recent` and queries."""

from __future__ import annotations

from netcheck.history.store import Retention, Store, default_path, open_store

__all__ = ["Retention", "Store", "default_path", "open_store"]
