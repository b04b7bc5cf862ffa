"""What TWS shows for each failing host or port, per finding, in JSON and on the terminal."""

from __future__ import annotations

import json

import pytest

from netcheck import symptoms
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Reason
from netcheck.reporters import REGISTRY, RenderOptions
from tests.helpers import healthy, local, report


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("ndc1.ibllc.com", 4001, ("tws-login", "market-data-farm")),  # SSL farms are on 4001 too
        ("zdc1.ibllc.com", 4000, ("tws-login", "market-data-farm")),
        ("s3.amazonaws.com", 443, ("settings-download",)),
        ("download.interactivebrokers.com", 443, ("update-failed",)),
        ("download2.interactivebrokers.com", 443, ("update-failed",)),
        ("DOWNLOAD2.interactivebrokers.com.", 0, ("update-failed",)),
        ("hdc1_hb1.ibllc.com", 0, ("tws-login", "market-data-farm")),
        ("mcgw1.ibllc.com.cn", 0, ("tws-login", "market-data-farm")),
        ("www.interactivebrokers.com", 443, ()),
        ("notibllc.com", 0, ()),
    ],
)
def test_for_target(host: str, port: int, expected: tuple[str, ...]) -> None:
    assert symptoms.for_target(host, port) == expected


def test_every_key_has_text() -> None:
    assert set(SYMPTOMS) == set(symptoms.ORDER)


def _by_id(r: object) -> dict[str, tuple[str, ...]]:
    return {f.id: f.symptoms for f in r.findings}  # type: ignore[attr-defined]


def test_ports_blocked_names_login_and_farms() -> None:
    over = {
        f"{h}:{p}": Reason.TIMEOUT for h in ("ndc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com") for p in (4000, 4001)
    }
    got = _by_id(report(healthy(**over)))
    assert got["ports-blocked"] == ("tws-login", "market-data-farm")


def test_settings_host_down() -> None:
    got = _by_id(report(healthy(**{"s3.amazonaws.com:443": Reason.REFUSED})))
    assert got["host-unreachable"] == ("settings-download",)


def test_dns_finding_takes_the_ports_of_its_host() -> None:
    from tests.helpers import dns

    outs = [o for o in healthy() if o.check.id not in ("dns:system:s3.amazonaws.com", "dns:resolver:s3.amazonaws.com")]
    outs += [
        dns("s3.amazonaws.com", "system", reason=Reason.NXDOMAIN),
        dns("s3.amazonaws.com", "resolver", reason=Reason.NXDOMAIN),
    ]
    got = _by_id(report(outs))
    assert "settings-download" in next(v for k, v in got.items() if k.startswith("dns"))


def test_no_internet_takes_every_failed_connection() -> None:
    outs = healthy(
        **{
            f"{h}:{p}": Reason.TIMEOUT
            for h in ("ndc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com")
            for p in (4000, 4001)
        }
    )
    from tests.helpers import http

    outs = [o for o in outs if o.check.kind.value not in ("http", "dns-cross")]
    outs = [o if o.check.port != 443 else o.__class__(o.check, o.status.FAIL, Reason.TIMEOUT) for o in outs]
    outs.append(http("http://connectivitycheck.gstatic.com/generate_204", Reason.TIMEOUT, None))
    r = report(outs)
    got = _by_id(r)
    assert "no-internet" in got
    assert got["no-internet"] == ("tws-login", "market-data-farm", "settings-download")


def test_no_network_keeps_the_telephone_desk_hint() -> None:
    r = report([local("local:interfaces", Reason.ERROR), local("local:route:ipv4", Reason.ERROR)])
    text = REGISTRY["terminal"](r, RenderOptions())
    assert "telephone order desk" in text


def test_json_and_terminal_carry_symptoms() -> None:
    r = report(
        healthy(**{"download2.interactivebrokers.com:443": Reason.REFUSED, "s3.amazonaws.com:443": Reason.TIMEOUT})
    )
    doc = json.loads(REGISTRY["json"](r, RenderOptions()))
    shown = [s["id"] for f in doc["findings"] for s in f["symptoms"]]
    assert shown == ["settings-download"]
    assert doc["findings"][0]["symptoms"][0]["text"] == SYMPTOMS["settings-download"]
    term = REGISTRY["terminal"](r, RenderOptions())
    assert 'What TWS shows: TWS says "Downloading settings from server failed"' in term


def test_a_finding_about_this_computer_names_no_tws_symptom() -> None:
    from netcheck.model import Check, Finding, Kind, Outcome, Severity, Status

    machine = Outcome(
        Check(id="machine:tws-install", kind=Kind.MACHINE, target="TWS"), Status.SKIP, Reason.NOT_APPLICABLE, 0.0, {}
    )
    outs = healthy(**{"ndc1.ibllc.com:4001": Reason.TIMEOUT}) + [machine]
    note = Finding("tws-not-found", Severity.INFO, ("machine:tws-install",))
    assert symptoms.for_finding(note, report(outs).outcomes) == ()
