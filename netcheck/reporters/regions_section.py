"""Terminal section: the account's server and the per-region gateway table (from the Diagnosis)."""

from __future__ import annotations

from netcheck.messages import label
from netcheck.messages.local import REGION_NAMES
from netcheck.report_model import RegionRow, Report
from netcheck.reporters.base import RenderOptions


def lines(report: Report, opts: RenderOptions) -> list[str]:
    home, rows = report.diagnosis.home, report.diagnosis.regions
    out: list[str] = []
    if home:
        region = region_name(home.region, opts) or "?"
        out.append("  " + label("home_server", opts.tr, server=home.host, region=region, jts_ini=home.source))
    if rows:
        out.append("  " + label("regions", opts.tr))
        out += ["    " + _row(r, opts) for r in rows]
    return [*out, ""] if out else []


def _row(r: RegionRow, opts: RenderOptions) -> str:
    ms = r.median_connect_ms
    median = f"{ms:.0f} ms" if ms is not None else label("no_connect", opts.tr)
    text = label(
        "region_row",
        opts.tr,
        region=region_name(r.region, opts),
        reachable=r.reachable,
        gateways=r.gateways,
        median=median,
    )
    return f"{text}  ← {label('home_marker', opts.tr)}" if r.home else text


def region_name(slug: str, opts: RenderOptions) -> str:
    return opts.tr.gettext(REGION_NAMES[slug]) if slug in REGION_NAMES else slug
