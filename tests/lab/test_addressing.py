"""Unit tests of the lab's address plan (no root needed)."""

from __future__ import annotations

import ipaddress

import pytest

from tests.lab import addressing as a


def test_default_list_has_underscore_names_and_url_hosts() -> None:
    hl = a.load_host_list()
    assert "ndc1_hb1.ibllc.com" in hl.host_names
    assert "connectivitycheck.gstatic.com" in hl.url_names


def test_plan_is_stable_unique_and_inside_documentation_ranges() -> None:
    names = a.load_host_list().all_names
    plan = a.plan_addresses(list(reversed(names)))
    assert plan == a.plan_addresses(names)
    v4s = {e.v4 for e in plan.values()}
    assert len(v4s) == len(plan)
    reserved = {a.LOCAL_DNS_V4, a.PUBLIC_DNS_V4, a.PORTAL_V4, a.HIJACK_V4, a.ROUTER_WAN_V4, a.INET_V4}
    assert not v4s & reserved
    for e in plan.values():
        assert ipaddress.ip_address(e.v4) in ipaddress.ip_network("203.0.113.0/24")
        assert ipaddress.ip_address(e.v6) in ipaddress.ip_network("2001:db8::/32")


def test_plan_refuses_more_names_than_addresses() -> None:
    with pytest.raises(ValueError, match="too many names"):
        a.plan_addresses([f"h{i}.example" for i in range(300)])
