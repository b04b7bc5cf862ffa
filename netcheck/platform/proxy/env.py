"""Proxies from the environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY), as command-line tools read them."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.platform.proxy.model import Proxy, ProxyConfig, dedupe, parse_proxy_url, split_list

ENV_KEYS = (("https_proxy", "https"), ("http_proxy", "http"), ("all_proxy", "all"))


def from_env(environ: Mapping[str, str]) -> ProxyConfig:
    """Lower case wins over upper case, as in curl and Python's urllib."""
    proxies: list[Proxy] = []
    for key, scope in ENV_KEYS:
        name, value = _env(environ, key)
        applies = ("http", "https") if scope == "all" else (scope,)
        p = parse_proxy_url(value, name, applies) if value else None
        if p:
            proxies.append(p)
    _, no_proxy = _env(environ, "no_proxy")
    return ProxyConfig(dedupe(proxies), split_list(no_proxy, ","))


def _env(environ: Mapping[str, str], key: str) -> tuple[str, str]:
    for name in (key, key.upper()):
        if environ.get(name):
            return name, environ[name]
    return key.upper(), ""
