"""What every probe receives: its Check and one ProbeContext. No globals; fakes swap in here."""

from __future__ import annotations

import asyncio
import concurrent.futures
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.platform import Platform, current
from netcheck.rtt import Policy, RttEstimator

T = TypeVar("T")


@dataclass(frozen=True)
class ProbeContext:
    timeout: float = 2.0
    platform: Platform = field(default_factory=current)
    ssl_context: ssl.SSLContext | None = None
    ca_bundle: str | None = None
    public_dns: tuple[str, ...] = ()
    http_client: Any = None  # httpx.AsyncClient, created by the engine
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time  # for comparing with servers' Date headers
    proxies: tuple[Any, ...] = ()  # platform.proxy.Proxy: configured proxies, tested by the proxy probe
    # One run's memo of costly reads several checks share (the TCP socket table for all API ports);
    # the runner gives each run a fresh dict; None: every check reads afresh.
    shared: dict[str, Any] | None = None
    # One run's connect timing, shared by all its TCP checks (a measured RTT anywhere shortens
    # every pending retry) and its socket budget; `for_run` makes both, None outside a run.
    rtt: RttEstimator | None = None
    slots: Slots | None = None
    # Seams for unit tests: replace the socket layer without touching the probes.
    getaddrinfo: Callable[..., Any] | None = None
    probes: Mapping[Any, Any] | None = None  # Kind -> probe; None means the real REGISTRY
    # One connect attempt with its time bound (netcheck.probes.tcp.connect_once).
    connect: Callable[[Check, ProbeContext, float], Awaitable[Outcome]] | None = None

    def for_run(self, concurrency: int) -> ProbeContext:
        """This context with fresh per-run state: the RTT estimator and `concurrency` socket slots."""
        return replace(self, rtt=RttEstimator(Policy(ceiling=self.timeout)), slots=Slots(concurrency))


class Slots:
    """Sockets in flight at once. The engine holds one slot for each running probe; a probe that
    opens more sockets (hedged connects) takes extra slots only when one is free, never waiting."""

    def __init__(self, size: int) -> None:
        self._sem = asyncio.Semaphore(size)

    async def __aenter__(self) -> None:
        await self._sem.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self._sem.release()

    async def take_if_free(self) -> bool:
        if self._sem.locked():
            return False
        await self._sem.acquire()  # immediate: a slot is free
        return True

    def give_back(self) -> None:
        self._sem.release()


def outcome(check: Check, status: Status, reason: Reason, started: float, ctx: ProbeContext, **detail: Any) -> Outcome:
    elapsed = (ctx.clock() - started) * 1000.0
    return Outcome(
        check=check,
        status=status,
        reason=reason,
        duration_ms=round(elapsed, 1),
        detail={k: v for k, v in detail.items() if v is not None},
    )


def failed(check: Check, reason: Reason, started: float, ctx: ProbeContext, **detail: Any) -> Outcome:
    """Failure of a required check is FAIL; of an optional one, WARN."""
    return outcome(check, Status.FAIL if check.required else Status.WARN, reason, started, ctx, **detail)


def in_daemon_thread(fn: Callable[[], T]) -> Awaitable[T]:
    """Run blocking `fn` (getaddrinfo) in a daemon thread. asyncio's default executor is joined at
    exit, so a getaddrinfo stuck on a dead resolver would hold the process past its deadline."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[T] = loop.create_future()

    def work() -> None:
        try:
            result: Any = fn()
        except BaseException as exc:  # handed to the awaiting task, never lost
            _hand_over(loop, fut, None, exc)
        else:
            _hand_over(loop, fut, result, None)

    threading.Thread(target=work, daemon=True, name="netcheck-resolve").start()
    return fut


class DaemonExecutor(concurrent.futures.ThreadPoolExecutor):
    """The loop's default executor during a run. Libraries block in it (httpx resolves names through
    loop.getaddrinfo); asyncio.run() joins its default executor at exit, so one getaddrinfo stuck on a
    dead resolver (glibc: 2 x 5 s) would hold the process past its deadline. Here each call gets a
    daemon thread and shutdown does not wait. Calls are bounded by the engine's concurrency limit."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[T]:
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()

        def work() -> None:
            if not fut.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to the awaiting task, never lost
                fut.set_exception(exc)
            else:
                fut.set_result(result)

        threading.Thread(target=work, daemon=True, name="netcheck-blocking").start()
        return fut

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass  # nothing to join: the threads are daemons and their callers are gone


def _hand_over(
    loop: asyncio.AbstractEventLoop, fut: asyncio.Future[Any], result: Any, exc: BaseException | None
) -> None:
    try:
        loop.call_soon_threadsafe(_settle, fut, result, exc)
    except RuntimeError:
        pass  # the run ended (deadline, Ctrl-C) and its loop is closed: nobody waits for this answer


def _settle(fut: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if fut.done():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


Detail = Mapping[str, Any]
