"""Whole-picture rules: no network, captive portal, no internet. Each ends the diagnosis."""

from __future__ import annotations

from netcheck import details
from netcheck.facts import failed
from netcheck.model import Kind, Reason, Severity, Status
from netcheck.rules import State


def no_network(s: State) -> None:
    ifs, r4, r6 = (s.facts.local.get(k) for k in ("local:interfaces", "local:route:ipv4", "local:route:ipv6"))
    down = [o for o in (ifs, r4) if o and failed(o)]
    if down and not (r6 and r6.status is Status.PASS):
        s.add("no-network", Severity.FAIL, down + s.unexplained(s.all_failed()))
        s.final = True


def captive_portal(s: State) -> None:
    hits = [
        o
        for o in s.facts.http
        if o.reason in (Reason.REDIRECT, Reason.HTTP_STATUS) and o.check.url.startswith("http://")
    ]
    if hits:
        location = next((loc for o in hits if (loc := details.web(o).location)), "")
        s.add("captive-portal", Severity.FAIL, hits + s.unexplained(s.all_failed()), location=location)
        s.final = True


def no_internet(s: State) -> None:
    f = s.facts
    external = f.http + f.tcp + f.kind(Kind.DNS_CROSS)
    if not external or f.any_pass(f.http) or f.any_pass(f.tcp) or f.any_pass(f.kind(Kind.DNS_CROSS)):
        return
    if f.any_pass([o for o in f.kind(Kind.PROXY) if details.params(o.check).mode == "connect"]):
        return  # a proxy tunnels to IBKR: the internet is there, only the direct path is shut (proxy-only)
    if not any(failed(o) for o in f.http + f.tcp) and f.any_pass(f.kind(Kind.DNS)):
        return
    s.add("no-internet", Severity.FAIL, s.all_failed())
    s.final = True


def partial_connectivity(s: State) -> None:
    """Plain HTTP gets through but HTTPS does not (a broken transparent proxy or a filter).
    Certificate problems are left to the TLS rules: that is interception, not a cut."""
    plain = [o for o in s.facts.http if o.check.url.startswith("http://")]
    secure = [o for o in s.facts.http if o.check.url.startswith("https://")]
    tls = (Reason.TLS_UNTRUSTED, Reason.TLS_ERROR)
    if s.facts.any_pass(plain) and secure and not s.facts.any_pass(secure):
        cut = [o for o in s.unexplained(secure) if o.reason not in tls]  # a cut TLS handshake is tls_path's
        # HTTPS timing out while TCP 443 to IBKR connects is a slow or lossy path, not a cut:
        # the link rules explain that.
        slow = all(o.reason is Reason.TIMEOUT for o in cut) and s.facts.any_pass(s.facts.web_tcp)
        if cut and not slow:
            s.add("partial-connectivity", Severity.FAIL, cut, hosts=", ".join(o.check.url for o in cut))


RULES = (no_network, captive_portal, no_internet, partial_connectivity)
