"""The shared options of run, serve and bundle reach each command as one frozen CheckOptions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from netcheck.cli.options import CheckOptions, gather, history_options, probe_options, target_options


def _probe_command(seen: list[tuple[CheckOptions, bool]]) -> click.Command:
    @click.command()
    @target_options
    @click.option("--own", is_flag=True)
    @probe_options
    @history_options
    @gather
    def cmd(checks: CheckOptions, own: bool) -> None:
        seen.append((checks, own))

    return cmd


def test_one_object_with_every_shared_option(tmp_path: Path) -> None:
    seen: list[tuple[CheckOptions, bool]] = []
    args = ["--hosts", "a.toml", "--region", "Europe", "--own", "--timeout", "1.5", "--public-dns", "127.0.0.1"]
    args += ["--no-local", "--no-history", "--history-db", str(tmp_path / "h.db")]
    result = CliRunner().invoke(_probe_command(seen), args)
    assert result.exit_code == 0, result.output
    ((checks, own),) = seen
    assert own and checks == CheckOptions(
        host_files=(Path("a.toml"),),
        region=("Europe",),
        timeout=1.5,
        public_dns=("127.0.0.1",),
        no_local=True,
        history=False,
        history_db=tmp_path / "h.db",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        checks.timeout = 3  # type: ignore[misc]


def test_run_options_keep_the_meaning_of_each_flag() -> None:
    opts = CheckOptions(region=("Asia",), deadline=30, no_local=True).run_options(deadline=5.0, concurrency=8)
    assert (opts.public_dns, opts.local, opts.user_regions) == (None, False, ("Asia",))  # None: the list's resolvers
    assert (opts.deadline, opts.concurrency, opts.timeout) == (5.0, 8, 2.0)
    assert CheckOptions(public_dns=("9.9.9.9",)).run_options().public_dns == (
        "9.9.9.9",
    )  # a value only: nothing is run
