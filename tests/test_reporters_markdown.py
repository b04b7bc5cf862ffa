"""Markdown reporter for support tickets: findings first, a check table that stays a table."""

from __future__ import annotations

import dataclasses

from netcheck.model import Reason
from netcheck.reporters import RenderOptions, markdown
from tests.helpers import GATEWAYS, healthy, report

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def test_sections_findings_and_table() -> None:
    rep = report(healthy(**BLOCKED))
    text = markdown.render(rep, RenderOptions())
    lines = text.splitlines()
    assert lines[0] == "# netcheck report"
    assert "- **Result:** FAIL — Not ready: TWS will likely not connect from here." in lines
    headings = [ln for ln in lines if ln.startswith("#")]
    assert headings == [
        "# netcheck report",
        "## What is wrong and what to do",
        "### FAIL: TCP ports 4000/4001 are blocked on this network: TWS cannot log in here (`ports-blocked`)",
        "## What to allow (for IT)",  # netcheck/allowlist.py
        "## Checks",
        "## Environment",
    ]
    assert any(ln.startswith("**For IT:** Outbound TCP 4000/4001") for ln in lines)
    assert "- `ndc1.ibllc.com:4000 (198.51.100.10): timeout (20 ms)`" in lines
    rows = [ln for ln in lines if ln.startswith("| ")]
    assert rows[0] == "| Check | Status | Reason | Time (ms) | Detail |"
    assert len(rows) == 1 + len(rep.outcomes)
    assert all(r.count(" | ") == 4 for r in rows)
    assert rows[1].startswith("| `local:route:ipv6` | SKIP") or " FAIL " in rows[1]  # problems first
    assert "- version: `test`" in lines


def test_pipes_and_secrets_in_details_are_neutralised() -> None:
    rep = report(healthy(**BLOCKED))
    bad = next(o for o in rep.outcomes if o.status.value == "fail")
    evil = dataclasses.replace(bad, detail={"error": "a|b\nc http://u:pw@proxy.example:1"})
    rep = dataclasses.replace(rep, outcomes=tuple(evil if o is bad else o for o in rep.outcomes))
    text = markdown.render(rep, RenderOptions())
    row = next(ln for ln in text.splitlines() if bad.check.id in ln and ln.startswith("| "))
    assert row.count(" | ") == 4 and "a\\|b c" in row and "pw" not in text


def test_healthy_says_so() -> None:
    text = markdown.render(report(healthy()), RenderOptions())
    assert "No problems found." in text and "### " not in text
