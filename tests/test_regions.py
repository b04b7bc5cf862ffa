"""Region table: backups never count in a region's gateways or median connect time."""

from __future__ import annotations

from dataclasses import replace

from netcheck import hostlist
from netcheck.model import Kind
from netcheck.planner.checks import tcp_check
from netcheck.regions import region_table
from tests.helpers import tcp


def test_backup_from_the_bundled_list_is_in_no_region() -> None:
    hosts = {h.name: h for h in hostlist.load().hosts}
    primary = tcp_check(hosts["zdc1.ibllc.com"], 4001, "198.51.100.20")
    backup = tcp_check(hosts["zdc1-hb1.ibllc.com"], 4001, "198.51.100.21")
    assert primary.region == "europe" and backup.region == ""  # what the planner copies from the host list


def test_backup_rtt_does_not_move_the_median() -> None:
    outs = [tcp("zdc1.ibllc.com", 4001, "198.51.100.20", region="europe", ms=20.0)]
    far = tcp("zdc1-hb1.ibllc.com", 4001, "198.51.100.21", region="europe", ms=140.0)
    marked = replace(far, check=replace(far.check, params={"backup_of": "zdc1.ibllc.com"}))
    unmarked = replace(far, check=replace(far.check, region=""))
    for backup in (marked, unmarked):
        (row,) = region_table([*outs, backup])
        assert (row.region, row.gateways, row.median_connect_ms) == ("europe", 1, 20.0)
    (row,) = region_table([*outs, far])  # a gateway of the region does count
    assert row.gateways == 2 and row.median_connect_ms == 80.0
    assert far.check.kind is Kind.TCP
