"""nftables: a table with one named address set per port group and a chain to jump to from your own."""

from __future__ import annotations

from netcheck.export.base import ExportOptions, addresses_of, clean, header, port_groups
from netcheck.model import HostEntry, HostList

TABLE, CHAIN = "netcheck_ibkr", "allow_ibkr"


def set_name(ports: tuple[int, ...], family: int) -> str:
    return f"tcp_{'_'.join(map(str, ports))}_v{family}"[:60]


def render(hl: HostList, opts: ExportOptions) -> str:
    groups = port_groups(hl)
    lines = header(
        "nft",
        hl,
        "Outbound TCP that TWS / IB Gateway needs. Load with: nft -f FILE",
        f"Then jump to it from your own filter chain, e.g.: nft add rule inet filter output jump {CHAIN}",
        "(that chain must be in table inet netcheck_ibkr, or copy the sets and rules into your own table).",
        "Sets are filled only when exported with --resolve; names are not resolved at load time because",
        "IBKR rotates addresses. Refill them from cron with the current addresses, e.g.:",
        f"  nft add element inet {TABLE} {set_name((4000, 4001), 4)} {{ $(dig +short A ndc1.ibllc.com | paste -sd,) }}",
        "",
    )
    lines.append(f"table inet {TABLE} {{")
    for ports, hosts in groups.items():
        lines += _sets(ports, hosts, opts)
    lines.append(f"  chain {CHAIN} {{")
    for ports in groups:
        dports = ", ".join(map(str, ports))
        for fam, match in ((4, "ip daddr"), (6, "ip6 daddr")):
            comment = clean(f"IBKR TCP {dports} IPv{fam}")
            lines.append(f'    {match} @{set_name(ports, fam)} tcp dport {{ {dports} }} accept comment "{comment}"')
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def _sets(ports: tuple[int, ...], hosts: list[HostEntry], opts: ExportOptions) -> list[str]:
    out = [f"  # TCP {', '.join(map(str, ports))}:"]
    out += [f"  #   {h.name} ({clean(h.purpose)}{'' if h.required else ', optional'})" for h in hosts]
    for fam in (4, 6):
        addrs = list(dict.fromkeys(a for h in hosts for a in addresses_of(h, opts, fam)))
        out += [f"  set {set_name(ports, fam)} {{", f"    type ipv{fam}_addr"]
        if addrs:
            out.append(f"    elements = {{ {', '.join(addrs)} }}")
        out.append("  }")
    return out
