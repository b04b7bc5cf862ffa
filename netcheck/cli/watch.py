"""`netcheck watch`: parse options, pick targets, run the monitor until --duration or a signal, print and record."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from netcheck.cli.exitcodes import EXIT_FAIL, EXIT_OK, EXIT_SIGNAL
from netcheck.cli.help import lang_option, tr_of
from netcheck.cli.load import fail, load_hosts
from netcheck.cli.options import history_options
from netcheck.cli.schedule import choose, schedule_option
from netcheck.messages import Translator
from netcheck.schedule.model import Schedule
from netcheck.watch import render, summary, texts
from netcheck.watch.monitor import Clock, Watched, monitor, tcp_connect
from netcheck.watch.record import Recorder
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target, parse

EXIT_OUTAGE = EXIT_FAIL  # at least one outage: the same "not fine" as a failed run


def _targets(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Target, ...]:
    try:
        return tuple(parse(v) for v in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    from netcheck.history.queries import parse_window

    if value is None:
        return None
    try:
        seconds = float(value) if value.replace(".", "", 1).isdigit() else parse_window(value).total_seconds()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if seconds <= 0:
        raise click.BadParameter("must be more than 0 seconds")
    return seconds


@click.command("watch")
@click.option(
    "--duration", callback=_duration, help="Stop after this long: seconds, or 90m, 24h, 7d (default: Ctrl-C)."
)
@click.option("--interval", type=click.FloatRange(0.1, 3600), default=5.0, show_default=True,
              help="Seconds between connection attempts.")  # fmt: skip
@click.option("--target", "targets", multiple=True, callback=_targets,
              help="HOST:PORT to watch (repeatable). Default: your account's server, else the nearest gateway on 4001, "
                   "plus the API port of a running TWS / IB Gateway.")  # fmt: skip
@click.option("--hosts", "host_files", multiple=True, type=click.Path(path_type=Path, readable=False),
              help="Host-list TOML file used to find the nearest gateway (repeatable).")  # fmt: skip
@click.option("--tws-dir", "tws_dirs", multiple=True, type=click.Path(file_okay=False), envvar="NETCHECK_TWS_DIR",
              help="TWS / IB Gateway folder whose jts.ini names your server (env NETCHECK_TWS_DIR).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Summary as text for people or as JSON (schema netcheck/watch/v1).")  # fmt: skip
@history_options
@schedule_option
@lang_option
def watch_cmd(duration: float | None, interval: float, targets: tuple[Target, ...], host_files: tuple[Path, ...],
              tws_dirs: tuple[str, ...], fmt: str, history: bool, history_db: Path | None,
              schedule_file: Path | None) -> None:  # fmt: skip
    """Watch the connection to IBKR for drops until Ctrl-C or --duration; summarise outages."""
    tr = tr_of(click.get_current_context())
    schedule, now = choose(schedule_file)
    chosen = _targets_with_regions(list(targets), host_files, tws_dirs)
    if not chosen:
        fail(tr.gettext(texts.NO_TARGET))
    offset = (now.timestamp() - time.time()) if now else 0.0  # NETCHECK_NOW shifts the wall clock (testing aid)
    tz = (now or datetime.now().astimezone()).tzinfo
    recorder = Recorder(history_db, schedule, tz) if history else None
    doc = asyncio.run(_watch(chosen, interval, duration, schedule, offset, tz, tr, recorder))
    click.echo(render.as_json(doc) if fmt == "json" else render.text(doc, tr), nl=False)
    warning = recorder.finish(doc) if recorder else ""  # after the output: history trouble must not cost it
    if warning:
        click.echo(warning, err=True)
    sys.exit(EXIT_SIGNAL.get(doc["stop_reason"], EXIT_OUTAGE if doc["outages"] else EXIT_OK))


async def _watch(targets: list[Target], interval: float, duration: float | None, schedule: Schedule,
                 offset: float, tz: Any, tr: Translator, recorder: Recorder | None) -> dict[str, Any]:  # fmt: skip
    clock = Clock(wall=lambda: time.time() + offset)
    stop, why = asyncio.Event(), {"reason": "duration"}
    installed = _signals(stop, why)
    watched = [Watched(t, TargetStats(t.name)) for t in targets]
    started = clock.wall()
    timer = asyncio.get_running_loop().call_later(duration, stop.set) if duration else None
    live = _Live(tz, tr)
    if recorder:
        recorder.begin(summary.build(watched, started, started, interval, "running", schedule, tz))

    def on_event(kind: str, target: Target, stats: TargetStats) -> None:
        live.event(kind, target, stats)
        if kind == "up" and recorder:
            recorder.ended(target, stats, clock.wall())

    try:
        await monitor(watched, interval, stop, tcp_connect, clock, on_event)
    except asyncio.CancelledError:  # Windows: Ctrl-C cancels the main task (no signal handlers there)
        why["reason"] = "SIGINT"  # the summary is still printed and recorded
    finally:
        live.clear()
        if timer:
            timer.cancel()
        for sig in installed:
            asyncio.get_running_loop().remove_signal_handler(sig)
    return summary.build(watched, started, clock.wall(), interval, why["reason"], schedule, tz)


def _signals(stop: asyncio.Event, why: dict[str, str]) -> list[signal.Signals]:
    loop, installed = asyncio.get_running_loop(), []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, _stop, stop, why, sig.name)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # Windows: Ctrl-C raises KeyboardInterrupt instead; the watch then ends without a summary
    return installed


def _stop(stop: asyncio.Event, why: dict[str, str], name: str) -> None:
    if not stop.is_set():
        why["reason"] = name
    stop.set()


class _Live:
    """One rewritten status line on a terminal (stderr); plain event lines when stderr is a pipe or file."""

    def __init__(self, tz: Any, tr: Translator) -> None:
        self.tz, self.tr, self.tty, self.shown = tz, tr, sys.stderr.isatty(), False

    def event(self, kind: str, target: Target, stats: TargetStats) -> None:
        line = render.event(kind, target, stats, stats.recent[-1].t if stats.recent else time.time(), self.tz, self.tr)
        if self.tty:
            self.clear()
            if line:
                sys.stderr.write(line + "\n")
            sys.stderr.write(render.live(target, stats, self.tr)[:200])
            self.shown = True
        elif line:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            self.shown = False


def _targets_with_regions(given: list[Target], host_files: tuple[Path, ...], tws_dirs: tuple[str, ...]) -> list[Target]:
    """--target as given, else the defaults; each with its host-list region (for labelling IBKR windows)."""
    from netcheck.tws import home as tws_home
    from netcheck.watch.targets import defaults, with_regions

    hl = load_hosts(host_files, ())
    if given:
        return with_regions(given, hl)
    home = tws_home.find(tws_dirs or tws_home.default_dirs(), hl)
    return with_regions(asyncio.run(defaults(home.host if home else None, hl)), hl)
