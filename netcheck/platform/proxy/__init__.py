"""Which proxies this computer is set up to use: environment, Windows, macOS, GNOME and KDE settings.

`detect` is the entry point; the parsers are pure (they take the settings' text) and tested with
recorded inputs from each OS."""

from __future__ import annotations

from netcheck.platform.proxy.desktop import parse_gsettings, parse_kioslaverc, parse_scutil
from netcheck.platform.proxy.detect import detect
from netcheck.platform.proxy.env import from_env
from netcheck.platform.proxy.model import DEFAULT_PORT, Proxy, ProxyConfig, parse_proxy_url
from netcheck.platform.proxy.windows import parse_winhttp, parse_wininet, read_windows

__all__ = [
    "DEFAULT_PORT",
    "Proxy",
    "ProxyConfig",
    "detect",
    "from_env",
    "parse_gsettings",
    "parse_kioslaverc",
    "parse_proxy_url",
    "parse_scutil",
    "parse_winhttp",
    "parse_wininet",
    "read_windows",
]
