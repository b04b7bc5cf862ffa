"""`netcheck serve`: the click command; options as in `netcheck run`, plus where to listen and how often."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from netcheck.cli_options import history_options, probe_options, target_options
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
def serve_cmd(
    host_files: tuple[Path, ...],
    region: tuple[str, ...],
    listen: tuple[str, int],
    interval: float,
    web_config: Path | None,
    timeout: float,
    deadline: float,
    public_dns: tuple[str, ...],
    ca_bundle: str | None,
    no_local: bool,
    history: bool,
    history_db: Path | None,
) -> None:
    """Run the checks every --interval seconds and serve the last result (Prometheus /metrics)."""
    from netcheck.cli import _load_hosts
    from netcheck.messages import label
    from netcheck.messages.clihelp import tr_of
    from netcheck.runner import RunOptions
    from netcheck.serve.agent import Agent, AgentOptions

    tr = tr_of(click.get_current_context())
    hl = _load_hosts(host_files, region)
    run_opts = RunOptions(
        timeout=timeout,
        deadline=min(deadline, interval),
        public_dns=public_dns or None,
        ca_bundle=ca_bundle,
        local=not no_local,
        user_regions=region,
    )
    web = _web_config(web_config, listen[0])
    opts = AgentOptions(
        host=listen[0],
        port=listen[1],
        interval=interval,
        history=history,
        history_db=str(history_db) if history_db else None,
        web=web,
    )
    try:
        sys.exit(asyncio.run(Agent(hl, run_opts, opts, tr).main()))
    except OSError as exc:  # the port is taken or the address is not ours
        where = f"{listen[0]}:{listen[1]}"
        msg = label("serve_cannot_listen", tr, address=where, error=exc.strerror or str(exc))
        click.echo(f"netcheck: error: {msg}", err=True)
        sys.exit(3)
    except KeyboardInterrupt:
        sys.exit(130)


def _web_config(path: Path | None, host: str) -> WebConfig | None:
    """Load --web-config (exit 3 on a bad file); warn when a non-loopback address serves without one."""
    import ipaddress

    from netcheck.errors import ConfigError
    from netcheck.serve.webconfig import load, server_context

    if path is None:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
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
        click.echo(f"netcheck: error: {exc}", err=True)
        sys.exit(3)
