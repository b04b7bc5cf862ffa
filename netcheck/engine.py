"""The only async orchestration: concurrency limit, per-probe bounds, the run deadline, dependency
skips and interruption. Probes never raise for network failures; the engine never loses a result."""

from __future__ import annotations

import asyncio
import ipaddress
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from netcheck import plan, plan_web
from netcheck.model import Check, HostEntry, HostList, Kind, Outcome, Reason, Status
from netcheck.platform.proxy import Proxy
from netcheck.probes import REGISTRY, ProbeContext
from netcheck.rtt import Policy, RttEstimator, next_step

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
    rtt: RttEstimator = field(default_factory=RttEstimator)

    async def check(self, check: Check) -> Outcome:
        self.planned[check.id] = check
        if check.kind is Kind.TCP:
            out = await self.connect(check)
        else:
            async with self.limit:
                out = await _bounded(check, self.ctx)
        self.record(out)
        return out

    def record(self, out: Outcome) -> None:
        self.planned.setdefault(out.check.id, out.check)
        self.done[out.check.id] = out
        if self.progress:
            self.progress(out, len(self.done), len(self.planned))

    async def connect(self, check: Check) -> Outcome:
        """Hedged connects: a new attempt every RTO while older ones stay open; the first
        definitive answer (connected, refused, ICMP) wins. Each attempt holds one slot of the
        limit, which counts sockets; a retry finding no free slot is skipped, never waited for."""
        keys = _rtt_keys(check)
        await self.limit.acquire()  # the first attempt waits its turn; the clock starts after
        started, sent, tries = self.ctx.clock(), 0, _Tries()
        try:
            while True:
                elapsed = self.ctx.clock() - started
                step = next_step(elapsed, sent, self.rtt.rto(keys), self.rtt.policy, self.rtt.known(keys))
                if step.give_up:
                    return tries.verdict(check, self.ctx.clock() - started, sent)
                if step.send:
                    if sent == 0 or not self.limit.locked():
                        if sent:
                            await self.limit.acquire()  # immediate: the slot is free
                        tries.start(self._attempt(check, self.rtt.policy.ceiling - elapsed), self.ctx.clock())
                    sent += 1
                    continue
                won = await tries.wait(step.wait)
                if won:
                    if won.reason in (Reason.OK, Reason.REFUSED):  # an RST is an answer too: a valid RTT
                        self.rtt.observe(keys, won.duration_ms / 1000)
                    return tries.winner(won, self.ctx.clock() - started)
        finally:
            await tries.cancel()

    async def _attempt(self, check: Check, budget: float) -> Outcome:
        try:
            return await _bounded(check, replace(self.ctx, timeout=max(budget, 0.05)))
        finally:
            self.limit.release()


