"""Local interface probe: which interfaces count as usable, as a table (psutil's view replaced)."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import psutil
import pytest

from netcheck.model import Check, Kind, Reason, Status
from netcheck.probes.base import ProbeContext
from netcheck.probes.local import probe

V4, V6 = socket.AF_INET, socket.AF_INET6
LINK = getattr(socket, "AF_PACKET", getattr(socket, "AF_LINK", -1))  # a MAC address, not an IP one
CHECK = Check(id="local:interfaces", kind=Kind.LOCAL, target="network interfaces", params={"what": "interfaces"})

# name -> (is up, [(family, address)])
Interfaces = dict[str, tuple[bool, list[tuple[int, str]]]]


@pytest.mark.parametrize(
    ("interfaces", "usable"),
    [
        ({}, []),
        ({"lo": (True, [(V4, "127.0.0.1"), (V6, "::1")])}, []),
        ({"lo0": (True, [(V4, "127.0.0.1")])}, []),  # macOS
        ({"Loopback Pseudo-Interface 1": (True, [(V4, "127.0.0.1")])}, []),  # Windows
        ({"eth0": (False, [(V4, "198.51.100.2")])}, []),  # down
        ({"eth0": (True, [])}, []),  # up, no address
        ({"eth0": (True, [(LINK, "02:00:00:00:00:01")])}, []),  # up, only a MAC address
        ({"eth0": (True, [(V4, "127.0.0.2")])}, []),  # loopback addresses only, whatever its name
        ({"eth0": (True, [(V4, "198.51.100.2")])}, ["eth0"]),
        ({"eth0": (True, [(V6, "2001:db8::2")])}, ["eth0"]),  # IPv6 alone is usable
        ({"eth0": (True, [(V4, "127.0.0.2"), (V4, "198.51.100.2")])}, ["eth0"]),
        ({"wlan0": (True, [(V4, "203.0.113.9")]), "eth0": (False, [(V4, "198.51.100.2")])}, ["wlan0"]),
        ({"wlan0": (True, [(V4, "203.0.113.9")]), "eth0": (True, [(V4, "198.51.100.2")])}, ["eth0", "wlan0"]),
    ],
)
async def test_usable_interfaces(monkeypatch: pytest.MonkeyPatch, interfaces: Interfaces, usable: list[str]) -> None:
    stats = {name: SimpleNamespace(isup=up) for name, (up, _) in interfaces.items()}
    addrs = {name: [SimpleNamespace(family=f, address=a) for f, a in pairs] for name, (_, pairs) in interfaces.items()}
    monkeypatch.setattr(psutil, "net_if_stats", lambda: stats)
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: addrs)
    out = await probe(CHECK, ProbeContext())
    assert out.detail["interfaces"] == usable
    if usable:
        assert (out.status, out.reason) == (Status.PASS, Reason.OK)
    else:  # no usable interface is a failure of a required check, never a pass
        assert (out.status, out.reason) == (Status.FAIL, Reason.UNREACHABLE)
