"""Checks for the web path: TLS on the IBKR web hosts, and each configured proxy's reach and tunnels."""

from __future__ import annotations

from netcheck.model import Check, HostEntry, HostList, Kind, Role
from netcheck.planner.checks import address_check
from netcheck.platform.proxy import Proxy

TLS_PORT = 443


def tls_check(h: HostEntry, address: str) -> Check:
    """Depends on tcp:<host>:443@<address> passing: the handshake goes to the address TCP used."""
    return address_check(h, Kind.TLS, TLS_PORT, address, label=" TLS")


def wants_tls(h: HostEntry) -> bool:
    return h.role is Role.WEB and TLS_PORT in h.ports


def proxy_reach_check(p: Proxy) -> Check:
    """Optional: TWS itself goes direct, so a proxy's trouble is a warning unless it is the only way."""
    return Check(
        id=f"proxy:{p.endpoint}",
        kind=Kind.PROXY,
        target=f"proxy {p.endpoint} (from {p.source})",
        host=p.host,
        port=p.port,
        required=False,
        params=_params(p, "reach"),
    )


def proxy_tunnel_checks(p: Proxy, hl: HostList) -> list[Check]:
    """CONNECT through the proxy to one IBKR web host on 443 and one gateway on each gateway port."""
    web = _first(hl, Role.WEB, TLS_PORT)
    gateway = _first(hl, Role.GATEWAY, None)
    targets: list[tuple[HostEntry, int, str]] = [(web, TLS_PORT, "web")] if web else []
    targets += [(gateway, port, "gateway") for port in gateway.ports] if gateway else []
    return [
        Check(
            id=f"proxy-connect:{p.endpoint}>{h.name}:{port}",
            kind=Kind.PROXY,
            target=f"{h.name}:{port} through proxy {p.endpoint}",
            host=h.name,
            port=port,
            required=False,
            region=h.region,
            params={**_params(p, "connect"), "role": role},
        )
        for h, port, role in targets
    ]


def _first(hl: HostList, role: Role, port: int | None) -> HostEntry | None:
    hosts = [h for h in hl.hosts if h.role is role and (port is None or port in h.ports)]
    return next((h for h in hosts if h.required), hosts[0] if hosts else None)


def _params(p: Proxy, mode: str) -> dict[str, object]:
    return {
        "mode": mode,
        "proxy_host": p.host,
        "proxy_port": p.port,
        "proxy": p.endpoint,
        "scheme": p.scheme,
        "source": p.source,
        "applies_to": list(p.applies_to),
    }
