"""Rules about the TWS install that IBKR's FAQ names: read-only folders, which build and version, quarantine."""

from __future__ import annotations

from netcheck.facts import failed
from netcheck.model import Kind, Outcome, Reason, Severity
from netcheck.rules import State


def _machine(s: State, cid: str) -> Outcome | None:
    return next((o for o in s.facts.kind(Kind.MACHINE) if o.check.id == cid), None)


def tws_read_only(s: State) -> None:
    o = _machine(s, "machine:tws-writable")
    if o and failed(o) and o.reason is Reason.MISCONFIGURED:
        s.add("tws-folder-read-only", Severity.WARN, [o], folders=", ".join(o.detail.get("read_only", [])))


def tws_installed(s: State) -> None:
    o = _machine(s, "machine:tws-version")
    if o and o.detail.get("installations"):
        s.add("tws-installed", Severity.INFO, [o], installed="; ".join(_shown(d) for d in o.detail["installations"]))


def tws_version_mismatch(s: State) -> None:
    o = _machine(s, "machine:tws-version")
    if o and failed(o) and o.reason is Reason.MISCONFIGURED:
        bad = o.detail.get("mismatches", [])
        apps = ", ".join(f"{m['app']} (TWS {m['wanted']})" for m in bad)
        s.add("tws-version-mismatch", Severity.WARN, [o], apps=apps, installed=bad[0]["installed"] if bad else "")


def tws_quarantined(s: State) -> None:
    o = _machine(s, "machine:tws-quarantine")
    if o and failed(o) and o.reason is Reason.MISCONFIGURED:
        s.add("tws-quarantined", Severity.WARN, [o], paths=", ".join(o.detail.get("quarantined", [])))


def _shown(d: dict[str, object]) -> str:
    name = "IB Gateway" if d.get("kind") == "gateway" else "TWS"
    version = f" {d['version']}" if d.get("version") else ""
    bits = f", {d['jvm_bits']}-bit Java" if d.get("jvm_bits") else ""
    return f"{name}{version} ({d.get('build')}{bits}) in {d.get('folder')}"


RULES = (tws_read_only, tws_installed, tws_version_mismatch, tws_quarantined)
