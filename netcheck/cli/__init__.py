"""The command line, netcheck's only face: the click group; one module per command; the only code that
prints, prompts or exits (tests/test_architecture.py holds everything else to that)."""

from __future__ import annotations

import click

from netcheck import __version__
from netcheck.cli.api import api_cmd
from netcheck.cli.bundle import bundle_cmd
from netcheck.cli.guide import guide_cmd
from netcheck.cli.help import TrGroup, lang_option
from netcheck.cli.history import history_cmd
from netcheck.cli.hosts import hosts_cmd
from netcheck.cli.run import FORMATS, run_cmd
from netcheck.cli.serve import serve_cmd
from netcheck.cli.watch import watch_cmd

__all__ = ["FORMATS", "main"]


@click.group(cls=TrGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netcheck")
@lang_option
def main() -> None:
    """Will Interactive Brokers' TWS connect from here; if not, why, and what to do."""


for _command in (run_cmd, hosts_cmd, guide_cmd, history_cmd, serve_cmd, bundle_cmd, api_cmd, watch_cmd):
    main.add_command(_command)
