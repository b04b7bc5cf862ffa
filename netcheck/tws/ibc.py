"""Pure: is a TWS / IB Gateway process started by IBC where IBC drops the vmoptions' -D lines?

IBC's ibcstart.sh (Linux, macOS) builds the java command itself and skips vmoptions lines that start
with -D (since 2018), and clears JAVA_TOOL_OPTIONS; StartIBC.bat (Windows) keeps them. So there a
-Djava.net.preferIPv4Stack=true line in tws.vmoptions has no effect.
"""

from __future__ import annotations

from collections.abc import Sequence

IBC_MAINS = frozenset({"ibcalpha.ibc.IbcTws", "ibcalpha.ibc.IbcGateway"})
DROPS_D_LINES = frozenset({"linux", "darwin"})


def started_by_ibc(cmdline: Sequence[str]) -> bool:
    return any(arg in IBC_MAINS for arg in cmdline)


def drops_d_lines(platform: str, cmdline: Sequence[str]) -> bool:
    """For the sessions probe's `started_by_ibc` evidence (platform: linux | darwin | windows)."""
    return platform in DROPS_D_LINES and started_by_ibc(cmdline)
