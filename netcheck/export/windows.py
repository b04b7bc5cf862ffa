"""Windows Defender Firewall: a PowerShell script of New-NetFirewallRule outbound allow rules."""

from __future__ import annotations

from netcheck.export.base import ExportOptions, addresses_of, clean, header, literal
from netcheck.model import HostEntry, HostList

GROUP = "netcheck IBKR"


def _q(text: str) -> str:
    """A PowerShell single-quoted string: nothing inside expands; a quote is doubled."""
    return "'" + text.replace("'", "''") + "'"


def render(hl: HostList, opts: ExportOptions) -> str:
    lines = header(
        "windows-firewall",
        hl,
        "Outbound TCP that TWS / IB Gateway needs. Run in an elevated PowerShell (Run as administrator).",
        "Without --resolve, names are resolved when this script runs (Resolve-DnsName); run it again",
        "after IBKR changes addresses. Remove the rules with:",
        f"  Remove-NetFirewallRule -Group {_q(GROUP)}",
        "",
    )
    lines += [
        "$ErrorActionPreference = 'Stop'",
        "function Get-NetcheckAddresses([string]$Name) {",
        "  (Resolve-DnsName -Name $Name -DnsOnly | Where-Object { $_.IPAddress }).IPAddress | Sort-Object -Unique",
        "}",
        "",
    ]
    for h in hl.hosts:
        lines += _rule(h, opts)
    return "\r\n".join(lines) + "\r\n"  # PowerShell on Windows reads either; CRLF survives Notepad


def _rule(h: HostEntry, opts: ExportOptions) -> list[str]:
    ports = ",".join(map(str, h.ports))
    addrs = addresses_of(h, opts, 4) + addresses_of(h, opts, 6)
    if opts.addresses is None and not literal(h.name):
        remote = f"(Get-NetcheckAddresses {_q(h.name)})"
    elif addrs:
        remote = ",".join(_q(a) for a in addrs)
    else:
        return [f"# {h.name}: no address found at export time; rule skipped", ""]
    return [
        f"# {h.name}: TCP {ports} ({clean(h.purpose)})",
        f"New-NetFirewallRule -DisplayName {_q(f'{GROUP} {h.name} TCP {ports}')} -Group {_q(GROUP)} `",
        f"  -Direction Outbound -Action Allow -Protocol TCP -RemotePort {ports} -RemoteAddress {remote} `",
        f"  -Description {_q(clean(h.purpose))} | Out-Null",
        "",
    ]
