"""`netcheck api`: probe the TWS API ports alone; output and exit codes as `netcheck run`."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence

import click

from netcheck.api.targets import Running
from netcheck.messages.clihelp import lang_option, tr_of
from netcheck.model import Finding, Outcome, Report

FORMATS = ("terminal", "json", "junit", "nagios", "prometheus", "markdown")  # kept equal to run's by a test


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
    from netcheck.reporters import REGISTRY, RenderOptions
    from netcheck.runner import exit_code

    report = asyncio.run(api_report(targets, client_id, timeout))
    tr = tr_of(click.get_current_context())
    color = fmt == "terminal" and sys.stdout.isatty()
    click.echo(REGISTRY[fmt](report, RenderOptions(color=color, verbose=verbose, tr=tr)), nl=False)
    sys.exit(exit_code(report, fmt))


async def api_report(
    user: Sequence[tuple[str, int]], client_id: int | None, timeout: float, running: Sequence[Running] | None = None
) -> Report:
    """Probe every API target concurrently and diagnose them with the API rules alone."""
    from netcheck import __version__
    from netcheck.api import targets
    from netcheck.api.probe import probe
    from netcheck.diagnose import overall
    from netcheck.engine import now_iso
    from netcheck.probes.base import ProbeContext

    started_wall, started = now_iso(), time.monotonic()
    apps = targets.discover() if running is None else running
    checks = targets.checks(apps, user, client_id, required=True)
    ctx = ProbeContext(timeout=timeout)
    outcomes = tuple(await asyncio.gather(*(probe(c, ctx) for c in checks)))
    findings = diagnose_api(outcomes)
    return Report(
        started_at=started_wall,
        duration_ms=(time.monotonic() - started) * 1000,
        outcomes=outcomes,
        findings=tuple(findings),
        status=overall(findings, outcomes),
        meta={"version": __version__, "command": "api", "timeout_s": timeout},
    )


def diagnose_api(outcomes: Sequence[Outcome]) -> list[Finding]:
    from netcheck.api.rules import RULES
    from netcheck.facts import Facts
    from netcheck.rules import State, catchall

    state = State(Facts(tuple(outcomes)))
    for rule in (*RULES, *catchall.RULES):
        rule(state)
    return sorted(state.findings, key=lambda f: -f.severity.rank)
