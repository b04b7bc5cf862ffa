"""Outages into the history database while the watch runs, and the summary at its end; trouble is a warning."""

from __future__ import annotations

import sqlite3
from datetime import tzinfo
from pathlib import Path
from typing import Any

from netcheck.history.store import Store, open_store
from netcheck.schedule.model import Schedule
from netcheck.watch import summary
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target


class Recorder:
    def __init__(self, path: Path | None, schedule: Schedule, tz: tzinfo | None) -> None:
        self.path, self.schedule, self.tz = path, schedule, tz
        self.store: Store | None = None
        self.watch_id = 0
        self.warning = ""

    def begin(self, doc: dict[str, Any]) -> None:
        """Open the store and register the watch (its summary is replaced at the end)."""
        try:
            self.store = open_store(self.path)
            self.watch_id = self.store.record_watch(doc)
        except (sqlite3.Error, OSError) as exc:  # full disk, read-only home, locked for longer than the timeout
            self._fail(exc)

    def ended(self, target: Target, stats: TargetStats, now: float) -> None:
        """The target's last outage just ended: store it now, so a killed watch still leaves it on record."""
        if self.store is None or not stats.outages:
            return
        row = summary.outage(stats.outages[-1], now, self.schedule, self.tz, target.region)
        try:
            self.store.add_outage(self.watch_id, target.name, row)
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    def finish(self, doc: dict[str, Any]) -> str:
        """Store the final summary with every outage (the open one too); returns a warning or ""."""
        try:
            if self.store is None and not self.warning:
                self.store = open_store(self.path)
            if self.store is not None:
                self.store.record_watch(doc, self.watch_id or None)
                self.store.close()
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
        return self.warning

    def _fail(self, exc: BaseException) -> None:
        self.warning = self.warning or f"netcheck: warning: watch not recorded in history: {exc}"
        if self.store is not None:
            self.store.close()
        self.store = None
