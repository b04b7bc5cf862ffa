"""Diagnosis of the FAQ's install checks (pure: constructed outcomes), each finding with its texts."""

from __future__ import annotations

from typing import Any

from netcheck.diagnose import diagnose
from netcheck.messages import finding_texts, translator
from netcheck.model import Check, Kind, Outcome, Reason, Severity, Status

INSTALLS = [
    {"kind": "tws", "folder": "/h/Jts/1030", "build": "offline", "version": "10.30", "jvm_bits": 64},
    {"kind": "tws", "folder": "/h/Jts", "build": "auto-updating", "version": None, "jvm_bits": None},
]


def machine(cid: str, status: Status = Status.PASS, reason: Reason = Reason.OK, **detail: Any) -> Outcome:
    return Outcome(Check(id=cid, kind=Kind.MACHINE, target=cid, required=False), status, reason, 1.0, detail)


def by_id(outs: list[Outcome]) -> dict[str, Any]:
    return {f.id: f for f in diagnose(outs).findings}


def test_read_only_folder_warns_and_names_it() -> None:
    f = by_id([machine("machine:tws-writable", Status.WARN, Reason.MISCONFIGURED, read_only=["/h/Jts/1030"])])
    assert f["tws-folder-read-only"].severity is Severity.WARN
    assert f["tws-folder-read-only"].params["folders"] == "/h/Jts/1030"


def test_installed_tws_is_information_with_build_version_and_java() -> None:
    f = by_id([machine("machine:tws-version", installations=INSTALLS)])
    assert f["tws-installed"].severity is Severity.INFO
    shown = f["tws-installed"].params["installed"]
    assert shown == "TWS 10.30 (offline, 64-bit Java) in /h/Jts/1030; TWS (auto-updating) in /h/Jts"


def test_version_mismatch_names_every_app() -> None:
    bad = [
        {"app": "NinjaTrader", "wanted": "10.19", "installed": "offline 10.30, auto-updating"},
        {"app": "Sierra", "wanted": "10.12", "installed": "offline 10.30, auto-updating"},
    ]
    outs = [machine("machine:tws-version", Status.WARN, Reason.MISCONFIGURED, installations=INSTALLS, mismatches=bad)]
    f = by_id(outs)["tws-version-mismatch"]
    assert f.params["apps"] == "NinjaTrader (TWS 10.19), Sierra (TWS 10.12)"


def test_quarantine_warns_and_skips_are_silent() -> None:
    f = by_id([machine("machine:tws-quarantine", Status.WARN, Reason.MISCONFIGURED, quarantined=["/A/TWS.app"])])
    assert f["tws-quarantined"].params["paths"] == "/A/TWS.app"
    quiet = [
        machine(c, Status.SKIP, Reason.NOT_APPLICABLE)
        for c in ("machine:tws-quarantine", "machine:tws-writable", "machine:tws-version")
    ]
    assert diagnose(quiet).findings == ()


def test_every_install_finding_has_text_in_both_languages() -> None:
    outs = [
        machine("machine:tws-writable", Status.WARN, Reason.MISCONFIGURED, read_only=["/x"]),
        machine(
            "machine:tws-version",
            Status.WARN,
            Reason.MISCONFIGURED,
            installations=INSTALLS,
            mismatches=[{"app": "N", "wanted": "10.19", "installed": "offline 10.30"}],
        ),
        machine("machine:tws-quarantine", Status.WARN, Reason.MISCONFIGURED, quarantined=["/A"]),
    ]
    found = diagnose(outs).findings
    assert {f.id for f in found} == {"tws-folder-read-only", "tws-installed", "tws-version-mismatch", "tws-quarantined"}
    for lang in ("en", "de"):
        for f in found:
            title, remediation, admin = finding_texts(f, translator(lang))
            assert "{" not in title + remediation + admin and remediation, (lang, f.id)
