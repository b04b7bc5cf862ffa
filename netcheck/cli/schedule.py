"""The schedule's command-line surface: --schedule FILE / NETCHECK_SCHEDULE, and the NETCHECK_NOW testing clock."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from netcheck.cli.load import fail
from netcheck.errors import ConfigError
from netcheck.schedule.load import ENV_VAR, load
from netcheck.schedule.model import Schedule

F = TypeVar("F", bound=Callable[..., Any])
NOW_VAR = "NETCHECK_NOW"  # testing aid: run as if the clock showed this ISO 8601 time (with offset)
SCHEDULE_HELP = "IBKR maintenance schedule TOML replacing the bundled one (env NETCHECK_SCHEDULE)."


def schedule_option(f: F) -> F:
    return click.option("--schedule", "schedule_file", type=click.Path(dir_okay=False, path_type=Path),
                        envvar=ENV_VAR, help=SCHEDULE_HELP)(f)  # fmt: skip


def now_from_env(environ: Mapping[str, str]) -> datetime | None:
    text = environ.get(NOW_VAR, "").strip()
    if not text:
        return None
    try:
        now = datetime.fromisoformat(text)
    except ValueError:
        now = None
    if now is None or now.tzinfo is None:
        raise ConfigError(NOW_VAR, f"{text!r} is not an ISO 8601 time with offset, e.g. 2026-12-01T06:40:00+01:00")
    return now


def choose(schedule_file: Path | None) -> tuple[Schedule, datetime | None]:
    """Load the schedule and the clock, or exit 3 naming file, line and key."""
    try:
        return load(schedule_file), now_from_env(os.environ)
    except ConfigError as exc:
        fail(str(exc))
