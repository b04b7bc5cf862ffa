"""IBC detection: where IBC's start script drops the vmoptions' -D lines."""

from __future__ import annotations

import pytest

from netcheck.tws.ibc import drops_d_lines, started_by_ibc

IBC_TWS = ["java", "-cp", "/opt/ibc/IBC.jar:/home/ann/Jts/1030/jars/*", "ibcalpha.ibc.IbcTws", "/opt/ibc/config.ini"]
PLAIN = ["java", "-cp", "/home/ann/Jts/1030/jars/*", "jclient.LoginFrame", "/home/ann/Jts"]


@pytest.mark.parametrize(
    ("platform", "cmdline", "expected"),
    [
        ("linux", IBC_TWS, True),
        ("darwin", [*IBC_TWS[:3], "ibcalpha.ibc.IbcGateway"], True),
        ("windows", IBC_TWS, False),  # StartIBC.bat keeps -D lines
        ("linux", PLAIN, False),
    ],
)
def test_drops_d_lines(platform: str, cmdline: list[str], expected: bool) -> None:
    assert drops_d_lines(platform, cmdline) is expected
    assert started_by_ibc(cmdline) is (cmdline is not PLAIN)
