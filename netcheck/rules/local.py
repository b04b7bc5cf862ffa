"""Rules about this computer and the account's own server: TWS install, memory, sessions, API ports, VPN."""

from __future__ import annotations

from netcheck.details import params
from netcheck.details_machine import Installation, MemoryProblem, Session, machine
from netcheck.facts import GATEWAY_PORTS, failed
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.report_model import HomeServer
from netcheck.rules import State
from netcheck.rules.dns import exists_nowhere

HEADLINE = ("home-server-unreachable", "home-server-retired")  # sorted before every other finding of its severity


def _machine(s: State, cid: str) -> Outcome | None:
    return next((o for o in s.facts.kind(Kind.MACHINE) if o.check.id == cid), None)


def _machine_prefix(s: State, prefix: str) -> list[Outcome]:
    return [o for o in s.facts.kind(Kind.MACHINE) if o.check.id.startswith(prefix)]


def home_server_unreachable(s: State) -> None:
    """The server TWS last used (Peer=), then the order-routing server: the first one cut off leads.
    A fail only where the host list requires it: Peer= may be a template's default, and IBKR routes
    the login to the account's own server anyway."""
    home = s.home
    if home is None or not home.host:
        return
    for host in (home.host, home.order_host):
        blocked = _cut_off(s, host)
        if blocked and not _in_window(s, blocked):
            _home_finding(s, home, host, blocked)
            return


def _cut_off(s: State, host: str) -> list[Outcome]:
    outs = [o for o in s.facts.kind(Kind.TCP) if host and o.check.host == host and o.check.port in GATEWAY_PORTS]
    if not outs or any(o.status is Status.PASS for o in outs):
        return []
    return [o for o in outs if failed(o) or o.reason is Reason.DEPENDENCY]  # none: only deadline skips


def _in_window(s: State, blocked: list[Outcome]) -> bool:
    """IBKR's reset window (the schedule rules ran first) already explains these failures."""
    ids = {o.check.id for o in blocked}
    return any(f.id == "ibkr-maintenance" and ids <= set(f.checks) for f in s.findings)


def _home_finding(s: State, home: HomeServer, host: str, blocked: list[Outcome]) -> None:
    dns = [o for o in s.facts.kind(Kind.DNS) if o.check.host == host and failed(o)]
    where = {"server": host, "region": _region_name(home.region if host == home.host else ""), "jts_ini": home.source}
    if exists_nowhere(s, host):  # a retired name: jts.ini is stale, the network is fine
        s.add("home-server-retired", Severity.WARN, dns + blocked, **where)
        return
    severity = Severity.FAIL if any(o.check.required for o in blocked) else Severity.WARN
    s.add("home-server-unreachable", severity, dns + blocked, **where)


def tws_use_ssl_off(s: State) -> None:
    """UseSSL=false: IBKR insists on SSL since 2021; TWS shows a dialog offering to restart with SSL."""
    if s.home is not None and s.home.use_ssl is False:
        jts = _machine(s, "machine:jts-ini")
        s.add("tws-ssl-off", Severity.WARN, [jts] if jts else [], jts_ini=s.home.source)


def vpn_default_route(s: State) -> None:
    o = _machine(s, "machine:route-interface")
    if o and o.status is Status.PASS and machine(o).vpn:
        s.add("vpn-default-route", Severity.INFO, [o], interface=machine(o).interface)


def low_memory(s: State) -> None:
    o = _machine(s, "machine:memory")
    if o and failed(o) and o.reason is Reason.INSUFFICIENT:
        m = machine(o)
        s.add("low-memory", Severity.WARN, [o], available_mb=m.available_mb, needed_mb=m.needed_mb)


def tws_memory(s: State) -> None:
    o = _machine(s, "machine:tws-memory")
    if o and failed(o) and o.reason is Reason.MISCONFIGURED:
        m = machine(o)
        first = (m.problems or (MemoryProblem(),))[0]
        s.add(
            "tws-memory",
            Severity.WARN,
            [o],
            vmoptions=first.vmoptions,
            xmx_mb=first.xmx_mb,
            limit_mb=first.limit_mb,
            total_mb=m.total_mb,
        )


def tws_not_found(s: State) -> None:
    o = _machine(s, "machine:tws-install")
    if o and o.reason is Reason.NOT_APPLICABLE:
        s.add("tws-not-found", Severity.INFO, [o], searched=", ".join(machine(o).searched))


def tws_session_running(s: State) -> None:
    o = _machine(s, "machine:sessions")
    if o and failed(o) and o.reason is Reason.CONFLICT:
        dups = machine(o).duplicates or (Session(),)
        pids = ", ".join(p for d in dups for p in d.pids)
        s.add("tws-session-running", Severity.WARN, [o], installation=dups[0].installation, pids=pids)


def api_port_conflict(s: State) -> None:
    bad = [o for o in _machine_prefix(s, "machine:api-port:") if failed(o) and o.reason is Reason.CONFLICT]
    if bad:
        held = "; ".join(f"{params(o.check).port}: {_holders(o)}" for o in bad)
        ports = "/".join(str(params(o.check).port) for o in bad)
        s.add("api-port-conflict", Severity.WARN, bad, ports=ports, held_by=held)


def _holders(o: Outcome) -> str:
    return ", ".join(f"{h.name or '?'} (pid {h.pid})" for h in machine(o).holders)


def low_disk(s: State) -> None:
    bad = [o for o in _machine_prefix(s, "machine:disk:") if failed(o) and o.reason is Reason.INSUFFICIENT]
    if bad:
        where = ", ".join(f"{machine(o).path} ({machine(o).free_mb} MB free)" for o in bad)
        s.add("low-disk", Severity.WARN, bad, where=where, needed_mb=machine(bad[0]).needed_mb)


def ipv6_vmoptions(s: State) -> None:
    """After ipv6-broken: does TWS already avoid IPv6, and where would the line go."""
    if not any(f.id == "ipv6-broken" for f in s.findings):
        return
    o = _machine(s, "machine:tws-install")
    if o is None or o.status is not Status.PASS:
        return
    installs = machine(o).installations
    if not installs:
        return
    if _started_by_ibc(s):  # IBC on Linux/macOS drops -D lines: vmoptions advice would be false comfort
        s.add("ipv6-tws-ibc", Severity.INFO, [o], files=", ".join(i.vmoptions for i in installs))
        return
    missing = [i for i in installs if not i.prefer_ipv4]
    if not missing:
        s.add("ipv6-tws-prefers-ipv4", Severity.INFO, [o], files=", ".join(i.vmoptions for i in installs))
        return
    where = ", ".join(_where(i) for i in missing)
    s.add("ipv6-tws-vmoptions", Severity.INFO, [o], files=where)


def _started_by_ibc(s: State) -> bool:
    o = _machine(s, "machine:sessions")
    return o is not None and machine(o).started_by_ibc


def _where(i: Installation) -> str:
    line = i.keep_marker_line
    return f"{i.vmoptions} (after line {line})" if line else i.vmoptions


RULES = (
    home_server_unreachable,
    tws_use_ssl_off,
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
