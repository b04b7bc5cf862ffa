"""TLS handshakes cut on the path: a name filter (DPI), every name cut, or a path-MTU black hole.

The TLS probe records how a handshake on a connected socket ended (reset, closed, stalled) and what
two retries to the same address did (tls_retry.py). The conclusion, per handshake:
- the same name completes on a socket with a small MSS while a neutral name fails too: full-size
  packets are lost, a path-MTU black hole ("mtu");
- a neutral server name completes (or draws the server's alert) and the name is cut again, or was
  reset / closed: something reads the name ("sni");
- neither retry completes: every name is cut at that address, the server or something in front of it;
- a stall both retries got past proves nothing (a lossy link): left to the link rules.
These run before the portal-free partial-connectivity rule, whose HTTPS failures they explain.
"""

from __future__ import annotations

from netcheck import details
from netcheck.model import Kind, Outcome, Reason, Severity, Status
from netcheck.rules import State

ANSWERED = frozenset({"ok", "alert"})  # the server's reply came back through the path
CUT = frozenset({Reason.ERROR, Reason.TLS_ERROR, Reason.TIMEOUT})  # how HTTPS checks end on a cut handshake
CUT_RESULTS = frozenset({"reset", "closed", "stalled"})
IPV4_HEADERS, IPV6_HEADERS = 40, 60  # IP + TCP header bytes on top of the MSS


def cause(h: details.HandshakeDetail) -> str:
    """'' when the retries prove nothing: a stall that both retries got past is a lost packet (slow-link's)."""
    neutral, small = h.neutral_result in ANSWERED, h.small_mss_result in ANSWERED
    if small and not neutral:
        return "mtu"
    # A reset is never a lost packet; a stall counts when the same name stalled or was cut once more.
    if neutral and (h.happened != "stalled" or h.small_mss_result in CUT_RESULTS):
        return "sni"
    return "" if neutral else "every-name"


def _cut(s: State) -> dict[str, list[Outcome]]:
    by: dict[str, list[Outcome]] = {}
    for o in s.unexplained(s.facts.kind(Kind.TLS)):
        h = details.handshake(o)
        if h.happened and (why := cause(h)):
            by.setdefault(why, []).append(o)
    return by


def _portal(s: State) -> bool:
    """A portal may cut TLS too; the portal rule after this one names the real cause."""
    return any(o.reason is Reason.REDIRECT and o.check.url.startswith("http://") for o in s.facts.http)


def _https(s: State, reasons: frozenset[Reason]) -> list[Outcome]:
    """The reachability checks over HTTPS that failed the same way (certificates are another rule's)."""
    outs = [o for o in s.unexplained(s.facts.http) if o.check.url.startswith("https://")]
    return [o for o in outs if o.reason in reasons]


def _severity(outs: list[Outcome]) -> Severity:
    return Severity.FAIL if any(o.status is Status.FAIL for o in outs) else Severity.WARN


def _where(outs: list[Outcome]) -> dict[str, object]:
    first = details.handshake(outs[0])
    return {
        "hosts": ", ".join(sorted({o.check.host for o in outs})),
        "address": outs[0].check.address,
        "sni": outs[0].check.host,
        "happened": first.happened,
        "after_ms": first.after_ms,
        "neutral": first.neutral_sni,
        "neutral_result": first.neutral_result,
    }


def mtu_blackhole(s: State) -> None:
    outs = _cut(s).get("mtu", [])
    if not outs or _portal(s):
        return
    h = details.handshake(outs[0])
    extra = IPV6_HEADERS if ":" in outs[0].check.address else IPV4_HEADERS
    sizes = {"mss": h.mss or "?", "small_mss": h.small_mss or "?"}
    sizes.update(failed_bytes=h.mss + extra if h.mss else "?", ok_bytes=(h.small_mss or 0) + extra)
    stalled_https = _https(s, frozenset({Reason.TIMEOUT}))
    # TWS's login on 4001 is SSL too: it hangs the same way, whatever the web hosts' status.
    s.add("mtu-blackhole", Severity.FAIL, outs + stalled_https, **_where(outs), **sizes)


def tls_blocked(s: State) -> None:
    cut = _cut(s)
    if _portal(s) or not (cut.get("sni") or cut.get("every-name")):
        return
    for fid, key in (("tls-blocked", "sni"), ("tls-handshake-failed", "every-name")):
        outs = cut.get(key, [])
        if outs:
            s.add(fid, _severity(outs), outs + _https(s, CUT), **_where(outs))


RULES = (mtu_blackhole, tls_blocked)
