"""`netcheck run`: options -> load hosts -> run -> diagnose -> render -> deliver -> exit code."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import IO, Any

import click

from netcheck.cli.exitcodes import exit_code
from netcheck.cli.help import TrCommand, lang_option, tr_of
from netcheck.cli.history import read_glance
from netcheck.cli.load import fail, load_hosts
from netcheck.cli.options import CheckOptions, gather, history_options, probe_options, target_options
from netcheck.cli.schedule import choose, schedule_option
from netcheck.model import HostList
from netcheck.report_model import Report

# kept equal to reporters.REGISTRY by a test; lazily imported
FORMATS = ("terminal", "json", "junit", "nagios", "prometheus", "markdown", "html")


@click.command("run", cls=TrCommand)
@target_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="terminal",
    show_default=True,
    help="Output: a checklist for people, one HTML file for support or IT, or a machine format "
    "(JSON, JUnit, Nagios, Prometheus, Markdown).",
)
@probe_options
@click.option(
    "--local-only", is_flag=True, help="Only check this computer (TWS install, memory, API ports); no network."
)
@click.option(
    "--tws-dir",
    "tws_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    envvar="NETCHECK_TWS_DIR",
    help="TWS / IB Gateway folder (repeatable; env NETCHECK_TWS_DIR). Default: the standard folders.",
)
@click.option(
    "--tws-version-for",
    "tws_version_for",
    multiple=True,
    metavar="APP=VERSION",
    callback=lambda ctx, param, values: _app_versions(values),
    help="A program's supported TWS version (e.g. NinjaTrader=10.30), compared with the TWS installed here.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 4096),
    default=None,
    help="Probes in flight at once (default: from the open-file limit).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every passing check too.")
@click.option("--color/--no-color", default=None, help="Colour output (default: on a terminal, unless NO_COLOR).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE (atomically: readers never see half a file) instead of stdout.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stdout when every check passed.")
@schedule_option
@history_options
@lang_option
@gather
def run_cmd(
    checks: CheckOptions,
    fmt: str,
    local_only: bool,
    tws_dirs: tuple[str, ...],
    tws_version_for: tuple[tuple[str, str], ...],
    concurrency: int | None,
    verbose: bool,
    color: bool | None,
    output: Path | None,
    quiet: bool,
    schedule_file: Path | None,
) -> None:
    """Check the network TWS / IB Gateway needs and print a checklist."""
    if local_only and checks.no_local:
        raise click.UsageError("--local-only and --no-local exclude each other.")
    hl = load_hosts(checks.host_files, checks.region)
    schedule, now = choose(schedule_file)
    opts = checks.run_options(
        concurrency=concurrency or 0,
        tws_dirs=tws_dirs,
        local_only=local_only,
        tws_version_for=tws_version_for,
        schedule=schedule,
        now=now,
    )
    report = execute(hl, opts, live=fmt == "terminal" and not quiet and output is None)
    from netcheck.reporters import REGISTRY, RenderOptions

    use_color = _use_color(color) and output is None
    tr = tr_of(click.get_current_context())
    width = shutil.get_terminal_size((100, 24)).columns  # COLUMNS, else the terminal, else 100
    history = read_glance(checks.history_db) if fmt == "html" else None  # the HTML report's timeline
    text = REGISTRY[fmt](report, RenderOptions(color=use_color, verbose=verbose, tr=tr, width=width, history=history))
    _deliver(report, text, output, quiet, checks)
    sys.exit(exit_code(report, fmt))


def _deliver(report: Report, text: str, output: Path | None, quiet: bool, checks: CheckOptions) -> None:
    """Output first (what a collector waits for), then history; history trouble is only a warning."""
    try:
        emit(text, output, quiet, report.status.value == "pass", sys.stdout)
    except OSError as exc:
        fail(f"cannot write {output}: {exc}")
    if checks.history:
        record(report, checks.history_db)


def emit(text: str, output: str | os.PathLike[str] | None, quiet: bool, all_passed: bool, stdout: IO[str]) -> None:
    """--output writes the file whatever the result; --quiet keeps stdout empty when everything passed."""
    if output is not None:
        from netcheck.output import write_atomic

        write_atomic(output, text)
        return
    if quiet and all_passed:
        return
    stdout.write(text)
    stdout.flush()


def record(report: Report, history_db: Path | None) -> None:
    """None: the default database in the user data directory."""
    from netcheck.history.hook import record_report

    warning = record_report(report, history_db)
    if warning:
        click.echo(warning, err=True)


def execute(hl: HostList, opts: Any, live: bool) -> Report:
    """One run; SIGINT/SIGTERM (Ctrl-C on Windows too) end it early with the partial report (runner)."""
    import asyncio

    from netcheck.messages import label
    from netcheck.progress import Progress
    from netcheck.runner import run as run_checks

    text = label("progress", tr_of(click.get_current_context(silent=True)))
    progress = Progress.for_stream(sys.stderr, text) if live else None
    try:
        return asyncio.run(run_checks(hl, opts, progress=progress.update if progress else None))
    finally:
        if progress:
            progress.clear()


def _app_versions(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = [v.partition("=") for v in values]
    bad = [v for v, (app, eq, ver) in zip(values, pairs, strict=True) if not (app.strip() and eq and ver.strip())]
    if bad:
        raise click.BadParameter(f"{bad[0]!r}: expected APP=VERSION, e.g. NinjaTrader=10.30")
    return tuple((app.strip(), ver.strip()) for app, _, ver in pairs)


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
