"""The bogon table at and around every range boundary (issue 14: RFC 6890 special-purpose ranges)."""

from __future__ import annotations

import ipaddress

import pytest

from netcheck.bogons import IPV4_BOGONS, IPV6_BOGONS, bogon_reason, is_bogon

# Pure table lookups: the public addresses below are only classified, never contacted.
EDGES_V4 = [
    # (address, bogon?) at and just outside each range
    ("0.0.0.0", True),
    ("0.255.255.255", True),
    ("1.0.0.0", False),
    ("9.255.255.255", False),
    ("10.0.0.0", True),
    ("10.255.255.255", True),
    ("11.0.0.0", False),
    ("100.63.255.255", False),
    ("100.64.0.0", True),
    ("100.127.255.255", True),
    ("100.128.0.0", False),
    ("126.255.255.255", False),
    ("127.0.0.1", True),
    ("127.255.255.255", True),
    ("128.0.0.0", False),
    ("169.253.255.255", False),
    ("169.254.0.1", True),
    ("169.254.255.255", True),
    ("169.255.0.0", False),
    ("172.15.255.255", False),
    ("172.16.0.0", True),
    ("172.31.255.255", True),
    ("172.32.0.0", False),
    ("192.0.0.0", True),
    ("192.0.0.255", True),
    ("192.0.1.0", False),
    ("192.167.255.255", False),
    ("192.168.0.1", True),
    ("192.168.255.255", True),
    ("192.169.0.0", False),
    ("198.17.255.255", False),
    ("198.18.0.0", True),
    ("198.19.255.255", True),
    ("198.20.0.0", False),
    ("223.255.255.255", False),
    ("224.0.0.1", True),
    ("239.255.255.255", True),
    ("240.0.0.0", True),
    ("255.255.255.255", True),
    # documentation ranges are not bogons (the lab's "internet"); nor are ordinary public addresses
    ("192.0.2.1", False),
    ("198.51.100.22", False),
    ("203.0.113.22", False),
    ("8.8.8.8", False),
    ("64.190.197.40", False),
]
EDGES_V6 = [
    ("::", True),
    ("::1", True),
    ("::2", False),
    ("fbff:ffff::1", False),
    ("fc00::1", True),
    ("fdff:ffff:ffff::1", True),
    ("fe00::1", False),
    ("fe7f:ffff::1", False),
    ("fe80::1", True),
    ("fe80::1%eth0", True),
    ("febf:ffff::1", True),
    ("fec0::1", True),
    ("feff:ffff::1", True),
    ("ff02::1", True),
    ("ff0e::1", True),
    ("100::1", True),
    ("100:0:0:1::1", False),
    ("64:ff9b:1::1", True),
    ("2001:db8::1", False),
    ("2001:db8:113::22", False),
    ("2606:4700::1111", False),
    # IPv4 carried in IPv6: judged by the IPv4 address
    ("::ffff:10.0.0.1", True),
    ("::ffff:8.8.8.8", False),
    ("::ffff:203.0.113.5", False),
    ("2002:0a00:0001::1", True),
    ("2002:c0a8:0101::1", True),
    ("2002:0808:0808::1", False),
    # Teredo: server 65.54.227.120 (public); client 192.168.1.1 obfuscated (XOR 0xffffffff) -> bogon
    ("2001:0:4136:e378:8000:63bf:3f57:fefe", True),
    ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", False),  # client 8.8.8.8
    ("2001:0:0a00:0001:8000:63bf:f7f7:f7f7", True),  # server 10.0.0.1
]


@pytest.mark.parametrize(("address", "bogon"), EDGES_V4 + EDGES_V6)
def test_bogon_table_edges(address: str, bogon: bool) -> None:
    assert is_bogon(address) is bogon, bogon_reason(address)


@pytest.mark.parametrize("garbage", ["", "not-an-ip", "1.2.3", "999.1.1.1", "::g"])
def test_what_does_not_parse_is_a_bogon(garbage: str) -> None:
    assert bogon_reason(garbage) == "not an IP address"


@pytest.mark.parametrize(("net", "why"), IPV4_BOGONS + IPV6_BOGONS)
def test_every_range_is_caught_at_both_ends_with_its_reason(net: str, why: str) -> None:
    n = ipaddress.ip_network(net)
    for ip in (n.network_address, n.broadcast_address):
        reason = bogon_reason(str(ip))
        assert reason, ip
        if "IPv4-mapped" not in why:
            assert reason == why


def test_the_reason_says_when_an_ipv4_bogon_hides_in_ipv6() -> None:
    assert bogon_reason("2002:0a00:0001::1") == "private (RFC 1918), carried inside an IPv6 answer"
