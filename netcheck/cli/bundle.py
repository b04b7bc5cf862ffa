"""`netcheck bundle -o FILE.zip`: run the checks (or take the last recorded run) and write a support bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from netcheck.cli.load import fail
from netcheck.cli.options import CheckOptions, gather, history_options, probe_options, target_options
from netcheck.messages import Translator, label


@click.command("bundle")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zip file to write (e.g. netcheck-support.zip).",
)
@click.option("--from-last", is_flag=True, help="Use the last recorded run instead of running the checks now.")
@click.option("--since", "time_frame", help='Since when the problem occurs, e.g. "since Monday 9:00 CET".')
@click.option(
    "--pattern",
    help='What you noticed, e.g. "after an update", "only when markets are closed", "every morning".',
)
@target_options
@probe_options
@history_options
@gather
def bundle_cmd(
    checks: CheckOptions, output: Path, from_last: bool, time_frame: str | None, pattern: str | None
) -> None:
    """Write a zip for IBKR support or IT: reports, recent history, OS, the problem's time frame and pattern."""
    from netcheck import bundle

    tr = _tr()
    time_frame, pattern = _ask(time_frame, "bundle_since", tr), _ask(pattern, "bundle_pattern", tr)
    doc, md, sources, html = _last_run(checks.history_db) if from_last else _fresh_run(checks)
    files = bundle.collect(doc, md, _recent(checks.history_db), sources, os.environ, time_frame, pattern, html)
    try:
        bundle.write(output, bundle.build_zip(files))
    except OSError as exc:
        fail(label("bundle_cannot_write", tr, path=str(output), error=exc.strerror or str(exc)))
    n = len(doc.get("findings", []))
    click.echo(label("bundle_written", tr, path=str(output), status=doc.get("status"), findings=n, files=len(files)))


def _ask(given: str | None, key: str, tr: Translator) -> str:
    """What the desk asks first; prompted on a terminal only (scripts pass the options or leave them empty)."""
    if given is not None or not sys.stdin.isatty():
        return given or ""
    return str(click.prompt(label(key, tr), default="", show_default=False))


def _tr() -> Translator:
    from netcheck.cli.help import tr_of

    return tr_of(click.get_current_context(silent=True))


def _fresh_run(checks: CheckOptions) -> tuple[dict[str, Any], str, list[str], str]:
    from netcheck.cli.history import read_glance
    from netcheck.cli.load import load_hosts
    from netcheck.cli.run import execute, record
    from netcheck.reporters import REGISTRY, RenderOptions
    from netcheck.reporters.json import to_dict

    hl = load_hosts(checks.host_files, checks.region)
    report = execute(hl, checks.run_options(), live=False)
    if checks.history:
        record(report, checks.history_db)
    html = REGISTRY["html"](report, RenderOptions(tr=_tr(), history=read_glance(checks.history_db)))
    return to_dict(report, RenderOptions()), REGISTRY["markdown"](report, RenderOptions()), list(hl.sources), html


def _last_run(history_db: Path | None) -> tuple[dict[str, Any], str, list[str], str]:
    from netcheck import bundle

    runs = _recent(history_db, 1)
    if not runs:
        fail(label("bundle_no_run", _tr()))
    doc = {k: v for k, v in runs[0].items() if k != "history_id"}
    return doc, bundle.markdown_from_json(doc), list(doc.get("meta", {}).get("host_lists", [])), ""


def _recent(history_db: Path | None, limit: int = 0) -> list[dict[str, Any]]:
    from netcheck.bundle import HISTORY_RUNS
    from netcheck.history.store import default_path, open_store

    path = Path(history_db) if history_db else default_path()
    if not path.exists():  # reading must not create the database
        return []
    try:
        with open_store(path) as store:
            return store.recent(limit or HISTORY_RUNS)
    except Exception as exc:  # noqa: BLE001 (a broken history must not cost the bundle)
        click.echo(f"netcheck: warning: history unreadable ({exc})", err=True)
        return []
