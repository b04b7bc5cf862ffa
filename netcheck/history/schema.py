"""The history database's tables (SQLite, WAL): runs, per-check results, watches and their outages."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,           -- ISO 8601 UTC, from the report
  status TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  interrupted INTEGER NOT NULL,
  report TEXT NOT NULL                -- the redacted JSON report (schema netcheck/report/v1)
);
CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at);
CREATE TABLE IF NOT EXISTS checks (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  check_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  PRIMARY KEY (run_id, check_id)
);
CREATE INDEX IF NOT EXISTS checks_by_id ON checks(check_id, run_id);
CREATE TABLE IF NOT EXISTS watches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL,
  outages INTEGER NOT NULL,
  summary TEXT NOT NULL               -- the JSON summary (schema netcheck/watch/v1)
);
CREATE TABLE IF NOT EXISTS outages (
  watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  start TEXT NOT NULL,                -- ISO 8601 with the user's offset
  end TEXT,                           -- NULL: still down when the watch ended
  duration_s REAL NOT NULL,
  cause TEXT NOT NULL,
  ibkr_window TEXT                    -- the IBKR window it fell in, if any
);
CREATE INDEX IF NOT EXISTS outages_start ON outages(start);
"""
