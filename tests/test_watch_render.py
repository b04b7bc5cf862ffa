"""The summary document (netcheck/watch/v1) and its text: outages with times, windows, measures, thresholds."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from netcheck.messages import translator
from netcheck.schedule.load import load
from netcheck.watch import render, summary
from netcheck.watch.monitor import Watched
from netcheck.watch.stats import TargetStats
from netcheck.watch.targets import Target
from netcheck.watch.thresholds import Breach

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 12, 1, 6, 20, tzinfo=CET).timestamp()  # five minutes before Europe's reset


def _watched() -> Watched:
    s = TargetStats("zdc1.ibllc.com:4001")
    for i in range(20):
        s.probe(T0 + 60 * i, ok=i not in (2, 8, 9), rtt_ms=20.0 + i % 2, cause="timeout")
    return Watched(Target("zdc1.ibllc.com", 4001, "home-server", "europe"), s, {"loss": Breach("loss", 15.0, 1.0)})


def test_summary_document() -> None:
    doc = summary.build([_watched()], T0, T0 + 1200, 60.0, "duration", load(), CET)
    assert doc["schema"] == "netcheck/watch/v1" and doc["outages"] == 2 and not doc["interrupted"]
    t = doc["targets"][0]
    assert [(o["start"], o["duration_s"], o["ibkr_window"]) for o in t["outages"]] == [
        ("2026-12-01T06:22:00.000+01:00", 60.0, None),
        ("2026-12-01T06:28:00.000+01:00", 120.0, "Europe daily reset"),
    ]
    assert t["loss_pct"] == 15.0 and t["poor"] == [{"metric": "loss", "value": 15.0, "limit": 1.0}]
    assert abs(t["rtt_ms"]["median"] - 21) < 0.5 and t["jitter_ms"] == 0.94  # 15 steps of 1 ms, 1 of 0
    assert json.loads(render.as_json(doc)) == doc


def test_text_lists_each_outage_with_start_end_duration_and_window() -> None:
    doc = summary.build([_watched()], T0, T0 + 1200, 60.0, "SIGINT", load(), CET)
    out = render.text(doc, translator())
    assert "zdc1.ibllc.com:4001 (your account's server): 20 probes, 2 outages" in out
    assert "outage 06:22:00 to 06:23:00, 60 s (timeout)" in out
    assert "outage 06:28:00 to 06:30:00, 2 min 0 s (timeout); inside IBKR's published Europe daily reset window" in out
    assert "poor link: loss 15.0 % > 1 %" in out
    german = render.text(doc, translator("de"))
    assert "Ausfall" in german or "Unterbrechung" in german


def test_live_line_and_event_lines() -> None:
    w, tr = _watched(), translator()
    assert render.live(w.target, w.stats, tr).startswith("zdc1.ibllc.com:4001  up  RTT 21.0 ms  loss 15.0 %  ")
    down = TargetStats("x")
    down.probe(T0, False, cause="refused")
    assert (
        render.event("down", w.target, down, T0, CET, tr) == "2026-12-01 06:20:00  zdc1.ibllc.com:4001  down (refused)"
    )
    assert render.event("probe", w.target, down, T0, CET, tr) is None
    assert (
        render.duration(59) == "59 s" and render.duration(150) == "2 min 30 s" and render.duration(7300) == "2 h 1 min"
    )
