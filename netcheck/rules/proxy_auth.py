"""Proxies that look like a captive portal and are not: one that asks for credentials (407), and a
broken transparent proxy (a 200 with an empty body where a 204 was due). Both run before the portal rule.

It runs before the portal rule. Browsers show a login prompt and then work; TWS has no proxy
setting and its 4000/4001 connections are not HTTP, so such a proxy is no way out for TWS at all.
When no direct connection works either, that is the reason TWS fails here; when the gateways
answer directly, it only explains why the web checks failed (a warning)."""

from __future__ import annotations

from netcheck import details
from netcheck.facts import failed
from netcheck.model import Kind, Outcome, Severity
from netcheck.rules import State


def asks_for_credentials(o: Outcome) -> bool:
    return failed(o) and details.proxy(o).auth_required


def proxy_auth_required(s: State) -> None:
    f = s.facts
    asked = [o for o in f.kind(Kind.PROXY) + f.http if asks_for_credentials(o)]
    if not asked:
        return
    direct_ok = f.any_pass(f.gateway_tcp)
    # Nothing direct works: the failed connects are this network's (proxy-only, with a login) fault.
    direct = [] if f.any_pass(f.tcp) else s.unexplained(f.tcp)
    s.add(
        "proxy-auth-required",
        Severity.WARN if direct_ok else Severity.FAIL,
        asked + direct,
        proxy=_proxies(asked),
        schemes=", ".join(sorted({x for o in asked for x in details.proxy(o).auth_schemes})) or "-",
    )


def transparent_proxy(s: State) -> None:
    """Android's and ChromeOS's rule: nobody can sign in on an empty page, so it is no portal. The web
    answered, so the network is up; TWS's own connections do not pass an HTTP proxy (a warning)."""
    empty = [o for o in s.unexplained(s.facts.http) if details.proxy(o).transparent_proxy]
    if empty:
        s.add("transparent-proxy", Severity.WARN, empty, urls=", ".join(o.check.url for o in empty))


def _proxies(asked: list[Outcome]) -> str:
    """The proxy checks name their proxy; an HTTP check only knows it went through the configured one."""
    names = sorted({details.params(o.check).proxy for o in asked} - {""})
    return ", ".join(names) or "-"


RULES = (proxy_auth_required, transparent_proxy)
