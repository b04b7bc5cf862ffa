"""`netcheck bundle -o FILE.zip`: run the checks (or take the last recorded run) and write a support bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

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
@click.option(
    "--hosts",
    "host_files",
    multiple=True,
    type=click.Path(path_type=Path, readable=False),
    help="Host-list TOML file (repeatable); replaces the bundled TWS list.",
)
@click.option("--region", multiple=True, help="Only test the gateways of this region (repeatable).")
@click.option(
    "--timeout",
    type=click.FloatRange(0.05, 60),
    default=2.0,
    show_default=True,
    help="Seconds each connect or query may take.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(0.5, 600),
    default=20.0,
    show_default=True,
    help="Seconds the whole run may take.",
)
@click.option("--public-dns", multiple=True, help="Independent resolver IP for the DNS cross-check (repeatable).")
@click.option("--no-local", is_flag=True, help="Skip the checks of this computer's interfaces and routes.")
@click.option("--history/--no-history", default=True, show_default=True, help="Record this run in the history.")
@click.option("--history-db", type=click.Path(dir_okay=False), help="History database file.")
def bundle_cmd(
    output: Path,
    from_last: bool,
    host_files: tuple[Path, ...],
    region: tuple[str, ...],
    timeout: float,
    deadline: float,
    public_dns: tuple[str, ...],
    no_local: bool,
    history: bool,
    history_db: str | None,
) -> None:
    """Write a zip for IBKR support or IT: reports, recent history, OS, host lists, proxy settings."""
    from netcheck import bundle

    if from_last:
        doc, md, sources = _last_run(history_db)
    else:
        doc, md, sources = _fresh_run(host_files, region, timeout, deadline, public_dns, no_local, history, history_db)
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


def _fresh_run(
    host_files: tuple[Path, ...],
    region: tuple[str, ...],
    timeout: float,
    deadline: float,
    public_dns: tuple[str, ...],
    no_local: bool,
    history: bool,
    history_db: str | None,
) -> tuple[dict[str, Any], str, list[str]]:
    from netcheck.cli import _execute, _ip, _load_hosts
    from netcheck.reporters import REGISTRY, RenderOptions
    from netcheck.reporters.json import to_dict
    from netcheck.runner import RunOptions

    _ip(click.get_current_context(), None, public_dns)  # type: ignore[arg-type]
    hl = _load_hosts(host_files, region)
    opts = RunOptions(
        timeout=timeout, deadline=deadline, public_dns=public_dns or None, local=not no_local, user_regions=region
    )
    report = _execute(hl, opts, live=False)
    if history:
        from netcheck.history.hook import record_report

        warning = record_report(report, history_db)
        if warning:
            click.echo(warning, err=True)
    return to_dict(report, RenderOptions()), REGISTRY["markdown"](report, RenderOptions()), list(hl.sources)


def _last_run(history_db: str | None) -> tuple[dict[str, Any], str, list[str]]:
    from netcheck import bundle

    runs = _recent(history_db, 1)
    if not runs:
        click.echo(f"netcheck: error: {label('bundle_no_run', _tr())}", err=True)
        sys.exit(EXIT_CONFIG)
    doc = {k: v for k, v in runs[0].items() if k != "history_id"}
    return doc, bundle.markdown_from_json(doc), list(doc.get("meta", {}).get("host_lists", []))


def _recent(history_db: str | None, limit: int = 0) -> list[dict[str, Any]]:
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
