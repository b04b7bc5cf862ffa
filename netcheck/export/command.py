"""`netcheck hosts export`: turn the effective host list into rules an admin can paste."""

from __future__ import annotations

from pathlib import Path

import click

from netcheck.export import BY_NAME, REGISTRY, ExportOptions


@click.command("export")
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
    from netcheck.cli import _load_hosts

    hl = _load_hosts(host_files, region)
    addresses = None
    if resolve:
        from netcheck.export.resolve import resolve as lookup_all

        addresses = lookup_all(hl)
    if resolve and fmt in BY_NAME:
        from netcheck.messages import label
        from netcheck.messages.clihelp import tr_of

        note = label("export_keeps_names", tr_of(click.get_current_context()), format=fmt)
        click.echo(f"netcheck: note: {note}", err=True)
    click.echo(REGISTRY[fmt](hl, ExportOptions(addresses=addresses, ipv6=ipv6)), nl=False)
