"""Load the schedule TOML (bundled, or the user's override) and validate it completely; errors name file, line, key."""

from __future__ import annotations

import re
import zoneinfo
from datetime import time
from importlib import resources
from pathlib import Path
from typing import Any

from netcheck.hostlist.read import parse
from netcheck.hostlist.validate import Validator
from netcheck.schedule.model import DAYS, KINDS, Schedule, Window

ENV_VAR = "NETCHECK_SCHEDULE"
_KEYS = {"id", "kind", "title", "regions", "zone", "days", "start", "end", "source", "seen"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def bundled_path() -> Path:
    return Path(str(resources.files("netcheck.schedule") / "data" / "ibkr-schedule.toml"))


def load(path: Path | None = None) -> Schedule:
    """The user's file replaces the bundled one: IBKR moves windows, and a partial merge would hide that."""
    p = path or bundled_path()
    text, doc = parse(p)  # the host lists' reader: bounded, regular files only, errors with their line
    return Schedule(_WindowValidator(str(p), text).windows(doc), str(p))


class _WindowValidator(Validator):
    def windows(self, doc: dict[str, Any]) -> tuple[Window, ...]:
        for key in doc:
            if key != "window":
                raise self.fail(key, "unknown key; allowed: window", table=key, field=key)
        tables = self._array(doc, "window")
        if not tables:
            raise self.fail("window", "no [[window]] entries: a schedule needs at least one window")
        out = tuple(self.window(i, w) for i, w in enumerate(tables))
        self._unique([w.id for w in out])
        return out

    def window(self, i: int, w: dict[str, Any]) -> Window:
        where = f"window[{i + 1}]"
        self._known_keys(w, _KEYS, where, "window", i)

        def get(key: str) -> str:
            return self._str(w, key, where, "window", i, required=True)

        kind = get("kind")
        if kind not in KINDS:
            raise self.fail(f"{where}.kind", f"{kind!r}; allowed: {', '.join(KINDS)}", "window", i, "kind")
        end = self._hhmm(w, "end", where, i) if kind != "reauth" else None
        seen = get("seen")
        if not _DATE.match(seen):
            raise self.fail(
                f"{where}.seen", "must be a date YYYY-MM-DD (when the source was read)", "window", i, "seen"
            )
        return Window(
            id=get("id"), kind=kind, title=get("title"), regions=self._regions(w, where, i),
            zone=self._zone(get("zone"), where, i), days=self._days(w, where, i),
            start=self._hhmm(w, "start", where, i), end=end, source=get("source"), seen=seen,
        )  # fmt: skip

    def _hhmm(self, w: dict[str, Any], key: str, where: str, i: int) -> time:
        m = _HHMM.match(self._str(w, key, where, "window", i, required=True))
        if not m:
            raise self.fail(f"{where}.{key}", "must be a time HH:MM (24-hour clock)", "window", i, key)
        return time(int(m.group(1)), int(m.group(2)))

    def _zone(self, zone: str, where: str, i: int) -> str:
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise self.fail(f"{where}.zone", f"{zone!r} is not an IANA time zone (e.g. Europe/Zurich)",
                            "window", i, "zone") from None  # fmt: skip
        return zone

    def _days(self, w: dict[str, Any], where: str, i: int) -> tuple[int, ...]:
        days = w.get("days")
        if not isinstance(days, list) or not days or any(d not in DAYS for d in days):
            raise self.fail(f"{where}.days", f"must be a non-empty list of {', '.join(DAYS)}", "window", i, "days")
        return tuple(sorted({DAYS.index(d) for d in days}))

    def _regions(self, w: dict[str, Any], where: str, i: int) -> tuple[str, ...]:
        regions = w.get("regions")
        ok = isinstance(regions, list) and regions and all(isinstance(r, str) and r.strip() for r in regions)
        if not ok:
            raise self.fail(f"{where}.regions", 'must be a non-empty list of region names, or ["*"]',
                            "window", i, "regions")  # fmt: skip
        return tuple(r.strip() for r in regions)  # type: ignore[union-attr]

    def _unique(self, ids: list[str]) -> None:
        for i, wid in enumerate(ids):
            if wid in ids[:i]:
                raise self.fail(f"window[{i + 1}].id", f"duplicate window id {wid!r}", "window", i, "id")
