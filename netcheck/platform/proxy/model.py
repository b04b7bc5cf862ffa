"""A configured proxy as netcheck sees it; credentials are dropped on parsing."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORT = {"http": 80, "https": 443, "socks": 1080, "socks4": 1080, "socks5": 1080, "socks5h": 1080}


@dataclass(frozen=True)
class Proxy:
    """One configured proxy. Credentials are dropped on parsing: they never reach a report."""

    scheme: str  # http | https | socks4 | socks5 | socks5h
    host: str
    port: int
    source: str  # where the setting was found, e.g. "HTTPS_PROXY" or "Windows (WinINet)"
    applies_to: tuple[str, ...] = ("https",)
    has_credentials: bool = False

    @property
    def endpoint(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.endpoint}"


@dataclass(frozen=True)
class ProxyConfig:
    proxies: tuple[Proxy, ...] = ()
    no_proxy: tuple[str, ...] = ()
    pac_url: str = ""  # automatic configuration script: recorded, not evaluated

    def merged(self, other: ProxyConfig) -> ProxyConfig:
        seen = {(p.host.lower(), p.port) for p in self.proxies}
        extra = tuple(p for p in other.proxies if (p.host.lower(), p.port) not in seen)
        return ProxyConfig(
            self.proxies + extra,
            tuple(dict.fromkeys(self.no_proxy + other.no_proxy)),
            self.pac_url or other.pac_url,
        )


def parse_proxy_url(text: str, source: str, applies_to: tuple[str, ...]) -> Proxy | None:
    """'http://user:pw@proxy:3128', 'proxy:3128' or 'socks5://[2001:db8::1]:1080' -> Proxy."""
    text = text.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if not parts.hostname or scheme not in DEFAULT_PORT:
        return None
    scheme = "socks5" if scheme == "socks" else scheme
    has_creds = bool(parts.username or parts.password)
    return Proxy(scheme, parts.hostname, port or DEFAULT_PORT[scheme], source, applies_to, has_creds)


def split_list(text: str, sep: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(sep) if x.strip())


def dedupe(proxies: list[Proxy]) -> tuple[Proxy, ...]:
    out: dict[tuple[str, int], Proxy] = {}
    for p in proxies:
        key = (p.host.lower(), p.port)
        if key in out:
            merged = tuple(dict.fromkeys(out[key].applies_to + p.applies_to))
            out[key] = Proxy(out[key].scheme, p.host, p.port, out[key].source, merged, out[key].has_credentials)
        else:
            out[key] = p
    return tuple(out.values())
