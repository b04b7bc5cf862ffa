"""Windows proxy settings: WinINet (what browsers use) and WinHTTP (what services use)."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from typing import Any

from netcheck.platform.proxy.model import Proxy, ProxyConfig, dedupe, parse_proxy_url, split_list


def parse_wininet(values: Mapping[str, Any]) -> ProxyConfig:
    """HKCU\\...\\Internet Settings: ProxyEnable, ProxyServer ('h:p' or 'http=h:p;https=h:p'),
    ProxyOverride ('a;b;<local>'), AutoConfigURL."""
    pac = str(values.get("AutoConfigURL") or "")
    if not int(values.get("ProxyEnable") or 0):
        return ProxyConfig(pac_url=pac)
    proxies = _server_list(str(values.get("ProxyServer") or ""), "Windows (WinINet)")
    return ProxyConfig(proxies, split_list(str(values.get("ProxyOverride") or ""), ";"), pac)


def parse_winhttp(blob: bytes | None) -> ProxyConfig:
    """The WinHttpSettings REG_BINARY (what `netsh winhttp show proxy` prints): DWORD version,
    DWORD counter, DWORD flags (bit 2 set = proxy), then length-prefixed proxy and bypass strings."""
    if not blob or len(blob) < 16:
        return ProxyConfig()
    _, _, flags, n = struct.unpack_from("<4I", blob, 0)
    if not flags & 0x2 or 16 + n + 4 > len(blob):
        return ProxyConfig()
    server = blob[16 : 16 + n].decode("ascii", "replace")
    (m,) = struct.unpack_from("<I", blob, 16 + n)
    bypass = blob[20 + n : 20 + n + m].decode("ascii", "replace")
    return ProxyConfig(_server_list(server, "Windows (WinHTTP)"), split_list(bypass, ";"))


def _server_list(text: str, source: str) -> tuple[Proxy, ...]:
    if "=" not in text:
        p = parse_proxy_url(text, source, ("http", "https"))
        return (p,) if p else ()
    found: list[Proxy] = []
    for part in split_list(text, ";"):
        scope, _, addr = part.partition("=")
        scope = scope.strip().lower()
        scheme = "socks5" if scope == "socks" else "http"
        applies = ("http", "https") if scope == "socks" else (scope,)
        if scope in ("http", "https", "socks"):
            p = parse_proxy_url(f"{scheme}://{addr.strip()}", source, applies)
            found += [p] if p else []
    return dedupe(found)


_INET = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings"
_WINHTTP = _INET + r"\Connections"


def read_windows() -> ProxyConfig:  # pragma: no cover - needs a Windows registry
    import winreg  # type: ignore[import-not-found,unused-ignore]  # Windows only

    reg: Any = winreg  # typeshed hides its members off Windows

    def values(hive: Any, path: str, names: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        try:
            with reg.OpenKey(hive, path) as key:
                for name in names:
                    try:
                        out[name] = reg.QueryValueEx(key, name)[0]
                    except OSError:
                        pass
        except OSError:
            pass
        return out

    inet = values(reg.HKEY_CURRENT_USER, _INET, ("ProxyEnable", "ProxyServer", "ProxyOverride", "AutoConfigURL"))
    http = values(reg.HKEY_LOCAL_MACHINE, _WINHTTP, ("WinHttpSettings",))
    return parse_wininet(inet).merged(parse_winhttp(http.get("WinHttpSettings")))


# --- macOS ------------------------------------------------------------------------------------
