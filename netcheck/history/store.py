"""SQLite store of past runs: the Report's own redacted serialization (netcheck.report.to_dict) per run,
plus one row per check for availability queries.

Safe under overlapping cron runs: WAL journal, a generous busy timeout and one short IMMEDIATE transaction
per write, so writers queue instead of failing or corrupting the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from netcheck.history.schema import SCHEMA
from netcheck.redact import redact_value

ENV_VAR = "NETCHECK_HISTORY_DB"
BUSY_TIMEOUT_S = 30.0
MAX_WATCHES = 1000  # watch summaries kept (their outages go with them)
SCHEMA_VERSION = 2  # 2: outages seen by `netcheck watch`; a version-1 file gains the tables on open


@dataclass(frozen=True)
class Retention:
    """What is kept: runs younger than `days`, and at most `max_runs` of them (documented in the README)."""

    days: int = 90
    max_runs: int = 20000


def default_path() -> Path:
    """$NETCHECK_HISTORY_DB, else history.sqlite3 in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("netcheck", appauthor=False) / "history.sqlite3"


def open_store(path: str | os.PathLike[str] | None = None, retention: Retention | None = None) -> Store:
    p = Path(path) if path else default_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    return Store(p, retention or Retention())


class Store:
    def __init__(self, path: Path, retention: Retention) -> None:
        self.path, self.retention = path, retention
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes the lock up front
        self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._init()

    def _init(self) -> None:
        if self._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with self._tx():
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for stmt in SCHEMA.split(";"):
                if stmt.strip():
                    self._db.execute(stmt)
        _retry(lambda: self._db.execute("PRAGMA journal_mode = WAL"))  # persistent; needs a brief exclusive lock

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        _retry(lambda: self._db.execute("BEGIN IMMEDIATE"))
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, report_json: dict[str, Any]) -> int:
        """Store one run (redacted again here, so no caller can leak a secret into the file); returns its id."""
        doc = redact_value(report_json)
        row = (doc["started_at"], doc["status"], float(doc.get("duration_ms", 0)), int(bool(doc.get("interrupted"))))
        checks = [
            (c["id"], c.get("kind", ""), c["status"], c.get("reason", ""), float(c.get("duration_ms", 0)))
            for c in doc.get("checks", [])
        ]
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs(started_at, status, duration_ms, interrupted, report) VALUES (?,?,?,?,?)",
                (*row, json.dumps(doc, ensure_ascii=False)),
            )
            run_id = int(cur.lastrowid or 0)
            db.executemany("INSERT OR REPLACE INTO checks VALUES (?,?,?,?,?,?)", [(run_id, *c) for c in checks])
            self._prune(db)
        return run_id

    def record_watch(self, summary: dict[str, Any], watch_id: int | None = None) -> int:
        """Store a watch summary and a row per outage, replacing what `add_outage` stored under `watch_id`
        while the watch ran; returns the watch's id."""
        doc = redact_value(summary)
        rows = [(t["target"], o["start"], o["end"], o["duration_s"], o["cause"], o["ibkr_window"])
                for t in doc["targets"] for o in t["outages"]]  # fmt: skip
        with self._tx() as db:
            db.execute("DELETE FROM watches WHERE id = ?", (watch_id,))  # its outages go with it (cascade)
            row = (watch_id, doc["started_at"], doc["ended_at"], doc["outages"], json.dumps(doc, ensure_ascii=False))
            cur = db.execute("INSERT INTO watches(id, started_at, ended_at, outages, summary) VALUES (?,?,?,?,?)", row)
            watch_id = int(cur.lastrowid or 0)
            db.executemany("INSERT INTO outages VALUES (?,?,?,?,?,?,?)", [(watch_id, *r) for r in rows])
            db.execute("DELETE FROM watches WHERE id <= (SELECT id FROM watches ORDER BY id DESC LIMIT 1 OFFSET ?)",
                       (MAX_WATCHES,))  # fmt: skip
        return watch_id

    def add_outage(self, watch_id: int, target: str, o: dict[str, Any]) -> None:
        """One outage as soon as it ends, so a watch that is killed still leaves it on record."""
        with self._tx() as db:
            row = (watch_id, target, o["start"], o["end"], o["duration_s"], o["cause"], o["ibkr_window"])
            db.execute("INSERT INTO outages VALUES (?,?,?,?,?,?,?)", row)

    def _prune(self, db: sqlite3.Connection) -> None:
        cutoff = iso(datetime.now(UTC) - timedelta(days=self.retention.days))
        db.execute("DELETE FROM runs WHERE started_at < ?", (cutoff,))
        db.execute(
            "DELETE FROM runs WHERE id <= (SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?)",
            (self.retention.max_runs,),
        )

    def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        """The last `limit` reports, newest first, each with its history id under "history_id"."""
        rows = self._db.execute("SELECT id, report FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [{**json.loads(r["report"]), "history_id": r["id"]} for r in rows]

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read-only access for netcheck.history.queries."""
        return self._db.execute(sql, params).fetchall()

    def integrity(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _retry(fn: Any, attempts: int = 50) -> Any:
    """A few PRAGMAs and lock upgrades return SQLITE_BUSY without consulting the busy handler; wait and retry."""
    for i in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or i == attempts - 1:
                raise
            time.sleep(0.05 + 0.01 * i)
    return None
