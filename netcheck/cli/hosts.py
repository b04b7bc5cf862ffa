"""`netcheck hosts`: print the effective host list; `netcheck hosts export`: write it as rules an admin can paste."""

from __future__ import annotations

from pathlib import Path

import click

from netcheck.cli.help import TrGroup, lang_option, tr_of
from netcheck.cli.load import load_hosts
from netcheck.export import BY_NAME, REGISTRY, ExportOptions


@click.group("hosts", cls=TrGroup, invoke_without_command=True)
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
    hl = load_hosts(host_files, region)
    from netcheck.hostlist.view import render_hosts

    click.echo(render_hosts(hl, fmt, tr_of(ctx)), nl=False)


@hosts_cmd.command("export", cls=click.Command)
@click.option(
    "--hosts",
    "host_files",
    multiple=True,
    type=click.Path(path_type=Path, readable=False),
    help="Host-list TOML file (repeatable); replaces the bundled TWS list.",
)
@click.option("--region", multiple=True, help="Only export the gateways of this region (repeatable).")
@click.option("--format", "fmt", type=click.Choice(tuple(REGISTRY)), required=True, help="Rule language to write.")
@click.option(
    "--resolve",
    is_flag=True,
    help="Look the names up now and write addresses (nft, iptables, windows-firewall); default: named sets.",
)
@click.option("--ipv6", is_flag=True, help="iptables: write ip6tables-restore rules instead of IPv4.")
def export_cmd(host_files: tuple[Path, ...], region: tuple[str, ...], fmt: str, resolve: bool, ipv6: bool) -> None:
    """Write the host list as firewall or proxy rules (csv, json, nft, iptables, windows-firewall, squid)."""
    hl = load_hosts(host_files, region)
    addresses = None
    if resolve:
        from netcheck.export.resolve import resolve as lookup_all

        addresses = lookup_all(hl)
    if resolve and fmt in BY_NAME:
        from netcheck.messages import label

        note = label("export_keeps_names", tr_of(click.get_current_context()), format=fmt)
        click.echo(f"netcheck: note: {note}", err=True)
    click.echo(REGISTRY[fmt](hl, ExportOptions(addresses=addresses, ipv6=ipv6)), nl=False)
