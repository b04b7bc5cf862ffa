"""Rules about this computer and the account's own server: TWS install, memory, sessions, API ports, VPN."""

from __future__ import annotations

from typing import Any

from netcheck.facts import GATEWAY_PORTS, failed
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.rules import State

HEADLINE = ("home-server-unreachable",)  # sorted before every other finding of its severity


def _machine(s: State, cid: str) -> Outcome | None:
    return next((o for o in s.facts.kind(Kind.MACHINE) if o.check.id == cid), None)


def _machine_prefix(s: State, prefix: str) -> list[Outcome]:
    return [o for o in s.facts.kind(Kind.MACHINE) if o.check.id.startswith(prefix)]


def home_server_unreachable(s: State) -> None:
    home: dict[str, Any] = s.context.get("home_server") or {}
    host = str(home.get("host") or "")
    if not host:
        return
    outs = [o for o in s.facts.kind(Kind.TCP) if o.check.host == host and o.check.port in GATEWAY_PORTS]
    if not outs or any(o.status is Status.PASS for o in outs):
        return
    blocked = [o for o in outs if failed(o) or o.reason is Reason.DEPENDENCY]
    in_window = any(f.id == "ibkr-maintenance" and {o.check.id for o in blocked} <= set(f.checks) for f in s.findings)
    if not blocked or in_window:
        return  # only deadline skips: not known to be unreachable; or IBKR's reset window explains it
    dns = [o for o in s.facts.kind(Kind.DNS) if o.check.host == host and failed(o)]
    region = str(home.get("region") or "")
    s.add("home-server-unreachable", Severity.FAIL, dns + blocked, server=host, region=_region_name(region),
          jts_ini=home.get("jts_ini", ""))


def vpn_default_route(s: State) -> None:
    o = _machine(s, "machine:route-interface")
    if o and o.status is Status.PASS and o.detail.get("vpn"):
        s.add("vpn-default-route", Severity.INFO, [o], interface=o.detail.get("interface", ""))


def low_memory(s: State) -> None:
    o = _machine(s, "machine:memory")
    if o and failed(o) and o.reason is Reason.INSUFFICIENT:
        s.add("low-memory", Severity.WARN, [o], available_mb=o.detail.get("available_mb"),
              needed_mb=o.detail.get("needed_mb"))


def tws_memory(s: State) -> None:
    o = _machine(s, "machine:tws-memory")
    if o and failed(o) and o.reason is Reason.MISCONFIGURED:
        first = (o.detail.get("problems") or [{}])[0]
        s.add("tws-memory", Severity.WARN, [o], vmoptions=first.get("vmoptions", ""),
              xmx_mb=first.get("xmx_mb"), limit_mb=first.get("limit_mb"), total_mb=o.detail.get("total_mb"))


def tws_not_found(s: State) -> None:
    o = _machine(s, "machine:tws-install")
    if o and o.reason is Reason.NOT_APPLICABLE:
        s.add("tws-not-found", Severity.INFO, [o], searched=", ".join(o.detail.get("searched", [])))


def tws_session_running(s: State) -> None:
    o = _machine(s, "machine:sessions")
    if o and failed(o) and o.reason is Reason.CONFLICT:
        dups = o.detail.get("duplicates") or [{}]
        pids = ", ".join(str(p) for d in dups for p in d.get("pids", []))
        s.add("tws-session-running", Severity.WARN, [o], installation=dups[0].get("installation", ""), pids=pids)


def api_port_conflict(s: State) -> None:
    bad = [o for o in _machine_prefix(s, "machine:api-port:") if failed(o) and o.reason is Reason.CONFLICT]
    if bad:
        held = "; ".join(f"{o.check.params.get('port')}: {_holders(o)}" for o in bad)
        ports = "/".join(str(o.check.params.get("port")) for o in bad)
        s.add("api-port-conflict", Severity.WARN, bad, ports=ports, held_by=held)


def _holders(o: Outcome) -> str:
    return ", ".join(f"{h.get('name') or '?'} (pid {h.get('pid')})" for h in o.detail.get("holders", []))


def low_disk(s: State) -> None:
    bad = [o for o in _machine_prefix(s, "machine:disk:") if failed(o) and o.reason is Reason.INSUFFICIENT]
    if bad:
        where = ", ".join(f"{o.detail.get('path')} ({o.detail.get('free_mb')} MB free)" for o in bad)
        s.add("low-disk", Severity.WARN, bad, where=where, needed_mb=bad[0].detail.get("needed_mb"))


def ipv6_vmoptions(s: State) -> None:
    """After ipv6-broken: does TWS already avoid IPv6, and where would the line go."""
    if not any(f.id == "ipv6-broken" for f in s.findings):
        return
    o = _machine(s, "machine:tws-install")
    installs = list(o.detail.get("installations", [])) if o and o.status is Status.PASS else []
    if not installs:
        return
    missing = [i for i in installs if not i.get("prefer_ipv4")]
    if not missing:
        s.add("ipv6-tws-prefers-ipv4", Severity.INFO, [o], files=", ".join(i["vmoptions"] for i in installs))
        return
    where = ", ".join(_where(i) for i in missing)
    s.add("ipv6-tws-vmoptions", Severity.INFO, [o], files=where)


def _where(i: dict[str, Any]) -> str:
    line = i.get("keep_marker_line")
    return f"{i['vmoptions']} (after line {line})" if line else str(i["vmoptions"])


RULES = (
    home_server_unreachable,
    vpn_default_route,
    low_memory,
    tws_memory,
    tws_not_found,
    tws_session_running,
    api_port_conflict,
    low_disk,
    ipv6_vmoptions,
)


def _region_name(slug: str) -> str:
    """'america-east' -> 'America East': region slugs are proper names, the same in every language."""
    return slug.replace("-", " ").title() if slug else "?"
