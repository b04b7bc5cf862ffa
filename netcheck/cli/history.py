"""`netcheck history`: open the store, ask the three questions, render, print; a broken store is exit 3."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netcheck.cli.exitcodes import EXIT_CONFIG, EXIT_OK
from netcheck.cli.help import TrCommand, lang_option, tr_of
from netcheck.messages import Translator, label

if TYPE_CHECKING:
    from netcheck.history.glance_text import Glance


def _window(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from netcheck.history.queries import parse_window

    try:
        parse_window(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@click.command("history", cls=TrCommand)
@click.option(
    "--since",
    default="24h",
    show_default=True,
    callback=_window,
    help="Window for per-check availability, e.g. 90m, 24h, 7d, 2w.",
)
@click.option("--limit", type=click.IntRange(1, 10000), default=10, show_default=True, help="Runs to list.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option(
    "--history-db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NETCHECK_HISTORY_DB",
    help="History database file (default: history.sqlite3 in the user data directory; env NETCHECK_HISTORY_DB).",
)
@click.option("--checks", "per_check", is_flag=True, help="List the availability of every check, address by address.")
@lang_option
def history_cmd(since: str, limit: int, fmt: str, history_db: Path | None, per_check: bool) -> None:
    """Show the last runs, each server's availability with its outages, and what changed since the last good run."""
    view = View(
        per_check, sys.stdout.isatty() and "NO_COLOR" not in os.environ, shutil.get_terminal_size((100, 24)).columns
    )
    code, out, err = run(history_db, since, limit, fmt, tr_of(click.get_current_context()), view=view)
    click.echo(out, nl=False)
    click.echo(err, err=True, nl=False)
    sys.exit(code)


@dataclass(frozen=True)
class View:
    """How the text is shown: the per-check table instead of the glance, colour, terminal width, time zone."""

    per_check: bool = False
    color: bool = False
    width: int = 100
    tz: tzinfo | None = None  # None: this computer's local time


def run(
    path: str | os.PathLike[str] | None,
    since: str,
    limit: int,
    fmt: str,
    tr: Translator,
    now: datetime | None = None,
    view: View = View(),
) -> tuple[int, str, str]:
    """(exit code, stdout text, stderr text). A missing database is not an error: nothing was recorded yet."""
    from netcheck.history import glance_text as glance
    from netcheck.history.queries import (
        Changes,
        availability,
        changes_since_good,
        parse_window,
        recent_outages,
        recent_runs,
    )
    from netcheck.history.render import render_json, render_text, watch_lines
    from netcheck.history.store import default_path, open_store

    window = parse_window(since)  # validated by the CLI callback already
    db = os.fspath(path or default_path())
    if not os.path.exists(db):  # nothing recorded yet is not an error, and asking must not create the file
        if fmt == "json":
            return EXIT_OK, render_json([], since, 0, [], Changes(None, None)), ""
        return EXIT_OK, label("history_empty", tr, path=db) + "\n", ""
    try:
        with open_store(db) as store:
            runs = recent_runs(store, limit)
            end = now or datetime.now(UTC)
            n_runs, avail = availability(store, end - window)
            changes = changes_since_good(store)
            seen = glance.read(store, limit, since, (end - window, end), changes)
            watched = recent_outages(store, limit)
    except (sqlite3.Error, OSError) as exc:
        return EXIT_CONFIG, "", f"netcheck: error: {db}: {exc}\n"
    if fmt == "json":
        return EXIT_OK, render_json(runs, since, n_runs, avail, changes, glance.as_json(seen), watched), ""
    if view.per_check:
        return EXIT_OK, render_text(runs, since, n_runs, avail, changes, tr, watched), ""
    text = glance.render(replace(seen, tz=view.tz), tr, view.color, view.width)
    return EXIT_OK, text + "".join(line + "\n" for line in watch_lines(watched, tr)), ""


def read_glance(path: str | os.PathLike[str] | None, since: str = "24h") -> Glance | None:
    """The glance of the recorded history for the HTML report; None when there is none or it is unreadable."""
    from netcheck.history import glance_text
    from netcheck.history.queries import changes_since_good, parse_window
    from netcheck.history.store import default_path, open_store

    db = os.fspath(path or default_path())
    if not os.path.exists(db):  # reading must not create the database
        return None
    end = datetime.now(UTC)
    try:
        with open_store(db) as store:
            return glance_text.read(store, 10, since, (end - parse_window(since), end), changes_since_good(store))
    except (sqlite3.Error, OSError):
        return None
