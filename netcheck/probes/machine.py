"""This computer beyond the network: memory, disk, the TWS installation and its settings."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.platform.machine import JVM32_MAX_HEAP_MB
from netcheck.probes import machine_install, machine_net
from netcheck.probes.base import ProbeContext, failed, outcome
from netcheck.tws import discover

TWS_NEEDS_MB = 1024  # free RAM TWS wants to start comfortably (IBKR's memory notes, §4d)
MIN_DISK_MB = 500  # TWS writes logs and downloads updates of a few hundred MB


async def probe(check: Check, ctx: ProbeContext) -> Outcome:
    what = str(check.params.get("what"))
    handler = _HANDLERS.get(what) or machine_net.HANDLERS[what]
    return handler(check, ctx)


def _dirs(check: Check) -> tuple[str, ...]:
    return tuple(check.params.get("tws_dirs", ()))


def _not_found(check: Check, ctx: ProbeContext, started: float) -> Outcome:
    why = "no TWS or IB Gateway installation found in " + ", ".join(_dirs(check))
    return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx, why=why, searched=list(_dirs(check)))


def _memory(check: Check, ctx: ProbeContext) -> Outcome:
    import psutil

    started = ctx.clock()
    vm = psutil.virtual_memory()
    avail, total = vm.available // 2**20, vm.total // 2**20
    detail = {"available_mb": avail, "total_mb": total, "needed_mb": TWS_NEEDS_MB}
    if avail < TWS_NEEDS_MB:
        return failed(check, Reason.INSUFFICIENT, started, ctx, **detail)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, **detail)


def _install(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    found = discover.installations(_dirs(check))
    if not found:
        return _not_found(check, ctx, started)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, installations=[_describe(i) for i in found])


def _describe(i: discover.Installation) -> dict[str, Any]:
    o = i.options
    return {
        "kind": i.kind,
        "folder": i.folder,
        "vmoptions": i.vmoptions_path,
        "xmx_mb": o.xmx_mb,
        "prefer_ipv4": o.prefer_ipv4,
        "keep_marker_line": o.keep_marker_line,
        "jvm_bits": i.jvm_bits,
    }


def _tws_memory(check: Check, ctx: ProbeContext) -> Outcome:
    import psutil

    started = ctx.clock()
    found = discover.installations(_dirs(check))
    if not found:
        return _not_found(check, ctx, started)
    total = psutil.virtual_memory().total // 2**20
    problems = memory_problems(found, total, JVM32_MAX_HEAP_MB.get(ctx.platform.name, 2048))
    if problems:
        return failed(check, Reason.MISCONFIGURED, started, ctx, total_mb=total, problems=problems)
    asked = {i.vmoptions_path: i.options.xmx_mb for i in found}
    return outcome(check, Status.PASS, Reason.OK, started, ctx, total_mb=total, xmx_mb=asked)


def memory_problems(found: list[discover.Installation], total_mb: int, jvm32_max_mb: int) -> list[dict[str, Any]]:
    """Pure: -Xmx above physical RAM, or above what a 32-bit JVM can address."""
    out = []
    for i in found:
        xmx = i.options.xmx_mb
        if xmx is None:
            continue
        if xmx > total_mb:
            out.append({"vmoptions": i.vmoptions_path, "xmx_mb": xmx, "limit_mb": total_mb, "problem": "ram"})
        elif i.jvm_bits == 32 and xmx > jvm32_max_mb:
            out.append({"vmoptions": i.vmoptions_path, "xmx_mb": xmx, "limit_mb": jvm32_max_mb, "problem": "32bit"})
    return out


def _jts_ini(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    found = discover.settings(_dirs(check))
    if found is None:
        why = "no jts.ini found in " + ", ".join(_dirs(check))
        return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx, why=why)
    ini = found.ini
    peer = f"{ini.peer_host}:{ini.peer_port}" if ini.peer_port else ini.peer_host
    return outcome(check, Status.PASS, Reason.OK, started, ctx, path=found.path, peer=peer or None,
                   ssl_hosts=list(ini.ssl_hosts))


def _disk(check: Check, ctx: ProbeContext) -> Outcome:
    import psutil

    started = ctx.clock()
    where = tempfile.gettempdir() if check.params.get("where") == "temp" else _tws_folder(check)
    if not where:
        return _not_found(check, ctx, started)
    try:
        free = psutil.disk_usage(where).free // 2**20
    except OSError as exc:
        return failed(check, Reason.ERROR, started, ctx, path=where, error=str(exc))
    if free < MIN_DISK_MB:
        return failed(check, Reason.INSUFFICIENT, started, ctx, path=where, free_mb=free, needed_mb=MIN_DISK_MB)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, path=where, free_mb=free)


def _tws_folder(check: Check) -> str:
    found = discover.installations(_dirs(check))
    if found:
        return found[0].folder
    settings = discover.settings(_dirs(check))
    return str(Path(settings.path).parent) if settings else ""


_HANDLERS = {
    "memory": _memory,
    "tws-install": _install,
    "tws-memory": _tws_memory,
    "jts-ini": _jts_ini,
    "disk": _disk,
    "tws-writable": machine_install.HANDLERS["tws-writable"],
    "tws-version": machine_install.HANDLERS["tws-version"],
    "tws-quarantine": machine_install.HANDLERS["tws-quarantine"],
}
