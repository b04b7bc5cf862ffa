"""Pure round-trip-time estimator and connect-retry schedule (RFC 6298 / nmap-style adaptive timeouts)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ALPHA, BETA = 1 / 8, 1 / 4  # RFC 6298 smoothing gains, as in every TCP stack and in nmap


@dataclass(frozen=True)
class Policy:
    """Timing knobs of one run. `ceiling` is --timeout: no check waits longer for a connect."""

    ceiling: float = 2.0
    initial: float = 1.0  # RTO while nothing is measured: RFC 6298's and nmap's initial 1 s
    floor: float = 0.2  # no retry before this, however fast the path (nmap: 100 ms)
    attempts: int = 5  # connects per check before a port is called dropped
    # Linux acts on an ICMPv6 reject only when it retransmits the SYN (after 1 s), so no port is
    # called dropped before that: a firewall's reject must not be reported as a silent drop.
    settle: float = 1.1

    def clamp(self, seconds: float) -> float:
        return min(self.ceiling, max(self.floor, seconds))


@dataclass
class _Smoothed:
    srtt: float
    rttvar: float

    def update(self, sample: float) -> None:
        self.rttvar = (1 - BETA) * self.rttvar + BETA * abs(self.srtt - sample)
        self.srtt = (1 - ALPHA) * self.srtt + ALPHA * sample


@dataclass
class RttEstimator:
    """Smoothed RTT per key (an address, a region) and overall. Owned by one run, never shared.

    Keys are asked most specific first, so a gateway whose ports are all dropped still gets a
    timeout from its region's or the whole run's measurements, as nmap uses its global timing."""

    policy: Policy = field(default_factory=Policy)
    _keys: dict[str, _Smoothed] = field(default_factory=dict)
    _all: _Smoothed | None = None

    def observe(self, keys: Iterable[str], sample: float) -> None:
        for key in keys:
            self._keys[key] = _feed(self._keys.get(key), sample)
        self._all = _feed(self._all, sample)

    def known(self, keys: Iterable[str]) -> bool:
        return self._all is not None or any(k in self._keys for k in keys)

    def rto(self, keys: Iterable[str]) -> float:
        """Seconds to wait for one connect before sending the next attempt: srtt + 4·rttvar."""
        found = next((self._keys[k] for k in keys if k in self._keys), self._all)
        if found is None:  # at least two attempts fit in the ceiling, however short
            return min(self.policy.initial, self.policy.ceiling / 2)
        # Never below 1.5 srtt: on a steady path rttvar decays to ~0, and a retry sent just
        # before the answer arrives doubles the traffic and looks like loss.
        return self.policy.clamp(found.srtt + max(4 * found.rttvar, found.srtt / 2))


def _feed(est: _Smoothed | None, sample: float) -> _Smoothed:
    if est is None:  # RFC 6298 2.2: the first measurement sets srtt = R, rttvar = R/2
        return _Smoothed(sample, sample / 2)
    est.update(sample)
    return est


@dataclass(frozen=True)
class Step:
    """What a connect check does next: send another attempt now, wait, or give up."""

    send: bool
    give_up: bool
    wait: float  # seconds until the next decision (ignored when giving up)


def next_step(elapsed: float, sent: int, rto: float, policy: Policy, known: bool) -> Step:
    """Attempts go out every `rto` (a new socket each, older ones stay open, so a late answer to
    any of them still counts); the port is called dropped `rto` after the last one (and not
    before `policy.settle`), and never later than `policy.ceiling` after the first. While the
    path's RTT is unknown, decisions are re-taken often, so the first measurement anywhere in
    the run shortens the wait at once."""
    if elapsed >= policy.ceiling:
        return Step(send=False, give_up=True, wait=0.0)
    due = sent * rto  # attempt number `sent + 1` is due then; after the last one, the verdict
    if elapsed >= due and sent < policy.attempts:
        return Step(send=True, give_up=False, wait=0.0)
    settled = min(policy.settle, policy.ceiling)
    if elapsed >= due and elapsed >= settled:
        return Step(send=False, give_up=True, wait=0.0)
    wait = min(max(due, settled) if sent >= policy.attempts else due, policy.ceiling) - elapsed
    if not known:
        wait = min(wait, RECHECK_S)
    return Step(send=False, give_up=False, wait=max(wait, 0.0))


RECHECK_S = 0.05


@dataclass(frozen=True)
class LinkStats:
    median_ms: float
    loss_pct: float
    samples: int
    attempts: int


def link_stats(rtts_ms: list[float], attempts: int, answered: int) -> LinkStats:
    """Median connect RTT, and loss as the share of connect attempts that got no answer on
    ports that did answer (dropped ports say nothing about loss, so callers leave them out)."""
    return LinkStats(median_ms(rtts_ms), loss_pct(attempts, answered), len(rtts_ms), attempts)


def median_ms(rtts_ms: list[float]) -> float:
    """The median connect RTT in ms (0 without samples), to 0.1 ms."""
    ordered = sorted(rtts_ms)
    n = len(ordered)
    median = 0.0 if not n else (ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2)
    return round(median, 1)


def loss_pct(attempts: int, answered: int) -> float:
    """The share of connect attempts that got no answer, in percent (0 without attempts), to 0.1."""
    return round(0.0 if not attempts else 100.0 * (attempts - answered) / attempts, 1)
