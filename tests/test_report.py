"""The pure Report builder and the Report's own serialization (what JSON, history and bundles share)."""

from __future__ import annotations

import json
from pathlib import Path

from netcheck.history.hook import record_report
from netcheck.history.store import open_store
from netcheck.model import Reason
from netcheck.report import RunFacts, build, to_dict
from netcheck.report_model import HomeServer, Summary
from netcheck.reporters import REGISTRY, RenderOptions
from tests.helpers import GATEWAYS, healthy

HOME = HomeServer(host="zdc1.ibllc.com", port=4001, region="europe", source="/j/jts.ini")
FACTS = RunFacts(
    started_at="2026-11-23T12:00:00Z",
    duration_ms=1500.0,
    host_lists=("tws.toml",),
    timeout_s=2.0,
    deadline_s=20.0,
    home=HOME,
    platform="Linux-test",
    python="3.11.7",
)
BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def test_build_decides_once_what_every_reporter_shows() -> None:
    report = build(healthy(**BLOCKED), False, "", FACTS)
    d = report.diagnosis
    assert [f.id for f in d.findings] == ["home-server-unreachable", "ports-blocked"]
    assert d.findings[0].symptoms == ("tws-login", "market-data-farm")
    assert d.summary == Summary(checks=25, passed=18, failed=6, warned=0, skipped=1, findings=2)
    assert d.by_kind["tcp"].failed == 6 and sum(n.checks for n in d.by_kind.values()) == 25
    assert [e.target for e in d.allow_list][:2] == ["ndc1.ibllc.com:4000", "ndc1.ibllc.com:4001"]
    assert [(r.region, r.reachable, r.home) for r in d.regions][-1] == ("europe", 0, True)
    assert d.home == HOME and not d.guide_hint and report.status.value == "fail"


def test_guide_hint_only_when_every_network_check_passed() -> None:
    assert build(healthy(), False, "", FACTS).diagnosis.guide_hint
    assert not build(healthy(), True, "deadline", FACTS).diagnosis.guide_hint  # a partial run proves nothing


def test_serialization_keeps_the_v1_meta_layout() -> None:
    doc = to_dict(build(healthy(), False, "", FACTS))
    assert list(doc)[:9] == [
        "schema", "status", "started_at", "duration_ms", "interrupted", "findings", "checks", "allow_list", "meta"
    ]  # fmt: skip
    run_facts = ["version", "host_lists", "platform", "python", "timeout_s", "deadline_s", "stop_reason"]
    assert list(doc["meta"]) == [*run_facts, "home_server", "regions"]
    assert doc["meta"]["home_server"] == {
        "host": "zdc1.ibllc.com",
        "port": 4001,
        "region": "europe",
        "jts_ini": "/j/jts.ini",
        "order_routing": None,
        "use_ssl": None,
    }  # order_routing and use_ssl: additive (issue 14)
    assert doc["summary"] == {"checks": 25, "passed": 24, "failed": 0, "warned": 0, "skipped": 1, "findings": 0}


def test_json_reporter_prints_the_model_serialization() -> None:
    report = build(healthy(**BLOCKED), False, "", FACTS)
    assert json.loads(REGISTRY["json"](report, RenderOptions())) == to_dict(report)


def test_history_stores_the_model_serialization(tmp_path: Path) -> None:
    report = build(healthy(**BLOCKED), False, "", FACTS)
    assert record_report(report, tmp_path / "h.sqlite3") is None
    with open_store(tmp_path / "h.sqlite3") as store:
        (stored,) = store.recent(1)
    assert {k: v for k, v in stored.items() if k != "history_id"} == to_dict(report)
