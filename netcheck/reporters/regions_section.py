"""Terminal section: the account's server and the per-region gateway table (from report.meta)."""

from __future__ import annotations

from typing import Any

from netcheck.messages import label
from netcheck.messages.local import REGION_NAMES
from netcheck.model import Report
from netcheck.reporters.base import RenderOptions


def lines(report: Report, opts: RenderOptions) -> list[str]:
    home: dict[str, Any] = dict(report.meta.get("home_server") or {})
    rows: list[dict[str, Any]] = list(report.meta.get("regions") or [])
    out: list[str] = []
    if home:
        region = _region(str(home.get("region") or ""), opts) or "?"
        out.append("  " + label("home_server", opts.tr, server=home.get("host"), region=region,
                                jts_ini=home.get("jts_ini")))
    if rows:
        out.append("  " + label("regions", opts.tr))
        out += ["    " + _row(r, opts) for r in rows]
    return [*out, ""] if out else []


def _row(r: dict[str, Any], opts: RenderOptions) -> str:
    ms = r.get("median_connect_ms")
    median = f"{ms:.0f} ms" if ms is not None else label("no_connect", opts.tr)
    text = label("region_row", opts.tr, region=_region(r["region"], opts), reachable=r["reachable"],
                 gateways=r["gateways"], median=median)
    return f"{text}  ← {label('home_marker', opts.tr)}" if r.get("home") else text


def _region(slug: str, opts: RenderOptions) -> str:
    return opts.tr.gettext(REGION_NAMES[slug]) if slug in REGION_NAMES else slug
