"""Nagios reporter and the plugin exit-code convention (only under --format nagios)."""

from __future__ import annotations

import dataclasses
import re

from netcheck.model import Reason
from netcheck.reporters import RenderOptions, nagios
from tests.helpers import GATEWAYS, healthy, report

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}
# Nagios plugin guidelines: 'label'=value[UOM];[warn];[crit];[min];[max], space separated
PERF = re.compile(r"^[A-Za-z_]+=[0-9.]+(s|%|B|c)?(;[0-9.]*){0,4}$")


def split(text: str) -> tuple[str, dict[str, str], list[str]]:
    first, *rest = text.rstrip("\n").split("\n")
    status, _, perf = first.partition(" | ")
    fields = perf.split(" ")
    assert all(PERF.match(f) for f in fields), fields
    return status, {f.split("=")[0]: f.split("=")[1] for f in fields}, rest


def test_ok_line_and_perfdata() -> None:
    status, perf, rest = split(nagios.render(report(healthy()), RenderOptions()))
    assert status == "NETCHECK OK - Ready: TWS should connect from this network."
    assert perf["checks"] == "25;;;0" and perf["passed"].startswith("24;") and perf["duration"] == "1.234s;;;0"
    assert rest == []


def test_critical_names_the_root_cause_first() -> None:
    status, perf, rest = split(nagios.render(report(healthy(**BLOCKED)), RenderOptions()))
    assert status.startswith("NETCHECK CRITICAL - Not ready")
    assert status.endswith("TCP ports 4000/4001 are blocked on this network: TWS cannot log in here")
    assert perf["failed"].startswith("6;") and perf["findings"].startswith("1;")
    assert rest == ["[fail] TCP ports 4000/4001 are blocked on this network: TWS cannot log in here (ports-blocked)"]


def test_pipes_in_text_cannot_start_perfdata_early() -> None:
    rep = report(healthy(**BLOCKED))
    odd = (dataclasses.replace(rep.findings[0], id="x|y"),)
    rep = dataclasses.replace(rep, diagnosis=dataclasses.replace(rep.diagnosis, findings=odd))
    text = nagios.render(rep, RenderOptions())
    assert text.split("\n")[0].count("|") == 1 and "|" not in "".join(text.split("\n")[1:])
