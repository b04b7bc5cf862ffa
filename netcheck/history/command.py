"""`netcheck history`: open the store, ask the three questions, render; returns the exit code."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

from netcheck.history.queries import (
    Changes,
    availability,
    changes_since_good,
    parse_window,
    recent_outages,
    recent_runs,
)
from netcheck.history.render import render_json, render_text
from netcheck.history.store import default_path, open_store
from netcheck.messages import Translator, label

EXIT_OK, EXIT_CONFIG = 0, 3


def run(
    path: str | os.PathLike[str] | None, since: str, limit: int, fmt: str, tr: Translator, now: datetime | None = None
) -> tuple[int, str, str]:
    """(exit code, stdout text, stderr text). A missing database is not an error: nothing was recorded yet."""
    window = parse_window(since)  # validated by the CLI callback already
    db = os.fspath(path or default_path())
    if not os.path.exists(db):  # nothing recorded yet is not an error, and asking must not create the file
        if fmt == "json":
            return EXIT_OK, render_json([], since, 0, [], Changes(None, None)), ""
        return EXIT_OK, label("history_empty", tr, path=db) + "\n", ""
    try:
        with open_store(db) as store:
            runs = recent_runs(store, limit)
            n_runs, avail = availability(store, (now or datetime.now(UTC)) - window)
            changes = changes_since_good(store)
            outages = recent_outages(store, limit)
    except (sqlite3.Error, OSError) as exc:
        return EXIT_CONFIG, "", f"netcheck: error: {db}: {exc}\n"
    if fmt == "json":
        return EXIT_OK, render_json(runs, since, n_runs, avail, changes, outages), ""
    return EXIT_OK, render_text(runs, since, n_runs, avail, changes, tr, outages), ""
