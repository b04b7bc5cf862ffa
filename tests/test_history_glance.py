"""History at a glance: per host:port timelines, outages as time ranges, and the screen of a day of cron runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from netcheck.cli.history import View
from netcheck.cli.history import run as history_run
from netcheck.history import fold, glance, timeline
from netcheck.messages import translator
from tests import history_day

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _rows(states: list[str], check: str = "tcp:ndc1.ibllc.com:4001@198.51.100.10"):  # type: ignore[no-untyped-def]
    status = {
        "up": ("pass", "ok"),
        "down": ("fail", "timeout"),
        "dep": ("skip", "dependency"),
        "?": ("skip", "deadline"),
    }
    return [(i, T0 + timedelta(minutes=15 * i), check, *status[s]) for i, s in enumerate(states)]


def test_one_row_per_host_port_up_when_any_address_connects() -> None:
    rows = _rows(["down", "down"]) + _rows(["up", "down"], "tcp:ndc1.ibllc.com:4001@2001:db8::10")
    (line,) = glance.timelines(sorted(rows, key=lambda r: r[0]))
    assert line.target == "ndc1.ibllc.com:4001"
    assert [s.state for s in line.samples] == ["up", "down"]


def test_outage_runs_from_the_first_failed_run_to_the_next_good_one() -> None:
    lines = glance.timelines(_rows(["up", "down", "dep", "?", "up", "down"]))
    first, ongoing = glance.outages(lines, {1: ("ports-blocked",), 2: ("dns-nxdomain", "ports-blocked")})
    assert (first.start, first.end, first.minutes) == (T0 + timedelta(minutes=15), T0 + timedelta(minutes=60), 45)
    assert first.causes == ("ports-blocked", "dns-nxdomain")
    assert ongoing.end is None and ongoing.as_dict()["ongoing"] is True


def test_the_strip_is_plain_characters_without_colour_and_coloured_with() -> None:
    samples = glance.timelines(_rows(["up", "down", "up", "up"]))[0].samples
    ratios = timeline.buckets(samples, T0, T0 + timedelta(hours=1), 2)
    assert ratios == [0.5, 1.0]
    assert timeline.strip(ratios + [None], color=False) == "▅█·"
    assert timeline.strip([0.0], color=True) == "\033[31m▁\033[0m"


def test_ports_of_one_host_with_one_history_share_a_row() -> None:
    rows = _rows(["up", "down"]) + _rows(["up", "down"], "tcp:ndc1.ibllc.com:4000@198.51.100.10")
    (line,) = fold.ports(glance.timelines(sorted(rows, key=lambda r: r[0])))
    assert line.target == "ndc1.ibllc.com:4001+4000"


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history_day.build(tmp_path_factory.mktemp("history") / "day.sqlite3")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_day_of_cron_runs_fits_one_screen_and_names_the_outage(day: Path, lang: str) -> None:
    code, out, _ = history_run(day, "24h", 10, "text", translator(lang), now=history_day.END, view=View(tz=UTC))
    lines = out.splitlines()
    assert code == 0 and len(lines) <= 30 and all(len(ln) <= 100 for ln in lines), out
    assert "08:16–08:46" in out and "ports-blocked" in out and "14:31–14:46" in out
    assert ("down 08:16–08:46, 30 min" if lang == "en" else "gestört 08:16–08:46, 30 min") in out
    assert "\033[" not in out


def test_outage_times_are_local_time(day: Path) -> None:
    berlin = timezone(timedelta(hours=1))
    _, out, _ = history_run(day, "24h", 10, "text", translator(), now=history_day.END, view=View(tz=berlin))
    assert "down 09:16–09:46, 30 min" in out and "  09:16–09:31  FAIL  ports-blocked  (2 runs)" in out


def test_json_carries_the_same_outages_and_keeps_the_v1_fields(day: Path) -> None:
    _, out, _ = history_run(day, "24h", 10, "json", translator(), now=history_day.END)
    doc = json.loads(out)
    assert {"schema", "runs", "availability", "changes"} <= doc.keys() and doc["schema"] == "netcheck/history/v1"
    first = doc["outages"][0]
    assert (first["start"], first["end"], first["minutes"], first["causes"]) == (
        "2026-11-23T08:16:00Z",
        "2026-11-23T08:46:00Z",
        30,
        ["ports-blocked"],
    )
    assert len(first["targets"]) == 16
    assert {"target": "ndc1.ibllc.com:4000", "runs": 96, "availability": 94 / 96} in doc["servers"]
