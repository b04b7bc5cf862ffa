"""iptables-restore rules in a chain of their own; by name through ipset sets, or per address with --resolve."""

from __future__ import annotations

import zlib

from netcheck.export.base import ExportOptions, addresses_of, clean, header, port_groups
from netcheck.model import HostEntry, HostList

CHAIN = "NETCHECK-IBKR"
MAX_MULTIPORT = 15  # the multiport match takes at most 15 ports


def set_name(ports: tuple[int, ...], family: int) -> str:
    name = f"nc-ibkr{family}-{'-'.join(map(str, ports))}"
    return name if len(name) <= 31 else f"nc-ibkr{family}-{zlib.crc32(repr(ports).encode()):08x}"  # ipset names: max 31


def render(hl: HostList, opts: ExportOptions) -> str:
    fam = 6 if opts.ipv6 else 4
    tool = "ip6tables-restore" if fam == 6 else "iptables-restore"
    resolved = opts.addresses is not None
    lines = header(
        "iptables" + (" --ipv6" if fam == 6 else ""),
        hl,
        "Outbound TCP that TWS / IB Gateway needs, in a chain of its own.",
        f"Load with: {tool} --noflush FILE   (--noflush keeps your other rules), then jump to it, e.g.:",
        f"  {'ip6tables' if fam == 6 else 'iptables'} -I OUTPUT -j {CHAIN}   (or FORWARD on a router)",
        *(() if resolved else _ipset_help(hl, fam)),
        "",
    )
    lines += ["*filter", f":{CHAIN} - [0:0]"]
    for ports, hosts in port_groups(hl).items():
        for chunk in _chunks(ports):
            lines += _rules(chunk, ports, hosts, opts, fam)
    lines.append("COMMIT")
    return "\n".join(lines) + "\n"


def _ipset_help(hl: HostList, fam: int) -> tuple[str, ...]:
    inet = "inet6" if fam == 6 else "inet"
    out = [
        "Without --resolve the rules match ipset sets; create and fill them first (refill from cron:",
        "IBKR rotates addresses):",
    ]
    for ports, hosts in port_groups(hl).items():
        name = set_name(ports, fam)
        out.append(f"  ipset create {name} hash:ip family {inet}")
        rr = "AAAA" if fam == 6 else "A"
        out += [f"  for a in $(dig +short {rr} {h.name}); do ipset add {name} $a; done" for h in hosts]
    return tuple(out)


def _chunks(ports: tuple[int, ...]) -> list[tuple[int, ...]]:
    return [ports[i : i + MAX_MULTIPORT] for i in range(0, len(ports), MAX_MULTIPORT)]


def _rules(
    chunk: tuple[int, ...], ports: tuple[int, ...], hosts: list[HostEntry], opts: ExportOptions, fam: int
) -> list[str]:
    dports = ",".join(map(str, chunk))
    tail = f"-p tcp -m multiport --dports {dports}"
    if opts.addresses is None:
        named = [h for h in hosts if not addresses_of(h, opts, fam)]
        out = [f"# {h.name}: TCP {dports} ({clean(h.purpose)})" for h in named]
        if named:
            match = f"-m set --match-set {set_name(ports, fam)} dst"
            out.append(f'-A {CHAIN} {tail} {match} -m comment --comment "{clean(f"IBKR TCP {dports}")}" -j ACCEPT')
        literal_hosts = [h for h in hosts if h not in named]
    else:
        out, literal_hosts = [], hosts
    prefix = 128 if fam == 6 else 32
    for h in literal_hosts:
        for a in addresses_of(h, opts, fam):
            out.append(f'-A {CHAIN} -d {a}/{prefix} {tail} -m comment --comment "{clean(h.name)}" -j ACCEPT')
        if not addresses_of(h, opts, fam):
            out.append(f"# {h.name}: no IPv{fam} address found at export time")
    return out
