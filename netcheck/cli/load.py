"""Loading the host lists for every command: a bad file is reported once, the same way, with exit 3."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from netcheck.cli.exitcodes import EXIT_CONFIG
from netcheck.model import HostList


def load_hosts(files: tuple[Path, ...], regions: tuple[str, ...]) -> HostList:
    """The bundled list unless --hosts names files; only the --region gateways when given."""
    from netcheck import hostlist
    from netcheck.errors import ConfigError

    try:
        return hostlist.select_regions(hostlist.load(list(files) or None), regions)
    except ConfigError as exc:
        fail(str(exc))


def fail(message: str, code: int = EXIT_CONFIG) -> NoReturn:
    """One error line on stderr, then the exit code (3: configuration, unless told otherwise)."""
    click.echo(f"netcheck: error: {message}", err=True)
    sys.exit(code)
