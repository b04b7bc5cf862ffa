"""One run: build the probe context, execute the engine, and hand the outcomes to netcheck.report.build."""

from __future__ import annotations

import asyncio
import platform as pyplatform
import signal
import ssl
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from netcheck.engine import ProgressFn, default_concurrency, execute, now_iso
from netcheck.httpclient import LazyClient
from netcheck.model import HostList
from netcheck.planner import machine_checks
from netcheck.probes import ProbeContext
from netcheck.probes.base import DaemonExecutor
from netcheck.report import RunFacts
from netcheck.report import build as build_report
from netcheck.report_model import Report
from netcheck.schedule.model import Clock, Schedule
from netcheck.tws import home as tws_home


@dataclass(frozen=True)
class RunOptions:
    timeout: float = 2.0
    deadline: float = 20.0
    public_dns: tuple[str, ...] | None = None  # None: the host list's resolvers
    ca_bundle: str | None = None
    local: bool = True
    concurrency: int = 0
    user_regions: tuple[str, ...] = ()
    tws_dirs: tuple[str, ...] = ()  # empty: the standard TWS folders of this OS
    local_only: bool = False
    tws_version_for: tuple[tuple[str, str], ...] = ()  # (app, TWS version the app supports)
    meta: dict[str, Any] = field(default_factory=dict)
    now: datetime | None = None  # the run's clock for the schedule rules; None: the real local time
    schedule: Schedule | None = None  # None: the bundled schedule (the CLI passes --schedule's)


class StopEvent(asyncio.Event):
    reason: str = ""


def ssl_context(ca_bundle: str | None) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_bundle or _certifi_bundle())


def _certifi_bundle() -> str:
    """certifi.where() without importing certifi (its importlib.resources costs ~15 ms): the
    bundle next to the package when it is a plain file, else certifi's own answer (zipped)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("certifi")
    if spec and spec.origin:
        path = os.path.join(os.path.dirname(spec.origin), "cacert.pem")
        if os.path.isfile(path):
            return path
    import certifi

    return certifi.where()


async def run(hl: HostList, opts: RunOptions, progress: ProgressFn | None = None) -> Report:
    started_wall, started = now_iso(), time.monotonic()
    asyncio.get_running_loop().set_default_executor(DaemonExecutor())  # exit is not held by a stuck lookup
    tws_dirs = opts.tws_dirs or tws_home.default_dirs()
    home = tws_home.find(tws_dirs, hl)  # jts.ini Peer=: the account's server is tested first
    hl = tws_home.local_only(hl) if opts.local_only else tws_home.put_first(hl, home)
    public = hl.public_dns if opts.public_dns is None else opts.public_dns
    hl = replace(hl, public_dns=public)
    sslctx = ssl_context(opts.ca_bundle)
    client = LazyClient(sslctx, opts.timeout)  # built by the first HTTP probe, not before DNS/TCP start
    ctx = ProbeContext(
        timeout=opts.timeout,
        ssl_context=sslctx,
        ca_bundle=opts.ca_bundle,
        public_dns=public,
        http_client=client,
        shared={},
    )
    ctx = replace(ctx, proxies=_proxies(ctx.platform.name))
    stop = StopEvent()
    installed = _install_signals(stop)
    try:
        result = await execute(
            hl,
            ctx,
            opts.deadline,
            opts.concurrency or default_concurrency(),
            progress=progress,
            stop=stop,
            local=opts.local,
            machine=tuple(machine_checks(tws_dirs, opts.tws_version_for) + api_checks()) if opts.local else (),
        )
    finally:
        _remove_signals(installed)
        await _close(client)
    clock, next_window = _schedule(opts, home.region if home else "")
    facts = RunFacts(
        started_at=started_wall,
        duration_ms=(time.monotonic() - started) * 1000,
        host_lists=hl.sources,
        timeout_s=opts.timeout,
        deadline_s=opts.deadline,
        user_regions=opts.user_regions,
        home=home,
        platform=pyplatform.platform(),
        python=pyplatform.python_version(),
        clock=clock,
        extra={"ibkr_schedule": next_window, **opts.meta},
    )
    return build_report(result.outcomes, result.interrupted, result.stop_reason, facts)


def api_checks() -> list[Any]:
    """Issue 15: the TWS API link in the machine section; finding running TWS sessions is a psutil scan."""
    from netcheck.api import targets

    return targets.checks(targets.discover())


def _schedule(opts: RunOptions, region: str) -> tuple[Clock, dict[str, Any] | None]:
    """The run's clock and IBKR's schedule for the diagnosis (its rules never read a clock themselves),
    and the next window for the account's region (the terminal header)."""
    from netcheck.schedule import header, session

    schedule, now = session.resolve(opts.schedule, opts.now)
    return Clock(now, schedule), header.next_window(schedule, region, now)


def _proxies(os_name: str) -> tuple[Any, ...]:
    """The proxies this computer is set up to use (environment and OS settings; no credentials)."""
    import os

    from netcheck.platform.proxy import detect

    return detect(os.environ, os_name).proxies


_LOOP = "loop"  # marks a handler the event loop holds; remove_signal_handler gives the signal back


def _install_signals(stop: StopEvent) -> list[tuple[signal.Signals, Any]]:
    """Ctrl-C and SIGTERM end the run early but still produce the partial report (the CLI exits 130 / 143).
    Returns (signal, what to restore) pairs for _remove_signals."""
    loop = asyncio.get_running_loop()
    installed: list[tuple[signal.Signals, Any]] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, _stop, stop, sig.name)
            installed.append((sig, _LOOP))
        except NotImplementedError:  # Windows: no loop signal handlers, Ctrl-C would be a bare KeyboardInterrupt
            installed += _install_plain(loop, stop, sig)
        except (RuntimeError, ValueError):
            pass  # not the main thread, or no such signal here: the caller keeps its own handling
    return installed


def _install_plain(
    loop: asyncio.AbstractEventLoop, stop: StopEvent, sig: signal.Signals
) -> list[tuple[signal.Signals, Any]]:
    """The same stop through signal.signal, so Ctrl-C on Windows ends the run like SIGINT elsewhere."""

    def handler(_signum: int, _frame: Any) -> None:
        loop.call_soon_threadsafe(_stop, stop, sig.name)  # runs between bytecodes: only schedule the stop

    try:
        return [(sig, signal.signal(sig, handler))]
    except (ValueError, OSError):  # not the main thread: KeyboardInterrupt stays the caller's
        return []


def _remove_signals(installed: list[tuple[signal.Signals, Any]]) -> None:
    """Give the signals back when the run ends, so a long-running caller (serve) keeps its own."""
    loop = asyncio.get_running_loop()
    for sig, previous in installed:
        if previous is _LOOP:
            loop.remove_signal_handler(sig)
        else:  # None: set outside Python; the default is the closest we can restore
            signal.signal(sig, signal.SIG_DFL if previous is None else previous)


def _stop(stop: StopEvent, name: str) -> None:
    stop.reason = stop.reason or name
    stop.set()


async def _close(client: Any) -> None:
    try:
        async with asyncio.timeout(1.0):
            await client.aclose()
    except Exception:
        pass  # closing a half-dead connection must not cost the report
