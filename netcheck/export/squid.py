"""squid: ACL lines for the HTTPS hosts; the TWS gateway ports cannot go through any web proxy."""

from __future__ import annotations

from netcheck.export.base import ExportOptions, header, literal
from netcheck.model import HostList, Role

ACL = "ibkr_https"


def render(hl: HostList, opts: ExportOptions) -> str:
    web = [h for h in hl.hosts if h.role is Role.WEB]
    gateways = [h for h in hl.hosts if h.role is Role.GATEWAY]
    ports = sorted({p for h in web for p in h.ports})
    lines = header(
        "squid",
        hl,
        "HTTPS hosts TWS / IB Gateway needs. Paste into squid.conf ABOVE your first 'http_access deny' line.",
        "NOTE: TCP 4000/4001 to the TWS gateways is not HTTP and cannot go through squid or any web proxy.",
        "Allow it directly in the firewall (netcheck hosts export --format nft | iptables | windows-firewall):",
        *(f"  {h.name} TCP {','.join(map(str, h.ports))}" for h in gateways),
        "",
    )
    names = [h.name for h in web if not literal(h.name)]
    addrs = [h.name for h in web if literal(h.name)]
    if names:
        lines.append(f"acl {ACL} dstdomain {' '.join(names)}")
    if addrs:
        lines.append(f"acl {ACL} dst {' '.join(addrs)}")
    if web:
        lines += [
            f"acl {ACL}_ports port {' '.join(map(str, ports))}",
            f"http_access allow CONNECT {ACL} {ACL}_ports",
            f"http_access allow {ACL} {ACL}_ports",
        ]
    return "\n".join(lines) + "\n"