@dataclass
class _Tries:
    """The attempts of one connect check: sent times, outcomes, and the loss count at the end."""

    pending: dict[asyncio.Task[Outcome], float] = field(default_factory=dict)
    ended: list[tuple[float, Outcome]] = field(default_factory=list)  # (sent at, outcome)

    def start(self, coro: Any, now: float) -> None:
        self.pending[asyncio.ensure_future(coro)] = now

    async def wait(self, seconds: float) -> Outcome | None:
        if not self.pending:
            await asyncio.sleep(seconds)
            return None
        done, _ = await asyncio.wait(self.pending, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        won = None
        for task in done:
            out = task.result()
            self.ended.append((self.pending.pop(task), out))
            if out.reason is not Reason.TIMEOUT and not out.detail.get("local_error") and won is None:
                won = out
        return won

    def winner(self, won: Outcome, total_s: float) -> Outcome:
        """The winning answer, timed from the first attempt; attempts that stayed silent for
        more than twice the winner's RTT count as lost packets (the link-quality rule reads it)."""
        rtt_s = won.duration_ms / 1000
        now = max((t for t, o in self.ended if o is won), default=0.0) + rtt_s
        others = [t for t, o in self.ended if o is not won] + list(self.pending.values())
        lost = sum(1 for t in others if now - t > 2 * rtt_s)
        detail = {**won.detail, "rtt_ms": won.duration_ms, "attempts": len(others) + 1, "lost": lost}
        return replace(won, duration_ms=round(total_s * 1000, 1), detail=detail)

    def verdict(self, check: Check, total_s: float, scheduled: int) -> Outcome:
        """No answer at all: dropped. Or every attempt failed locally (no socket): say so."""
        real = len(self.ended) + len(self.pending)
        local = [o for _, o in self.ended if o.detail.get("local_error")]
        status = Status.FAIL if check.required else Status.WARN
        if real == 0 or (local and len(local) == len(self.ended) and not self.pending):
            why = local[-1].detail if local else {"error": "no free socket for a connection attempt"}
            return Outcome(check, status, Reason.ERROR, round(total_s * 1000, 1), why)
        error = f"no answer to {real} connection attempts in {total_s:.1f} s"
        detail = {"address": check.address, "port": check.port, "error": error, "attempts": real}
        return Outcome(check, status, Reason.TIMEOUT, round(total_s * 1000, 1), detail)

    async def cancel(self) -> None:
        for task in self.pending:
            task.cancel()
        await asyncio.gather(*self.pending, return_exceptions=True)  # sockets close before we go on


def _rtt_keys(check: Check) -> tuple[str, ...]:
    return (f"addr:{check.address}",) + ((f"region:{check.region}",) if check.region else ())


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
    machine: tuple[Check, ...] = (),
) -> RunResult:
    run = _Run(ctx=ctx, limit=asyncio.Semaphore(concurrency), progress=progress)
    run.rtt = RttEstimator(Policy(ceiling=ctx.timeout))
    stop = stop or asyncio.Event()
    work = asyncio.create_task(_all(run, hl, local, machine))
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({work, stopper}, timeout=deadline, return_when=asyncio.FIRST_COMPLETED)
    interrupted = not work.done()
    for task in (work, stopper):
        task.cancel()
    await asyncio.gather(work, stopper, return_exceptions=True)
    reason = "" if not interrupted else (getattr(stop, "reason", "") or "deadline")
    return RunResult(outcomes=_finish(run, hl, interrupted), interrupted=interrupted, stop_reason=reason)


async def _all(run: _Run, hl: HostList, local: bool, machine: tuple[Check, ...] = ()) -> None:
    if local:
        # Machine checks block briefly (psutil); running them before any connect keeps timings clean.
        local_out = await asyncio.gather(*(run.check(c) for c in [*plan.local_checks(), *machine]))
        run.has_ipv6 = any(o.check.id == "local:route:ipv6" and o.status is Status.PASS for o in local_out)
    else:
        run.has_ipv6 = True
    flows = [run.check(c) for c in plan.reachability_checks(hl)]
    flows += [_host_flow(run, h, hl.public_dns) for h in hl.hosts]
    flows += [_proxy_flow(run, p, hl) for p in run.ctx.proxies]
    await asyncio.gather(*flows)


async def _proxy_flow(run: _Run, proxy: Proxy, hl: HostList) -> None:
    """A configured proxy: does it answer; then which ports will it tunnel to."""
    reach = await run.check(plan_web.proxy_reach_check(proxy))
    tunnels = plan_web.proxy_tunnel_checks(proxy, hl)
    if reach.status is not Status.PASS:
        for c in tunnels:
            run.record(_skip(c, Reason.DEPENDENCY, "the proxy does not answer"))
        return
    await asyncio.gather(*(run.check(c) for c in tunnels))


async def _tls_flow(run: _Run, h: HostEntry, tcp_outs: list[Outcome]) -> None:
    """TLS to the same addresses whose TCP 443 connect succeeded."""
    if not plan_web.wants_tls(h):
        return
    tls = [o for o in tcp_outs if o.check.port == plan_web.TLS_PORT and o.status is Status.PASS]
    await asyncio.gather(*(run.check(plan_web.tls_check(h, o.check.address)) for o in tls))


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
    await _tls_flow(run, h, list(await asyncio.gather(*tasks)))


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
    """Sockets in flight at once, inside the file-descriptor limit: each slot of the limit is one
    socket (a connect attempt, a DNS query or an HTTP request); 64 descriptors stay free for the
    interpreter, the HTTP client's pool and the event loop, and a quarter as headroom."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return 64 if sys.platform.startswith("win") else 32
    if soft == resource.RLIM_INFINITY or soft > 1 << 20:
        soft = 1 << 20
    return max(4, min(MAX_CONCURRENCY, (soft - 64) * 3 // 4))


MAX_CONCURRENCY = 4096  # beyond this, one event loop spends more time polling than connects gain


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


__all__ = ["RunResult", "default_concurrency", "execute", "replace"]
