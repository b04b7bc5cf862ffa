"""The agent's loop: one run at a time on a fixed interval, each result swapped into the cache."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netcheck.messages import Translator, label, translator
from netcheck.model import HostList
from netcheck.serve import http
from netcheck.serve.auth import Authenticator
from netcheck.serve.cache import Snapshot, build
from netcheck.serve.webconfig import WebConfig, server_context

SIGNALS = ("SIGINT", "SIGTERM")


@dataclass(frozen=True)
class AgentOptions:
    host: str = "127.0.0.1"
    port: int = 9466
    interval: float = 300.0
    history: bool = True
    history_db: str | os.PathLike[str] | None = None
    web: WebConfig | None = None  # --web-config: TLS and basic auth, as Prometheus exporters do


class Agent:
    """Owns the one mutable thing, the current Snapshot; requests only read it."""

    def __init__(
        self,
        hl: HostList,
        run_opts: Any,
        opts: AgentOptions,
        tr: Translator | None = None,
        log: Callable[[str], None] = lambda _text: None,
    ) -> None:
        """`log` shows one progress line (netcheck.cli.serve writes it to stderr)."""
        self.hl, self.run_opts, self.opts, self.log = hl, run_opts, opts, log
        self.tr = tr or translator()
        self.snapshot = Snapshot()
        self.stop = asyncio.Event()
        self._recording: asyncio.Future[None] | None = None

    async def main(self) -> int:
        self._install_signals()
        web = self.opts.web or WebConfig()
        allows = Authenticator(web.users).allows
        handle = http.handler(lambda: self.snapshot, self.opts.interval, self.run_opts.deadline, allows)
        tls = server_context(web.tls) if web.tls else None
        server = await http.start(self.opts.host, self.opts.port, handle, tls)
        addr = server.sockets[0].getsockname()
        self.log(self._listening(_hostport(addr[0], addr[1]), web))
        async with server:
            await self._loop()
        return 0

    def _listening(self, address: str, web: WebConfig) -> str:
        if not web.tls:
            return label("serve_listening", self.tr, address=address)
        auth = label("serve_auth_basic", self.tr) if web.auth_required else ""
        return label("serve_listening_tls", self.tr, address=address, auth=auth)

    async def _loop(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            await self._run_once()
            wait = max(0.0, self.opts.interval - (time.monotonic() - started))
            try:
                await asyncio.wait_for(self.stop.wait(), wait)
            except TimeoutError:
                pass

    async def _run_once(self) -> None:
        from netcheck.runner import run as run_checks

        report = await run_checks(self.hl, self.run_opts)
        self._install_signals()  # each run installs its own handlers (to cut the run short); take them back
        if report.meta.get("stop_reason") in SIGNALS:
            self.stop.set()
            if self.snapshot.ready:
                return  # keep the last complete result rather than a run cut short on the way out
        self.snapshot = build(report, time.monotonic(), self.snapshot.runs + 1)
        n, secs = len(report.findings), report.duration_ms / 1000
        self.log(
            label(
                "serve_run_done", self.tr, runs=self.snapshot.runs, status=report.status.value, findings=n, seconds=secs
            )
        )
        if self.opts.history:
            self._record_in_background(report)

    def _record_in_background(self, report: Any) -> None:
        """History never holds up serving or stopping: a locked database can block its thread for the
        busy timeout (30 s), so the write runs beside the loop (a daemon thread), and while one write
        is still waiting the next run's record is skipped rather than piled up behind it."""
        if self._recording and not self._recording.done():
            self.log(label("serve_history_busy", self.tr))
            return
        self._recording = asyncio.ensure_future(asyncio.to_thread(self._record, report))

    def _record(self, report: Any) -> None:
        from netcheck.history.hook import record_report

        warning = record_report(report, self.opts.history_db)
        if warning:
            self.log(warning)

    def _install_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for name in SIGNALS:
            try:
                loop.add_signal_handler(getattr(signal, name), self.stop.set)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # Windows: Ctrl-C raises KeyboardInterrupt in asyncio.run (netcheck.cli.serve: exit 130)


def _hostport(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_listen(value: str) -> tuple[str, int]:
    """'127.0.0.1:9466', '[::1]:9466' or ':9466' (all addresses: say so explicitly with 0.0.0.0)."""
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"{value!r} is not HOST:PORT (e.g. 127.0.0.1:9466 or [::1]:9466)")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not host:
        raise ValueError(f"{value!r} has no address; write 127.0.0.1:{port}, or 0.0.0.0:{port} to listen everywhere")
    return host, int(port)
