"""`netcheck api`: probe the TWS API ports alone; output and exit codes as `netcheck run`."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

import click

from netcheck.cli.exitcodes import exit_code
from netcheck.cli.help import lang_option, tr_of
from netcheck.cli.run import FORMATS


def _targets(ctx: click.Context, param: click.Parameter, value: Sequence[str]) -> tuple[tuple[str, int], ...]:
    from netcheck.api.targets import parse_target

    try:
        return tuple(parse_target(v) for v in value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("api")
@click.option(
    "--api",
    "targets",
    multiple=True,
    callback=_targets,
    metavar="HOST:PORT",
    help="The API port your trading app uses (repeatable), e.g. 127.0.0.1:7497 or [::1]:4002 or a container's.",
)
@click.option(
    "--api-client-id",
    "client_id",
    type=click.IntRange(0, 2**31 - 1),
    default=None,
    help="Also start an API session with this client id (checks error 326); disconnects at once.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="terminal",
    show_default=True,
    help="Output: a checklist for people, or a machine format.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 60),
    default=3.0,
    show_default=True,
    help="Seconds to wait for each connect and each reply.",
)
@click.option("-v", "--verbose", is_flag=True, help="List every check, including ports where nothing listens.")
@lang_option
def api_cmd(
    targets: tuple[tuple[str, int], ...], client_id: int | None, fmt: str, timeout: float, verbose: bool
) -> None:
    """Check why a trading app cannot connect to TWS / IB Gateway (the API socket)."""
    from netcheck.api.report import api_report
    from netcheck.reporters import REGISTRY, RenderOptions

    report = asyncio.run(api_report(targets, client_id, timeout))
    tr = tr_of(click.get_current_context())
    color = fmt == "terminal" and sys.stdout.isatty()
    click.echo(REGISTRY[fmt](report, RenderOptions(color=color, verbose=verbose, tr=tr)), nl=False)
    sys.exit(exit_code(report, fmt))
