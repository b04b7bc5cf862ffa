"""`netcheck bundle -o FILE.zip`: run the checks (or take the last recorded run) and write a support bundle."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from netcheck.cli_options import history_options, probe_options, target_options
from netcheck.messages import Translator, label

EXIT_CONFIG = 3


@click.command("bundle")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Zip file to write (e.g. netcheck-support.zip).",
)
@click.option("--from-last", is_flag=True, help="Use the last recorded run instead of running the checks now.")
@target_options
@probe_options
@history_options
def bundle_cmd(
    output: Path,
    from_last: bool,
    host_files: tuple[Path, ...],
    region: tuple[str, ...],
    timeout: float,
    deadline: float,
    public_dns: tuple[str, ...],
    ca_bundle: str | None,
    no_local: bool,
    history: bool,
    history_db: Path | None,
) -> None:
    """Write a zip for IBKR support or IT: reports, recent history, OS, host lists, proxy settings."""
    from netcheck import bundle

    if from_last:
        doc, md, sources = _last_run(history_db)
    else:
        run = _FreshRun(host_files, region, timeout, deadline, public_dns, ca_bundle, no_local, history, history_db)
        doc, md, sources = _fresh_run(run)
    files = bundle.collect(doc, md, _recent(history_db), sources, os.environ)
    tr = _tr()
    try:
        bundle.write(output, bundle.build_zip(files))
    except OSError as exc:
        error = label("bundle_cannot_write", tr, path=str(output), error=exc.strerror or str(exc))
        click.echo(f"netcheck: error: {error}", err=True)
        sys.exit(EXIT_CONFIG)
    n = len(doc.get("findings", []))
    click.echo(label("bundle_written", tr, path=str(output), status=doc.get("status"), findings=n, files=len(files)))


def _tr() -> Translator:
    from netcheck.messages.clihelp import tr_of

    return tr_of(click.get_current_context(silent=True))


@dataclass(frozen=True)
class _FreshRun:
    host_files: tuple[Path, ...]
    region: tuple[str, ...]
    timeout: float
    deadline: float
    public_dns: tuple[str, ...]
    ca_bundle: str | None
    no_local: bool
    history: bool
    history_db: Path | None


def _fresh_run(run: _FreshRun) -> tuple[dict[str, Any], str, list[str]]:
    from netcheck.cli import _execute, _load_hosts
    from netcheck.reporters import REGISTRY, RenderOptions
    from netcheck.reporters.json import to_dict
    from netcheck.runner import RunOptions

    hl = _load_hosts(run.host_files, run.region)
    opts = RunOptions(
        timeout=run.timeout,
        deadline=run.deadline,
        public_dns=run.public_dns or None,
        ca_bundle=run.ca_bundle,
        local=not run.no_local,
        user_regions=run.region,
    )
    report = _execute(hl, opts, live=False)
    if run.history:
        from netcheck.history.hook import record_report

        warning = record_report(report, run.history_db)
        if warning:
            click.echo(warning, err=True)
    return to_dict(report, RenderOptions()), REGISTRY["markdown"](report, RenderOptions()), list(hl.sources)


def _last_run(history_db: Path | None) -> tuple[dict[str, Any], str, list[str]]:
    from netcheck import bundle

    runs = _recent(history_db, 1)
    if not runs:
        click.echo(f"netcheck: error: {label('bundle_no_run', _tr())}", err=True)
        sys.exit(EXIT_CONFIG)
    doc = {k: v for k, v in runs[0].items() if k != "history_id"}
    return doc, bundle.markdown_from_json(doc), list(doc.get("meta", {}).get("host_lists", []))


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
