"""The async shell around the pure planner: concurrency, the run deadline, interruption and progress.
It knows no probe kind: the planner says what to run next, the probe registry how."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from netcheck.model import Check, HostList, Outcome, Reason, Status
from netcheck.planner import Planner
from netcheck.probes import REGISTRY, ProbeContext

ProgressFn = Callable[[Outcome, int, int], None]


@dataclass
class RunResult:
    outcomes: list[Outcome]
    interrupted: bool = False
    stop_reason: str = ""  # "deadline" | "SIGINT" | "SIGTERM"


@dataclass
class _Shell:
    """Runs each check the planner gives as its own task; an ended check feeds the planner at once,
    so a host's connects start when its own look-ups are in, not when every host's are."""

    ctx: ProbeContext
    planner: Planner
    progress: ProgressFn | None = None
    done: dict[str, Outcome] = field(default_factory=dict)
    planned: int = 0
    running: set[asyncio.Task[None]] = field(default_factory=set)
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    timers: list[asyncio.TimerHandle] = field(default_factory=list)

    def spawn(self, checks: list[Check]) -> None:
        self.planned += len(checks)
        loop = asyncio.get_running_loop()
        for check in checks:
            task = asyncio.create_task(self._one(check))
            self.running.add(task)
            task.add_done_callback(self._ended)
            patience = self.planner.patience(check)
            if patience is not None:
                self.timers.append(loop.call_later(patience, self._overdue, check))
        if not self.running:
            self.finished.set()

    def _overdue(self, check: Check) -> None:
        self.follow(self.planner.overdue(check))

    def follow(self, step: tuple[list[Check], list[Outcome]]) -> None:
        checks, skips = step
        self.planned += len(skips)
        for s in skips:
            self.record(s)
        self.spawn(checks)

    async def _one(self, check: Check) -> None:
        assert self.ctx.slots is not None  # for_run made them
        async with self.ctx.slots:
            out = await _bounded(check, self.ctx)
        self.record(out)
        self.follow(self.planner.advance(out))

    def _ended(self, task: asyncio.Task[None]) -> None:
        self.running.discard(task)
        if not self.running:
            self.finished.set()

    def record(self, out: Outcome) -> None:
        self.done[out.check.id] = out
        if self.progress:
            self.progress(out, len(self.done), self.planned)

    async def cancel(self) -> None:
        for timer in self.timers:
            timer.cancel()
        for task in self.running:
            task.cancel()
        await asyncio.gather(*self.running, return_exceptions=True)


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
    planner = Planner.for_run(hl, local, machine, ctx.proxies)
    return await drive(planner, ctx.for_run(concurrency), deadline, progress, stop)


async def drive(
    planner: Planner,
    ctx: ProbeContext,
    deadline: float,
    progress: ProgressFn | None = None,
    stop: asyncio.Event | None = None,
) -> RunResult:
    """Run the plan until it is done, the deadline passes or `stop` is set (its `reason` says why)."""
    shell = _Shell(ctx, planner, progress)
    stop = stop or asyncio.Event()
    stopper = asyncio.create_task(stop.wait())
    shell.spawn(planner.start())
    finished = asyncio.create_task(shell.finished.wait())
    await asyncio.wait({finished, stopper}, timeout=deadline, return_when=asyncio.FIRST_COMPLETED)
    interrupted = not shell.finished.is_set()
    for task in (finished, stopper):
        task.cancel()
    await shell.cancel()
    await asyncio.gather(finished, stopper, return_exceptions=True)
    reason = "" if not interrupted else (getattr(stop, "reason", "") or "deadline")
    outcomes = list(shell.done.values()) + ([o for o in planner.leftovers() if o.check.id not in shell.done])
    return RunResult(outcomes=outcomes, interrupted=interrupted, stop_reason=reason)


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


__all__ = ["ProgressFn", "RunResult", "default_concurrency", "drive", "execute", "now_iso"]
