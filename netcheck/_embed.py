"""The two conveniences of the public API (netcheck.check, netcheck.render) over the runner and reporters."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from netcheck import hostlist
from netcheck.messages import translator
from netcheck.report_model import Report
from netcheck.reporters import REGISTRY, RenderOptions
from netcheck.runner import RunOptions, run


def check(paths: Sequence[str | Path] | None = None, options: RunOptions | None = None) -> Report:
    """Load the host lists at `paths` (default: the bundled list) and run every check; blocks until done.

    Raises ConfigError for a bad host list; a network that fails is reported in the Report, not raised."""
    host_list = hostlist.load([Path(p) for p in paths] if paths else None)
    return asyncio.run(run(host_list, options or RunOptions()))


def render(report: Report, fmt: str = "terminal", *, lang: str | None = None, verbose: bool = False) -> str:
    """The report as the CLI would print it with --format `fmt`, in `lang` (default English)."""
    if fmt not in REGISTRY:
        raise ValueError(f"unknown format {fmt!r}; one of: {', '.join(REGISTRY)}")
    return REGISTRY[fmt](report, RenderOptions(verbose=verbose, tr=translator(lang)))
