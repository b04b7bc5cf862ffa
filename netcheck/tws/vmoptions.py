"""Pure parser for tws.vmoptions / ibgateway.vmoptions (one JVM option per line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

KEEP_MARKER = "### keep on update"
PREFER_IPV4 = "-Djava.net.preferIPv4Stack=true"
_XMX = re.compile(r"^-Xmx(\d+)([kKmMgGtT]?)$")
_UNIT_MB = {"": 1 / (1024 * 1024), "k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}


@dataclass(frozen=True)
class VmOptions:
    xmx_mb: int | None  # the JVM honours the last -Xmx
    prefer_ipv4: bool
    keep_marker_line: int | None  # 1-based line of "### keep on update"
    d32: bool = False  # an old launcher asked explicitly for a 32-bit JVM


def parse(text: str) -> VmOptions:
    xmx: int | None = None
    prefer = d32 = False
    marker: int | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.lower().startswith(KEEP_MARKER):
            marker = marker or n
        if not line or line.startswith("#"):
            continue
        size = xmx_mb(line)
        xmx = size if size is not None else xmx
        prefer = prefer or line.replace(" ", "") == PREFER_IPV4
        d32 = d32 or line == "-d32"
    return VmOptions(xmx_mb=xmx, prefer_ipv4=prefer, keep_marker_line=marker, d32=d32)


def xmx_mb(option: str) -> int | None:
    """'-Xmx4g' -> 4096; None when the line is not a valid -Xmx."""
    m = _XMX.match(option)
    if not m:
        return None
    return int(int(m.group(1)) * _UNIT_MB[m.group(2).lower()])
