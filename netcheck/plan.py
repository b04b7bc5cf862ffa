"""Moved to `netcheck.planner.checks`; kept so existing imports (`from netcheck import plan`) work."""

from netcheck.planner.checks import (
    API_PORTS,
    address_check,
    dns_checks,
    local_checks,
    machine_checks,
    reachability_checks,
    tcp_check,
    tcp_placeholder,
)

__all__ = [
    "API_PORTS",
    "address_check",
    "dns_checks",
    "local_checks",
    "machine_checks",
    "reachability_checks",
    "tcp_check",
    "tcp_placeholder",
]
