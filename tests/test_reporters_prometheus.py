"""Prometheus reporter: parsed back with prometheus_client's own text parser, as node_exporter would."""

from __future__ import annotations

import dataclasses

import pytest

from netcheck.model import Reason
from netcheck.reporters import RenderOptions, prometheus
from tests.helpers import GATEWAYS, healthy, report

parser = pytest.importorskip("prometheus_client.parser")
BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def families(rep):  # type: ignore[no-untyped-def]
    return {f.name: f for f in parser.text_string_to_metric_families(prometheus.render(rep, RenderOptions()))}


def test_every_metric_is_a_gauge_with_help() -> None:
    fams = families(report(healthy(**BLOCKED)))
    assert {f.type for f in fams.values()} == {"gauge"}  # per run, never counters
    assert all(f.documentation for f in fams.values())
    assert set(fams) >= {
        "netcheck_run_timestamp_seconds",
        "netcheck_run_duration_seconds",
        "netcheck_run_success",
        "netcheck_check_success",
        "netcheck_check_duration_seconds",
        "netcheck_finding",
    }


def test_run_and_check_values() -> None:
    rep = report(healthy(**BLOCKED))
    fams = families(rep)
    (ts,) = fams["netcheck_run_timestamp_seconds"].samples
    assert ts.value == 1795435200.0  # 2026-11-23T12:00:00Z
    assert fams["netcheck_run_duration_seconds"].samples[0].value == pytest.approx(1.234)
    assert fams["netcheck_run_success"].samples[0].value == 0
    status = {s.labels["status"]: s.value for s in fams["netcheck_run_status"].samples}
    assert status == {"pass": 0, "warn": 0, "fail": 1}
    success = {s.labels["check"]: s for s in fams["netcheck_check_success"].samples}
    assert len(success) == len(rep.outcomes)
    blocked = success["tcp:ndc1.ibllc.com:4001@198.51.100.10"]
    assert blocked.value == 0 and blocked.labels["kind"] == "tcp" and blocked.labels["region"] == "america-east"
    assert success["dns:system:ndc1.ibllc.com"].value == 1
    durations = {s.labels["check"]: s.value for s in fams["netcheck_check_duration_seconds"].samples}
    assert durations["tcp:ndc1.ibllc.com:4001@198.51.100.10"] == pytest.approx(0.020)
    skipped = {s.labels["check"]: s.value for s in fams["netcheck_check_skipped"].samples}
    assert skipped["local:route:ipv6"] == 1 and skipped["local:interfaces"] == 0


def test_findings_are_gauges_labelled_by_id() -> None:
    fams = families(report(healthy(**BLOCKED)))
    assert [(s.labels, s.value) for s in fams["netcheck_finding"].samples] == [
        ({"id": "ports-blocked", "severity": "fail"}, 1)
    ]
    assert fams["netcheck_findings"].samples[0].value == 1
    healthy_fams = families(report(healthy()))
    assert "netcheck_finding" not in healthy_fams and healthy_fams["netcheck_findings"].samples[0].value == 0
    assert healthy_fams["netcheck_run_success"].samples[0].value == 1


def test_label_values_are_escaped() -> None:
    rep = report(healthy())
    first = rep.outcomes[0]
    odd = dataclasses.replace(first, check=dataclasses.replace(first.check, target='a "quoted" \\ path\nnext'))
    rep = dataclasses.replace(rep, outcomes=(odd, *rep.outcomes[1:]))
    fams = families(rep)
    targets = {s.labels["target"] for s in fams["netcheck_check_success"].samples}
    assert 'a "quoted" \\ path\nnext' in targets
