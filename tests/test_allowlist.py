"""The IT admin's allow-list: exact failed TCP host:port pairs, in JSON and on the terminal."""

from __future__ import annotations

import json

from netcheck.model import Reason
from netcheck.reporters import REGISTRY, RenderOptions
from tests.helpers import healthy, http, local, report

BLOCKED = {f"{h}:4001": Reason.TIMEOUT for h in ("ndc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com")}


def test_healthy_run_needs_nothing() -> None:
    assert report(healthy()).diagnosis.allow_list == ()


def test_failed_pairs_exactly() -> None:
    r = report(healthy(**BLOCKED, **{"s3.amazonaws.com:443": Reason.REFUSED}))
    got = [(e.target, e.protocol, e.addresses, e.reason) for e in r.diagnosis.allow_list]
    assert got == [
        ("ndc1.ibllc.com:4001", "tcp", ("198.51.100.10",), "timeout"),
        ("zdc1.ibllc.com:4001", "tcp", ("198.51.100.20",), "timeout"),
        ("hdc1.ibllc.com:4001", "tcp", ("198.51.100.30",), "timeout"),
        ("s3.amazonaws.com:443", "tcp", ("203.0.113.41",), "refused"),
    ]


def test_addresses_of_one_pair_are_merged() -> None:
    from tests.helpers import tcp

    outs = healthy() + [
        tcp("s3.amazonaws.com", 443, "2001:db8::41", Reason.TIMEOUT),
        tcp("s3.amazonaws.com", 443, "203.0.113.42", Reason.TIMEOUT),
    ]
    entries = report(outs).diagnosis.allow_list
    assert [(e.target, e.addresses) for e in entries] == [("s3.amazonaws.com:443", ("2001:db8::41", "203.0.113.42"))]


def test_no_firewall_rule_helps_without_internet_or_behind_a_portal() -> None:
    no_net = report([local("local:interfaces", Reason.ERROR), local("local:route:ipv4", Reason.ERROR)])
    assert no_net.diagnosis.allow_list == ()
    outs = healthy(**BLOCKED)
    outs = [o for o in outs if o.check.kind.value != "http"] + [
        http("http://connectivitycheck.gstatic.com/generate_204", Reason.REDIRECT, 302, "http://portal.example/")
    ]
    portal = report(outs)
    assert any(f.id == "captive-portal" for f in portal.findings)
    assert portal.diagnosis.allow_list == ()


def test_json_field_and_terminal_section() -> None:
    r = report(healthy(**BLOCKED))
    doc = json.loads(REGISTRY["json"](r, RenderOptions()))
    assert doc["allow_list"][0] == {
        "host": "ndc1.ibllc.com",
        "port": 4001,
        "protocol": "tcp",
        "addresses": ["198.51.100.10"],
        "purpose": "",
        "required": True,
        "reason": "timeout",
    }
    term = REGISTRY["terminal"](r, RenderOptions(verbose=True))
    assert "What to allow (for IT)" in term
    assert "    TCP zdc1.ibllc.com:4001  (198.51.100.20)" in term
    short = REGISTRY["terminal"](r, RenderOptions())  # the checklist: the first pairs on one line
    assert "What to allow (for IT): TCP ndc1.ibllc.com:4001, TCP zdc1.ibllc.com:4001, TCP hdc1.ibllc.com:4001" in short
    assert "What to allow" not in REGISTRY["terminal"](report(healthy()), RenderOptions())


def test_markdown_has_the_allow_section_and_symptoms() -> None:
    r = report(healthy(**BLOCKED))
    md = REGISTRY["markdown"](r, RenderOptions())
    assert "## What to allow (for IT)" in md
    assert "- `TCP ndc1.ibllc.com:4001  (198.51.100.10)`" in md
    assert '**What TWS shows:** TWS login hangs at "Connecting to server..."' in md
    assert "What to allow" not in REGISTRY["markdown"](report(healthy()), RenderOptions())
