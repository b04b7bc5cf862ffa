"""The one small interface to OS-specific behaviour. Everything else in netcheck is portable."""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass

# Windows ignores ICMP errors during connect() and just waits for the timeout unless this
# option (TCP_FAIL_CONNECT_ON_ICMP_ERROR, from ws2ipdef.h) is set; nmap sets it too.
_TCP_FAIL_CONNECT_ON_ICMP_ERROR = 18


@dataclass(frozen=True)
class Platform:
    name: str  # "linux" | "darwin" | "windows"

    def prepare_connect_socket(self, sock: socket.socket) -> None:
        if self.name == "windows":
            try:
                sock.setsockopt(socket.IPPROTO_TCP, _TCP_FAIL_CONNECT_ON_ICMP_ERROR, 1)
            except OSError:
                pass  # older Windows builds lack it: ICMP rejects then look like timeouts

    def route_exists(self, family: int, probe_address: str) -> str | None:
        """The local source address the OS would use to reach `probe_address`, or None when
        there is no route. A UDP connect() only consults the routing table: nothing is sent."""
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe_address, 9))
                return str(s.getsockname()[0])
        except OSError:
            return None


def current() -> Platform:
    if sys.platform.startswith("win"):
        return Platform("windows")
    if sys.platform == "darwin":
        return Platform("darwin")
    return Platform("linux")
