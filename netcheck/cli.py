"""Command line: parse options -> load hosts -> run -> diagnose -> render -> exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from netcheck import __version__
from netcheck.cli_options import history_options, probe_options, target_options
from netcheck.messages.clihelp import TrGroup, lang_option, tr_of

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_CONFIG = 0, 1, 2, 3
# kept equal to reporters.REGISTRY by a test; lazily imported
FORMATS = ("terminal", "json", "junit", "nagios", "prometheus", "markdown")


@click.group(cls=TrGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netcheck")
@lang_option
def main() -> None:
    """Will Interactive Brokers' TWS connect from here; if not, why, and what to do."""


@main.command()
@target_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="terminal",
    show_default=True,
    help="Output: a checklist for people, or a machine format (JSON, JUnit, Nagios, Prometheus, Markdown).",
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
@history_options
@lang_option
def run(
    host_files: tuple[Path, ...],
    region: tuple[str, ...],
    fmt: str,
    timeout: float,
    deadline: float,
    public_dns: tuple[str, ...],
    ca_bundle: str | None,
    no_local: bool,
    local_only: bool,
    tws_dirs: tuple[str, ...],
    concurrency: int | None,
    verbose: bool,
    color: bool | None,
    output: Path | None,
    quiet: bool,
    history: bool,
    history_db: Path | None,
) -> None:
    """Check the network TWS / IB Gateway needs and print a checklist."""
    if local_only and no_local:
        raise click.UsageError("--local-only and --no-local exclude each other.")
    hl = _load_hosts(host_files, region)
    from netcheck.runner import RunOptions

    opts = RunOptions(
        timeout=timeout,
        deadline=deadline,
        public_dns=public_dns or None,
        ca_bundle=ca_bundle,
        local=not no_local,
        concurrency=concurrency or 0,
        user_regions=region,
        tws_dirs=tws_dirs,
        local_only=local_only,
    )
    report = _execute(hl, opts, live=fmt == "terminal" and not quiet and output is None)
    from netcheck.reporters import REGISTRY, RenderOptions
    from netcheck.runner import exit_code

    use_color = _use_color(color) and output is None
    tr = tr_of(click.get_current_context())
    text = REGISTRY[fmt](report, RenderOptions(color=use_color, verbose=verbose, tr=tr))
    _deliver(report, text, output, quiet, history_db if history else False)
    sys.exit(exit_code(report, fmt))


def _deliver(report: Any, text: str, output: Path | None, quiet: bool, history_db: Path | None | bool) -> None:
    """Output first (what a collector waits for), then history; history trouble is only a warning."""
    from netcheck.output import emit

    try:
        emit(text, output, quiet, report.status.value == "pass", sys.stdout)
    except OSError as exc:
        click.echo(f"netcheck: error: cannot write {output}: {exc}", err=True)
        sys.exit(EXIT_CONFIG)
    if history_db is not False:
        from netcheck.history.hook import record_report

        warning = record_report(report, history_db or None)
        if warning:
            click.echo(warning, err=True)


def _execute(hl: Any, opts: Any, live: bool) -> Any:
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


def _load_hosts(files: tuple[Path, ...], regions: tuple[str, ...]) -> Any:
    from netcheck import hosts
    from netcheck.errors import ConfigError

    try:
        return hosts.select_regions(hosts.load(list(files) or None), regions)
    except ConfigError as exc:
        click.echo(f"netcheck: error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@main.group("hosts", invoke_without_command=True)
@click.option(
    "--hosts",
    "host_files",
    multiple=True,
    type=click.Path(path_type=Path, readable=False),  # the loader reports unreadable files (exit 3)
    help="Host-list TOML file (repeatable); replaces the bundled TWS list.",
)
@click.option("--region", multiple=True, help="Only list the gateways of this region (repeatable).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@lang_option
@click.pass_context
def hosts_cmd(ctx: click.Context, host_files: tuple[Path, ...], region: tuple[str, ...], fmt: str) -> None:
    """Print the effective host list (`netcheck hosts export` writes it as firewall rules)."""
    if ctx.invoked_subcommand:
        return  # the subcommand (export) loads the list itself, with its own options
    hl = _load_hosts(host_files, region)
    from netcheck.hostlist_view import render_hosts

    click.echo(render_hosts(hl, fmt, tr_of(ctx)), nl=False)


@main.command()
@click.argument("topic", required=False)
@click.option("--list", "list_topics", is_flag=True, help="List the topics and exit.")
@lang_option
def guide(topic: str | None, list_topics: bool) -> None:
    """Troubleshoot IBKR login problems step by step (offline)."""
    from netcheck.guide import command

    sys.exit(command.run(topic, list_topics, tr_of(click.get_current_context())))


def _window(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from netcheck.history.queries import parse_window

    try:
        parse_window(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@main.command("history")
@click.option(
    "--since",
    default="24h",
    show_default=True,
    callback=_window,
    help="Window for per-check availability, e.g. 90m, 24h, 7d, 2w.",
)
@click.option("--limit", type=click.IntRange(1, 10000), default=10, show_default=True, help="Runs to list.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option(
    "--history-db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NETCHECK_HISTORY_DB",
    help="History database file (default: history.sqlite3 in the user data directory; env NETCHECK_HISTORY_DB).",
)
@lang_option
def history_cmd(since: str, limit: int, fmt: str, history_db: Path | None) -> None:
    """Show the last runs, per-check availability and what changed since the last good run."""
    from netcheck.history.command import run as history_run

    code, out, err = history_run(history_db, since, limit, fmt, tr_of(click.get_current_context()))
    click.echo(out, nl=False)
    click.echo(err, err=True, nl=False)
    sys.exit(code)


def _register_extensions() -> None:
    """Commands that live in their own modules (agent mode, support bundle, allow-list export)."""
    from netcheck.bundle_command import bundle_cmd
    from netcheck.export.command import export_cmd
    from netcheck.schedule.cli import extend_run
    from netcheck.serve.command import serve_cmd
    from netcheck.watch.command import watch_cmd

    hosts_cmd.add_command(export_cmd)
    main.add_command(serve_cmd)
    main.add_command(bundle_cmd)
    extend_run(run)
    main.add_command(watch_cmd)


_register_extensions()

if __name__ == "__main__":
    main()
