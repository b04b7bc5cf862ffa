"""The probe registry: one module per kind, one signature `async (Check, ProbeContext) -> Outcome`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from netcheck.api import probe as api_probe
from netcheck.model import Check, Kind, Outcome
from netcheck.probes import canary, dns, http, local, machine, tcp
from netcheck.probes import proxy as proxy_probe
from netcheck.probes import tls as tls_probe
from netcheck.probes.base import ProbeContext

Probe = Callable[[Check, ProbeContext], Awaitable[Outcome]]

REGISTRY: dict[Kind, Probe] = {
    Kind.LOCAL: local.probe,
    Kind.DNS: dns.probe,
    Kind.DNS_CROSS: dns.probe,
    Kind.TCP: tcp.probe,
    Kind.HTTP: http.probe,
    Kind.TLS: tls_probe.probe,
    Kind.PROXY: proxy_probe.probe,
    Kind.MACHINE: machine.probe,
    Kind.API: api_probe.probe,
    Kind.CANARY: canary.probe,
}

__all__ = ["REGISTRY", "Probe", "ProbeContext"]
