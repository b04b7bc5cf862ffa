"""TWS / IB Gateway sessions running on this computer (psutil), and which of them share one installation."""

from __future__ import annotations

from typing import Any

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.platform.machine import classify_process
from netcheck.probes.base import ProbeContext, failed, outcome


def processes() -> list[dict[str, Any]]:
    import psutil

    out = []
    for p in psutil.process_iter(["pid", "ppid", "name", "exe", "cmdline"]):
        info = p.info
        hit = classify_process(info.get("name") or "", info.get("exe") or "", info.get("cmdline") or [])
        if hit:
            out.append({"pid": info["pid"], "ppid": info.get("ppid"), "kind": hit[0], "installation": hit[1]})
    return session_roots(out)


def session_roots(running: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pure: a launcher (tws script, tws.exe) and the JVM it starts are one session: keep the
    outermost TWS process of each tree, named by its innermost one's installation."""
    by_pid = {r["pid"]: r for r in running}
    roots: dict[int, dict[str, Any]] = {}
    for r in running:
        top = r
        while top.get("ppid") in by_pid and top["ppid"] != top["pid"]:
            top = by_pid[top["ppid"]]
        root = roots.setdefault(top["pid"], {k: v for k, v in top.items() if k != "ppid"})
        if r is not top:  # the JVM knows its program folder better than a launcher script does
            root["installation"] = r["installation"]
    return list(roots.values())


def sessions(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    running = processes()
    dups = duplicate_sessions(running)
    if dups:
        return failed(check, Reason.CONFLICT, started, ctx, sessions=running, duplicates=dups)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, sessions=running)


def duplicate_sessions(running: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pure: installations with more than one session running."""
    groups: dict[tuple[str, str], list[int]] = {}
    for r in running:
        groups.setdefault((r["kind"], r["installation"]), []).append(r["pid"])
    return [{"kind": k, "installation": inst, "pids": sorted(p)} for (k, inst), p in groups.items() if len(p) > 1]
