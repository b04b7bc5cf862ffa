"""One run: build the probe context, execute the engine, diagnose, and assemble the Report."""

from __future__ import annotations

import asyncio
import platform as pyplatform
import signal
import ssl
import time
from dataclasses import dataclass, field, replace
from typing import Any

from netcheck import __version__
from netcheck.diagnose import diagnose, overall
from netcheck.engine import ProgressFn, default_concurrency, execute, now_iso
from netcheck.httpclient import LazyClient
from netcheck.model import HostList, Report
from netcheck.planner import machine_checks
from netcheck.probes import ProbeContext
from netcheck.probes.base import DaemonExecutor
from netcheck.regions import region_table
from netcheck.tws import home as tws_home

EXIT_SIGNAL = {"SIGINT": 130, "SIGTERM": 143}


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
    meta: dict[str, Any] = field(default_factory=dict)


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
    hl = HostList(hosts=hl.hosts, reachability=hl.reachability, public_dns=public, sources=hl.sources)
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
            machine=tuple(machine_checks(tws_dirs)) if opts.local else (),
        )
    finally:
        _remove_signals(installed)
        await _close(client)
    context = {"home_server": home.as_dict()} if home else {}
    findings = diagnose(result.outcomes, tws_home.regions_with_home(opts.user_regions, home), context)
    meta = {
        "version": __version__,
        "host_lists": list(hl.sources),
        "platform": pyplatform.platform(),
        "python": pyplatform.python_version(),
        "timeout_s": opts.timeout,
        "deadline_s": opts.deadline,
        "stop_reason": result.stop_reason,
        "home_server": home.as_dict() if home else None,
        "regions": region_table(result.outcomes, home.region if home else ""),
        **opts.meta,
    }
    return Report(
        started_at=started_wall,
        duration_ms=(time.monotonic() - started) * 1000,
        outcomes=tuple(result.outcomes),
        findings=tuple(findings),
        status=overall(findings, result.outcomes),
        interrupted=result.interrupted,
        meta=meta,
    )


def _proxies(os_name: str) -> tuple[Any, ...]:
    """The proxies this computer is set up to use (environment and OS settings; no credentials)."""
    import os

    from netcheck.platform.proxy import detect

    return detect(os.environ, os_name).proxies


def _install_signals(stop: StopEvent) -> list[signal.Signals]:
    """Ctrl-C and SIGTERM end the run early but still produce the partial report."""
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, _stop, stop, sig.name)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # Windows: KeyboardInterrupt path in cli.py
    return installed


def _remove_signals(installed: list[signal.Signals]) -> None:
    """Give the signals back when the run ends, so a long-running caller (serve) keeps its own."""
    loop = asyncio.get_running_loop()
    for sig in installed:
        loop.remove_signal_handler(sig)


def _stop(stop: StopEvent, name: str) -> None:
    stop.reason = stop.reason or name
    stop.set()


async def _close(client: Any) -> None:
    try:
        async with asyncio.timeout(1.0):
            await client.aclose()
    except Exception:
        pass  # closing a half-dead connection must not cost the report


def exit_code(report: Report, fmt: str = "") -> int:
    """The one place the exit code is decided. Under --format nagios it follows the plugin convention
    (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, also for an interrupted run), as monitoring systems expect."""
    if fmt == "nagios":
        from netcheck.reporters.nagios import state

        return state(report)
    if report.interrupted and report.meta.get("stop_reason") in EXIT_SIGNAL:
        return EXIT_SIGNAL[str(report.meta["stop_reason"])]
    return 1 if report.status.value == "fail" else 0
