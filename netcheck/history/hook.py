"""What `netcheck run` calls after each run: record it, and never let a history problem cost the report."""

from __future__ import annotations

import os
import sqlite3

from netcheck.history.store import default_path, open_store
from netcheck.messages import label, translator
from netcheck.report_model import Report


def record_report(report: Report, path: str | os.PathLike[str] | None = None) -> str | None:
    """Store the Report's own redacted serialization; returns a warning to show on stderr if that failed."""
    from netcheck.report import to_dict

    try:
        with open_store(path) as store:
            store.record(to_dict(report))
    except (sqlite3.Error, OSError) as exc:  # full disk, read-only home, locked for > busy timeout
        return label("history_unavailable", translator(), path=str(path or default_path()), error=str(exc))
    return None
