"""Allow-list exporters as pure functions of a host list: names kept, addresses only from --resolve."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netcheck import hostlist
from netcheck.cli import FORMATS, main
from netcheck.export import REGISTRY, ExportOptions
from netcheck.export.resolve import resolve
from netcheck.model import HostEntry, HostList

GW = HostEntry("ndc1.ibllc.com", (4000, 4001), "TWS gateway", "america-east")
WEB = HostEntry("s3.amazonaws.com", (443,), 'TWS "cloud" settings\nsecond line')
LIT = HostEntry("203.0.113.7", (443,), "literal")
HL = HostList(hosts=(GW, WEB, LIT), sources=("test.toml",))
ADDRS = {"ndc1.ibllc.com": ("198.51.100.10", "2001:db8::10"), "s3.amazonaws.com": ("203.0.113.41",)}


def test_registry_matches_the_cli_choice() -> None:
    from netcheck.cli.hosts import export_cmd

    choice = next(p for p in export_cmd.params if p.name == "fmt").type
    assert tuple(choice.choices) == tuple(REGISTRY)  # type: ignore[attr-defined]
    assert set(REGISTRY) == {"csv", "json", "nft", "iptables", "windows-firewall", "squid"}
    assert "terminal" in FORMATS  # the run command's formats are unaffected


def test_csv_one_row_per_host_and_port() -> None:
    rows = list(csv.DictReader(io.StringIO(REGISTRY["csv"](HL, ExportOptions()))))
    assert [(r["host"], r["port"], r["protocol"]) for r in rows] == [
        ("ndc1.ibllc.com", "4000", "tcp"),
        ("ndc1.ibllc.com", "4001", "tcp"),
        ("s3.amazonaws.com", "443", "tcp"),
        ("203.0.113.7", "443", "tcp"),
    ]
    assert rows[0]["addresses"] == "" and rows[3]["addresses"] == "203.0.113.7"


def test_json_by_name_and_resolved() -> None:
    doc = json.loads(REGISTRY["json"](HL, ExportOptions()))
    assert doc["schema"] == "netcheck/allow/v1" and doc["resolved"] is False
    assert doc["rules"][0] == {
        "host": "ndc1.ibllc.com",
        "port": 4000,
        "protocol": "tcp",
        "purpose": "TWS gateway",
        "region": "america-east",
        "required": True,
        "addresses": [],
    }
    doc = json.loads(REGISTRY["json"](HL, ExportOptions(addresses=ADDRS)))
    assert doc["rules"][0]["addresses"] == ["198.51.100.10", "2001:db8::10"]


def test_squid_allows_only_the_https_hosts_and_warns_about_gateways() -> None:
    out = REGISTRY["squid"](HL, ExportOptions())
    assert "acl ibkr_https dstdomain s3.amazonaws.com" in out
    assert "acl ibkr_https dst 203.0.113.7" in out
    assert "http_access allow CONNECT ibkr_https ibkr_https_ports" in out
    assert "cannot go through squid" in out
    directives = [ln for ln in out.splitlines() if ln and not ln.startswith("#")]
    assert not any("ndc1" in ln for ln in directives)


def test_nft_named_sets_by_default_and_elements_with_resolve() -> None:
    out = REGISTRY["nft"](HL, ExportOptions())
    assert "set tcp_4000_4001_v4 {" in out and "elements" not in out.split("set tcp_443_v4")[0]
    assert "elements = { 203.0.113.7 }" in out  # a literal needs no lookup
    out = REGISTRY["nft"](HL, ExportOptions(addresses=ADDRS))
    assert "elements = { 198.51.100.10 }" in out and "elements = { 2001:db8::10 }" in out
    assert "elements = { 203.0.113.41, 203.0.113.7 }" in out
    assert "#   s3.amazonaws.com (TWS cloud settings second line)" in out  # quotes and newlines cleaned


def test_iptables_uses_ipset_by_default_and_addresses_with_resolve() -> None:
    out = REGISTRY["iptables"](HL, ExportOptions())
    assert "-m set --match-set nc-ibkr4-4000-4001 dst" in out
    assert "ipset create nc-ibkr4-4000-4001 hash:ip family inet" in out
    assert "-A NETCHECK-IBKR -d 203.0.113.7/32 -p tcp -m multiport --dports 443" in out
    out = REGISTRY["iptables"](HL, ExportOptions(addresses=ADDRS, ipv6=True))
    assert "-A NETCHECK-IBKR -d 2001:db8::10/128 -p tcp -m multiport --dports 4000,4001" in out
    assert "--match-set" not in out
    assert "# s3.amazonaws.com: no IPv6 address found at export time" in out


def test_windows_script_quotes_and_resolves_at_run_time() -> None:
    out = REGISTRY["windows-firewall"](HL, ExportOptions())
    assert "-RemoteAddress (Get-NetcheckAddresses 'ndc1.ibllc.com')" in out
    assert "-RemotePort 4000,4001" in out and "-RemoteAddress '203.0.113.7'" in out
    assert out.count("New-NetFirewallRule") == 3 and "\r\n" in out
    assert '"' not in "".join(ln for ln in out.splitlines() if "-Description" in ln)
    out = REGISTRY["windows-firewall"](HL, ExportOptions(addresses=ADDRS))
    assert "-RemoteAddress '198.51.100.10','2001:db8::10'" in out


def test_powershell_quote_is_doubled() -> None:
    from netcheck.export.windows import _q

    assert _q("it's") == "'it''s'"


def test_resolve_uses_the_seam_and_skips_literals() -> None:
    asked: list[str] = []

    def fake(name: str) -> list[str]:
        asked.append(name)
        return ["198.51.100.9", "198.51.100.9"]

    assert resolve(HL, fake) == {"ndc1.ibllc.com": ("198.51.100.9",), "s3.amazonaws.com": ("198.51.100.9",)}
    assert asked == ["ndc1.ibllc.com", "s3.amazonaws.com"]


@pytest.mark.parametrize("fmt", sorted(REGISTRY))
def test_every_format_handles_the_bundled_list(fmt: str) -> None:
    out = REGISTRY[fmt](hostlist.load(), ExportOptions())
    assert "ndc1.ibllc.com" in out or fmt == "squid"


def test_cli_hosts_group_keeps_old_behaviour_and_exports(tmp_path: Path) -> None:
    f = tmp_path / "l.toml"
    f.write_text('[[host]]\nname = "127.0.0.1"\nports = [4001]\n')
    r = CliRunner().invoke(main, ["hosts", "--hosts", str(f), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["hosts"][0]["name"] == "127.0.0.1"
    r = CliRunner().invoke(main, ["hosts", "--hosts", str(f)])
    assert r.exit_code == 0 and "127.0.0.1" in r.output
    r = CliRunner().invoke(main, ["hosts", "export", "--hosts", str(f), "--format", "iptables", "--resolve"])
    assert r.exit_code == 0, r.output
    assert "-A NETCHECK-IBKR -d 127.0.0.1/32 -p tcp -m multiport --dports 4001" in r.output
    r = CliRunner().invoke(main, ["hosts", "export", "--hosts", str(tmp_path / "missing.toml"), "--format", "csv"])
    assert r.exit_code == 3
