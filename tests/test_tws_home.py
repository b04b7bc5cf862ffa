"""The account's server: region mapping, run order, and the per-region latency table."""

from __future__ import annotations

from dataclasses import replace

from netcheck.model import HostEntry, HostList, Reason
from netcheck.regions import region_table
from netcheck.tws.home import local_only, put_first, regions_with_home, resolve
from tests.helpers import healthy, tcp

HL = HostList(
    hosts=(
        HostEntry("ndc1.ibllc.com", (4000, 4001), "TWS gateway", "america-east"),
        HostEntry("zdc1.ibllc.com", (4000, 4001), "TWS gateway", "europe"),
        HostEntry("zdc1_hb1.ibllc.com", (4000, 4001), "TWS gateway backup", "europe", required=False),
    ),
    sources=("tws.toml",),
)


def test_peer_maps_to_region_and_goes_first() -> None:
    home = resolve("ZDC1.ibllc.com", 4001, "/home/ann/Jts/jts.ini", HL)
    assert (home.host, home.region) == ("zdc1.ibllc.com", "europe")
    ordered = put_first(HL, home)
    assert [h.name for h in ordered.hosts] == ["zdc1.ibllc.com", "ndc1.ibllc.com", "zdc1_hb1.ibllc.com"]
    assert regions_with_home(("asia",), home) == ("asia", "europe")


def test_unknown_peer_is_added_optional_without_region() -> None:
    """Peer= is the server TWS last used, maybe a template's default: never a required failure."""
    home = resolve("sdc1.ibllc.com", 4001, "jts.ini", HL)
    first = put_first(HL, home).hosts[0]
    assert (first.name, first.ports, first.region, first.required) == ("sdc1.ibllc.com", (4000, 4001), "", False)
    assert regions_with_home((), home) == ()
    assert put_first(HL, None) == HL


def test_known_peer_keeps_the_lists_required_flag() -> None:
    ordered = put_first(HL, resolve("zdc1_hb1.ibllc.com", 4001, "jts.ini", HL))
    assert ordered.hosts[0].name == "zdc1_hb1.ibllc.com" and ordered.hosts[0].required is False


def test_order_routing_server_is_tested_second() -> None:
    home = replace(resolve("zdc1.ibllc.com", 4001, "jts.ini", HL), order_host="ndc1.ibllc.com", use_ssl=False)
    assert [h.name for h in put_first(HL, home).hosts] == ["zdc1.ibllc.com", "ndc1.ibllc.com", "zdc1_hb1.ibllc.com"]
    assert home.as_dict()["order_routing"] == "ndc1.ibllc.com" and home.as_dict()["use_ssl"] is False


def test_local_only_tests_no_network() -> None:
    assert local_only(HL).hosts == () and local_only(HL).sources == ("tws.toml",)


def test_region_table_medians_and_home_flag() -> None:
    outs = healthy(**{"zdc1.ibllc.com:4000": Reason.TIMEOUT, "zdc1.ibllc.com:4001": Reason.TIMEOUT})
    outs += [tcp("ndc1.ibllc.com", 4001, "198.51.100.11", region="america-east", ms=40.0)]
    rows = {r["region"]: r for r in (row.as_dict() for row in region_table(outs, "europe"))}
    assert rows["america-east"] == {
        "region": "america-east",
        "gateways": 1,
        "reachable": 1,
        "median_connect_ms": 20.0,
        "home": False,
    }
    assert rows["europe"]["reachable"] == 0 and rows["europe"]["median_connect_ms"] is None
    assert rows["europe"]["home"] is True
    assert "" not in rows  # web hosts (443, no region) are not regions
