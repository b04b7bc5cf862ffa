"""The local route checks: IPv6 counts only with a global source address (no IPv6 here is normal, not a fault)."""

from __future__ import annotations

import pytest

from netcheck.model import Reason, Status
from netcheck.planner import local_checks
from netcheck.platform import Platform
from netcheck.probes import ProbeContext, local


class RouteTo(Platform):
    """The OS's answer to a route look-up, fixed: the source address it would use, or None (no route)."""

    def __init__(self, source: str | None) -> None:
        super().__init__("linux")
        self._source = source

    def route_exists(self, family: int, probe_address: str) -> str | None:
        return self._source


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("2001:db8:100::2", Status.PASS),  # global (documentation: the lab's internet)
        ("2a02:1210::5", Status.PASS),
        (None, Status.SKIP),  # no IPv6 default route
        ("fe80::1%eth0", Status.SKIP),  # only a link-local address
        ("fd00:1::2", Status.SKIP),  # unique-local only: no global IPv6 address
        ("fec0::2", Status.SKIP),
        ("::1", Status.SKIP),
    ],
)
async def test_ipv6_route_needs_a_global_source_address(source: str | None, status: Status) -> None:
    check = local_checks()[2]
    out = await local.probe(check, ProbeContext(platform=RouteTo(source)))
    assert out.status is status
    assert status is Status.PASS or out.reason is Reason.NOT_APPLICABLE  # information, never a failure


@pytest.mark.parametrize(("source", "status"), [("198.51.100.2", Status.PASS), (None, Status.FAIL)])
async def test_ipv4_route(source: str | None, status: Status) -> None:
    out = await local.probe(local_checks()[1], ProbeContext(platform=RouteTo(source)))
    assert out.status is status
