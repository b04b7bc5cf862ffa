"""Turn a host list into Checks. Ids are stable: history and metrics key on them."""

from __future__ import annotations

from netcheck.facts import GATEWAY_PORTS
from netcheck.model import Check, HostEntry, HostList, Kind

CANARY_PORT = 4001  # TWS's SSL port: the one an intercepting router must answer to fool TWS


def local_checks() -> list[Check]:
    return [
        Check(id="local:interfaces", kind=Kind.LOCAL, target="network interfaces", params={"what": "interfaces"}),
        Check(
            id="local:route:ipv4", kind=Kind.LOCAL, target="IPv4 default route", params={"what": "route", "family": 4}
        ),
        Check(
            id="local:route:ipv6",
            kind=Kind.LOCAL,
            target="IPv6 default route",
            required=False,
            params={"what": "route", "family": 6},
        ),
    ]


API_PORTS = ((7496, "tws", "live"), (7497, "tws", "paper"), (4001, "gateway", "live"), (4002, "gateway", "paper"))


def machine_checks(tws_dirs: tuple[str, ...], tws_version_for: tuple[tuple[str, str], ...] = ()) -> list[Check]:
    """This computer beyond the network (issue 5). API ports are local: not the remote 4000/4001.
    `tws_version_for`: (app, TWS version it supports) pairs the installed TWS is compared with (issue 19)."""

    def mk(cid: str, target: str, what: str, **params: object) -> Check:
        return Check(
            id=cid,
            kind=Kind.MACHINE,
            target=target,
            required=False,
            params={"what": what, "tws_dirs": tws_dirs, **params},
        )

    checks = [
        mk("machine:route-interface", "interface carrying the default route", "route-interface"),
        mk("machine:memory", "free memory", "memory"),
        mk("machine:tws-install", "TWS / IB Gateway installation", "tws-install"),
        mk("machine:tws-memory", "TWS memory setting (-Xmx)", "tws-memory"),
        mk("machine:jts-ini", "TWS settings (jts.ini)", "jts-ini"),
        mk("machine:sessions", "TWS / IB Gateway sessions running", "sessions"),
        mk("machine:tws-writable", "TWS folders writable by this user", "tws-writable"),
        mk(
            "machine:tws-version",
            "TWS build (offline or auto-updating) and version",
            "tws-version",
            tws_version_for=tws_version_for,
        ),
        mk("machine:tws-quarantine", "macOS download quarantine on TWS", "tws-quarantine"),
    ]
    checks += [
        mk(
            f"machine:api-port:{port}",
            f"local API port {port} ({app} {mode})",
            "api-port",
            port=port,
            expected=app,
            mode=mode,
        )
        for port, app, mode in API_PORTS
    ]
    checks += [
        mk("machine:disk:tws", "free disk space in the TWS folder", "disk", where="tws"),
        mk("machine:disk:temp", "free disk space in the temp folder", "disk", where="temp"),
    ]
    return checks


def reachability_checks(hl: HostList) -> list[Check]:
    return [
        Check(
            id=f"http:{r.url}",
            kind=Kind.HTTP,
            target=r.url,
            url=r.url,
            params={"expect_status": r.expect_status, "expect_body": r.expect_body},
        )
        for r in hl.reachability
    ]


def dns_checks(h: HostEntry, public_dns: tuple[str, ...]) -> list[Check]:
    def path(path: str, via: str) -> Check:
        return Check(
            id=f"dns:{path}:{h.name}",
            kind=Kind.DNS,
            target=f"{h.name} ({via})",
            host=h.name,
            required=h.required,
            region=h.region,
            params={"path": path},
        )

    checks = [path("system", "system resolver"), path("resolver", "configured DNS servers")]
    checks += [
        Check(
            id=f"dns-cross:{h.name}@{server}",
            kind=Kind.DNS_CROSS,
            target=f"{h.name} @{server}",
            server=server,
            host=h.name,
            required=False,
            region=h.region,
        )
        for server in public_dns
    ]
    return checks


def address_check(h: HostEntry, kind: Kind, port: int, address: str, label: str = "", **params: object) -> Check:
    """A check of one host at one of its addresses (TCP connect, TLS handshake): ids and targets
    name host, port and address the same way for every kind, IPv6 in brackets."""
    shown = f"[{address}]" if ":" in address else address
    return Check(
        id=f"{kind.value}:{h.name}:{port}@{address}",
        kind=kind,
        target=f"{h.name}:{port}{label} ({shown})",
        host=h.name,
        port=port,
        address=address,
        required=h.required,
        region=h.region,
        params={"purpose": h.purpose, **params},
    )


def tcp_check(h: HostEntry, port: int, address: str, resolved_by: str = "system") -> Check:
    return address_check(h, Kind.TCP, port, address, resolved_by=resolved_by)


def tcp_placeholder(h: HostEntry, port: int) -> Check:
    """Stands for a host's port when no address could be tested (name unresolved, deadline)."""
    return Check(
        id=f"tcp:{h.name}:{port}",
        kind=Kind.TCP,
        target=f"{h.name}:{port}",
        host=h.name,
        port=port,
        required=h.required,
        region=h.region,
        params={"purpose": h.purpose},
    )


def canary_checks(hl: HostList) -> list[Check]:
    """Connects on 4001 that must fail: a pass there means the network answers 4000/4001 itself.
    Only when the host list has gateways (a web-only list has nothing to be fooled about)."""
    if not any(p in GATEWAY_PORTS for h in hl.hosts for p in h.ports):
        return []
    return [
        Check(
            id=f"canary:{CANARY_PORT}@{address}",
            kind=Kind.CANARY,
            target=f"{address}:{CANARY_PORT} (must not answer)",
            port=CANARY_PORT,
            address=address,
            required=False,
        )
        for address in hl.canaries
    ]
