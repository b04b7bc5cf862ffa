"""The only async orchestration: concurrency limit, per-probe bounds, the run deadline, dependency
skips and interruption. Probes never raise for network failures; the engine never loses a result."""

from __future__ import annotations

import asyncio
import ipaddress
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from netcheck import plan
from netcheck.model import Check, HostEntry, HostList, Kind, Outcome, Reason, Status
from netcheck.probes import REGISTRY, ProbeContext

ProgressFn = Callable[[Outcome, int, int], None]


@dataclass
class RunResult:
    outcomes: list[Outcome]
    interrupted: bool = False
    stop_reason: str = ""  # "deadline" | "SIGINT" | "SIGTERM"


@dataclass
class _Run:
    ctx: ProbeContext
    limit: asyncio.Semaphore
    progress: ProgressFn | None = None
    planned: dict[str, Check] = field(default_factory=dict)
    done: dict[str, Outcome] = field(default_factory=dict)
    has_ipv6: bool = False

    async def check(self, check: Check) -> Outcome:
        self.planned[check.id] = check
        async with self.limit:
            out = await _bounded(check, self.ctx)
        self.record(out)
        return out

    def record(self, out: Outcome) -> None:
        self.planned.setdefault(out.check.id, out.check)
        self.done[out.check.id] = out
        if self.progress:
            self.progress(out, len(self.done), len(self.planned))


async def _bounded(check: Check, ctx: ProbeContext) -> Outcome:
    """Probes bound themselves; this second bound guards against a probe that forgets to."""
    started = ctx.clock()
    try:
        async with asyncio.timeout(ctx.timeout * 3 + 1):
            return await (ctx.probes or REGISTRY)[check.kind](check, ctx)
    except TimeoutError:
        reason, error = Reason.TIMEOUT, "probe exceeded its time bound"
    except Exception as exc:  # a probe bug must not cancel its siblings; report it as data
        reason, error = Reason.ERROR, f"{type(exc).__name__}: {exc}"[:300]
    status = Status.FAIL if check.required else Status.WARN
    return Outcome(check, status, reason, round((ctx.clock() - started) * 1000, 1), {"error": error})


async def execute(
    hl: HostList,
    ctx: ProbeContext,
    deadline: float,
    concurrency: int,
    progress: ProgressFn | None = None,
    stop: asyncio.Event | None = None,
    local: bool = True,
) -> RunResult:
    run = _Run(ctx=ctx, limit=asyncio.Semaphore(concurrency), progress=progress)
    stop = stop or asyncio.Event()
    work = asyncio.create_task(_all(run, hl, local))
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({work, stopper}, timeout=deadline, return_when=asyncio.FIRST_COMPLETED)
    interrupted = not work.done()
    for task in (work, stopper):
        task.cancel()
    await asyncio.gather(work, stopper, return_exceptions=True)
    reason = "" if not interrupted else (getattr(stop, "reason", "") or "deadline")
    return RunResult(outcomes=_finish(run, hl, interrupted), interrupted=interrupted, stop_reason=reason)


async def _all(run: _Run, hl: HostList, local: bool) -> None:
    if local:
        local_out = await asyncio.gather(*(run.check(c) for c in plan.local_checks()))
        run.has_ipv6 = any(o.check.id == "local:route:ipv6" and o.status is Status.PASS for o in local_out)
    else:
        run.has_ipv6 = True
    flows = [run.check(c) for c in plan.reachability_checks(hl)]
    flows += [_host_flow(run, h, hl.public_dns) for h in hl.hosts]
    await asyncio.gather(*flows)


async def _host_flow(run: _Run, h: HostEntry, public_dns: tuple[str, ...]) -> None:
    if _is_ip(h.name):
        addresses, resolved_by = [h.name], "literal"
    else:
        outs = await asyncio.gather(*(run.check(c) for c in plan.dns_checks(h, public_dns)))
        addresses, resolved_by = _addresses_for_connect(outs)
    if not addresses:
        for port in h.ports:
            run.record(_skip(plan.tcp_placeholder(h, port), Reason.DEPENDENCY, "the name did not resolve"))
        return
    tasks = []
    for address in addresses:
        for port in h.ports:
            check = plan.tcp_check(h, port, address, resolved_by)
            if ":" in address and not run.has_ipv6:
                run.record(_skip(check, Reason.NOT_APPLICABLE, "this machine has no IPv6 route"))
            else:
                tasks.append(run.check(check))
    await asyncio.gather(*tasks)


def _addresses_for_connect(outs: list[Outcome]) -> tuple[list[str], str]:
    """The system answer is what TWS uses. When it fails, test the addresses an independent
    resolver gives, so a DNS fault is not mistaken for blocked servers."""
    by_path = {("system" if o.check.params.get("path") == "system" else o.check.kind.value): o for o in outs}
    for key, label in (("system", "system"), ("dns", "configured resolver")):
        o = by_path.get(key)
        if o and o.status is Status.PASS:
            return list(o.detail.get("addresses", [])), label
    for o in outs:
        if o.check.kind is Kind.DNS_CROSS and o.status is Status.PASS:
            return list(o.detail.get("addresses", [])), f"independent resolver {o.check.server}"
    return [], ""


def _finish(run: _Run, hl: HostList, interrupted: bool) -> list[Outcome]:
    """Every planned check ends with an outcome: unfinished ones are skipped with the reason."""
    for cid, check in run.planned.items():
        if cid not in run.done:
            run.done[cid] = _skip(check, Reason.DEADLINE, "the run ended before this check finished")
    if interrupted:
        _placeholders_for_unstarted(run, hl)
    return list(run.done.values())


def _placeholders_for_unstarted(run: _Run, hl: HostList) -> None:
    tested = {(o.check.host, o.check.port) for o in run.done.values() if o.check.kind is Kind.TCP}
    for h in hl.hosts:
        for port in h.ports:
            if (h.name, port) not in tested:
                c = plan.tcp_placeholder(h, port)
                run.done[c.id] = _skip(c, Reason.DEADLINE, "the run ended before this check started")


def _skip(check: Check, reason: Reason, why: str) -> Outcome:
    return Outcome(check, Status.SKIP, reason, 0.0, {"why": why})


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def default_concurrency() -> int:
    """Stay well inside the file-descriptor limit: each connect holds one socket."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return 64 if sys.platform.startswith("win") else 32
    if soft == resource.RLIM_INFINITY:
        soft = 4096
    return max(4, min(512, (soft - 48) // 2))


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


__all__ = ["RunResult", "default_concurrency", "execute", "replace"]
