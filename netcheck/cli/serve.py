"""`netcheck serve`: options as in `netcheck run`, plus where to listen and how often; logs go to stderr."""

from __future__ import annotations

import asyncio
import ipaddress
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netcheck.cli.exitcodes import EXIT_SIGINT
from netcheck.cli.load import fail, load_hosts
from netcheck.cli.options import CheckOptions, gather, history_options, probe_options, target_options

if TYPE_CHECKING:
    from netcheck.serve.webconfig import WebConfig


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
@click.option(
    "--web-config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TLS and basic-auth settings (the exporter-toolkit web config file Prometheus exporters share).",
)
@probe_options
@history_options
@gather
def serve_cmd(checks: CheckOptions, listen: tuple[str, int], interval: float, web_config: Path | None) -> None:
    """Run the checks every --interval seconds and serve the last result (Prometheus /metrics)."""
    from netcheck.cli.help import tr_of
    from netcheck.messages import label
    from netcheck.serve.agent import Agent, AgentOptions

    tr = tr_of(click.get_current_context())
    hl = load_hosts(checks.host_files, checks.region)
    run_opts = checks.run_options(deadline=min(checks.deadline, interval))
    web = _web_config(web_config, listen[0])
    opts = AgentOptions(
        host=listen[0],
        port=listen[1],
        interval=interval,
        history=checks.history,
        history_db=checks.history_db,
        web=web,
    )
    try:
        sys.exit(asyncio.run(Agent(hl, run_opts, opts, tr, log=_log).main()))
    except OSError as exc:  # the port is taken or the address is not ours
        where = f"{listen[0]}:{listen[1]}"
        fail(label("serve_cannot_listen", tr, address=where, error=exc.strerror or str(exc)))
    except KeyboardInterrupt:  # Windows: no signal handlers in the loop, so Ctrl-C arrives here
        sys.exit(EXIT_SIGINT)


def _web_config(path: Path | None, host: str) -> WebConfig | None:
    """Load --web-config (exit 3 on a bad file); warn when a non-loopback address serves without one."""
    from netcheck.errors import ConfigError
    from netcheck.serve.webconfig import load, server_context

    if path is None:
        if not _is_loopback(host):
            click.echo(
                f"netcheck: warning: serving on {host} without --web-config: anyone who can reach this "
                "address reads the report; add TLS and basic auth (packaging/prometheus/web-config.yml).",
                err=True,
            )
        return None
    try:
        web = load(path)
        if web.tls:
            server_context(web.tls)  # a key that does not match its certificate fails now, not at start
        return web
    except ConfigError as exc:
        fail(str(exc))


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _log(text: str) -> None:
    click.echo(f"netcheck serve: {text}", err=True)
