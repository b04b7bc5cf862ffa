"""What changed since the last good run, per finding of the latest run (and the findings that went away)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from netcheck.history.queries import Changes
from netcheck.history.store import Store


@dataclass(frozen=True)
class FindingChange:
    finding: str
    state: str  # "new" | "gone" | "still"
    checks: tuple[str, ...] = ()  # the finding's checks whose status changed since the good run


def read(store: Store, ch: Changes) -> tuple[FindingChange, ...]:
    if ch.good_run is None or ch.latest is None:
        return ()
    rows = store.query("SELECT report FROM runs WHERE id = ?", (ch.latest.id,))
    claimed = {str(f.get("id")): tuple(f.get("checks") or ()) for f in json.loads(rows[0][0]).get("findings", [])}
    return per_finding(ch, claimed)


def per_finding(ch: Changes, claimed: dict[str, tuple[str, ...]]) -> tuple[FindingChange, ...]:
    """Each finding of the latest run with the changed checks it explains; then the gone ones."""
    changed = {c for c, _, _ in ch.checks}
    now = [
        FindingChange(
            f, "new" if f in ch.new_findings else "still", tuple(c for c in claimed.get(f, ()) if c in changed)
        )
        for f in (ch.latest.findings if ch.latest else ())
    ]
    return (*now, *(FindingChange(f, "gone") for f in ch.gone_findings))
