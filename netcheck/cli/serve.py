"""`netcheck serve`: options as in `netcheck run`, plus where to listen and how often; logs go to stderr."""

from __future__ import annotations

import asyncio
import sys

import click

from netcheck.cli.exitcodes import EXIT_SIGINT
from netcheck.cli.load import fail, load_hosts
from netcheck.cli.options import CheckOptions, gather, history_options, probe_options, target_options


def _listen(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, int]:
    from netcheck.serve.agent import parse_listen

    try:
        return parse_listen(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("serve")
@target_options
@click.option(
    "--listen",
    default="127.0.0.1:9466",
    show_default=True,
    callback=_listen,
    help="Address and port to serve /metrics, /healthz and /report on.",
)
@click.option(
    "--interval",
    type=click.FloatRange(1, 86400),
    default=300.0,
    show_default=True,
    help="Seconds from the start of one run to the start of the next.",
)
@probe_options
@history_options
@gather
def serve_cmd(checks: CheckOptions, listen: tuple[str, int], interval: float) -> None:
    """Run the checks every --interval seconds and serve the last result (Prometheus /metrics)."""
    from netcheck.cli.help import tr_of
    from netcheck.messages import label
    from netcheck.serve.agent import Agent, AgentOptions

    tr = tr_of(click.get_current_context())
    hl = load_hosts(checks.host_files, checks.region)
    run_opts = checks.run_options(deadline=min(checks.deadline, interval))
    opts = AgentOptions(
        host=listen[0], port=listen[1], interval=interval, history=checks.history, history_db=checks.history_db
    )
    try:
        sys.exit(asyncio.run(Agent(hl, run_opts, opts, tr, log=_log).main()))
    except OSError as exc:  # the port is taken or the address is not ours
        where = f"{listen[0]}:{listen[1]}"
        fail(label("serve_cannot_listen", tr, address=where, error=exc.strerror or str(exc)))
    except KeyboardInterrupt:  # Windows: no signal handlers in the loop, so Ctrl-C arrives here
        sys.exit(EXIT_SIGINT)


def _log(text: str) -> None:
    click.echo(f"netcheck serve: {text}", err=True)
