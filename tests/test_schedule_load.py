"""The schedule file is validated completely at load: every bad entry names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcheck.errors import ConfigError
from netcheck.schedule.load import bundled_path, load

GOOD = """[[window]]
id = "reset-europe"
kind = "reset"
title = "Europe daily reset"
regions = ["europe"]
zone = "Europe/Zurich"
days = ["mon", "tue"]
start = "06:25"
end = "07:45"
source = "https://example.com/status"
seen = "2026-12-01"
"""


def test_the_bundled_schedule_dates_and_sources_every_entry() -> None:
    schedule = load()
    assert {w.id for w in schedule.windows} >= {"reset-america", "reset-europe", "weekend", "reauth"}
    assert all(w.source.startswith("https://") and len(w.seen) == 10 for w in schedule.windows)
    assert bundled_path().is_file()


def test_a_user_file_replaces_the_bundled_one(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text(GOOD)
    assert [w.id for w in load(f).windows] == ["reset-europe"]


BAD = [
    ('zone = "Europe/Zurich"', 'zone = "Mars/Olympus"', 6, "window[1].zone", "not an IANA time zone"),
    ('start = "06:25"', 'start = "6.25"', 8, "window[1].start", "HH:MM"),
    ('end = "07:45"', 'end = "24:00"', 9, "window[1].end", "HH:MM"),
    ('kind = "reset"', 'kind = "outage"', 3, "window[1].kind", "allowed: reset, maintenance, reauth"),
    ('days = ["mon", "tue"]', 'days = ["monday"]', 7, "window[1].days", "non-empty list"),
    ('regions = ["europe"]', "regions = []", 5, "window[1].regions", "non-empty list"),
    ('seen = "2026-12-01"', 'seen = "last week"', 11, "window[1].seen", "YYYY-MM-DD"),
    ('source = "https://example.com/status"', "", 1, "window[1].source", "missing"),
    ('seen = "2026-12-01"', 'seen = "2026-12-01"\nwhen = 1', 12, "window[1].when", "unknown key"),
]


@pytest.mark.parametrize(("old", "new", "line", "key", "message"), BAD)
def test_bad_entries_name_file_line_and_key(
    tmp_path: Path, old: str, new: str, line: int, key: str, message: str
) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(GOOD.replace(old, new))
    with pytest.raises(ConfigError) as exc:
        load(f)
    assert (exc.value.file, exc.value.line, exc.value.key) == (str(f), line, key)
    assert message in exc.value.message


def test_duplicate_ids_and_broken_toml(tmp_path: Path) -> None:
    f = tmp_path / "dup.toml"
    f.write_text(GOOD + "\n" + GOOD)
    with pytest.raises(ConfigError, match=r"dup.toml:14: window\[2\].id: duplicate window id"):
        load(f)
    f.write_text('[[window]]\nid = "x\n')
    with pytest.raises(ConfigError, match=r"dup.toml:2: invalid TOML"):
        load(f)
    with pytest.raises(ConfigError, match="file not found"):
        load(tmp_path / "missing.toml")
