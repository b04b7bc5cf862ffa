"""The terminal header names the next window for the home region (computed once into the report's meta)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netcheck.messages import translator
from netcheck.reporters.base import RenderOptions
from netcheck.reporters.terminal import render
from netcheck.schedule.header import next_window
from netcheck.schedule.load import load
from tests.helpers import healthy, report


def test_header_line_for_the_home_region() -> None:
    nxt = next_window(load(), "europe", datetime.fromisoformat("2026-12-01T09:00:00+01:00"))
    assert nxt is not None and nxt["window"] == "reset-europe" and nxt["start_local"] == "Wed 06:25 UTC+01:00"
    rep = report(healthy())
    rep = replace(rep, meta={**rep.meta, "ibkr_schedule": nxt})
    text = render(rep, RenderOptions(tr=translator()))
    assert text.splitlines()[2] == "Next IBKR maintenance window for europe: Europe daily reset, " \
        "Wed 06:25 UTC+01:00 to Wed 07:45 UTC+01:00"  # fmt: skip
    assert "Nächstes IBKR-Wartungsfenster für europe" in render(rep, RenderOptions(tr=translator("de")))


def test_no_home_region_no_header() -> None:
    assert next_window(load(), "", datetime.fromisoformat("2026-12-01T09:00:00+01:00")) is None
    assert "maintenance window" not in render(report(healthy()), RenderOptions(tr=translator()))
