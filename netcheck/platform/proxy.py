"""Which proxies this computer is set up to use: environment, Windows, macOS, GNOME and KDE settings."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORT = {"http": 80, "https": 443, "socks": 1080, "socks4": 1080, "socks5": 1080, "socks5h": 1080}
ENV_KEYS = (("https_proxy", "https"), ("http_proxy", "http"), ("all_proxy", "all"))


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
    return ProxyConfig(_dedupe(proxies), _split(no_proxy, ","))


def _env(environ: Mapping[str, str], key: str) -> tuple[str, str]:
    for name in (key, key.upper()):
        if environ.get(name):
            return name, environ[name]
    return key.upper(), ""


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(sep) if x.strip())


def _dedupe(proxies: list[Proxy]) -> tuple[Proxy, ...]:
    out: dict[tuple[str, int], Proxy] = {}
    for p in proxies:
        key = (p.host.lower(), p.port)
        if key in out:
            merged = tuple(dict.fromkeys(out[key].applies_to + p.applies_to))
            out[key] = Proxy(out[key].scheme, p.host, p.port, out[key].source, merged, out[key].has_credentials)
        else:
            out[key] = p
    return tuple(out.values())


# --- Windows ----------------------------------------------------------------------------------


def parse_wininet(values: Mapping[str, Any]) -> ProxyConfig:
    """HKCU\\...\\Internet Settings: ProxyEnable, ProxyServer ('h:p' or 'http=h:p;https=h:p'),
    ProxyOverride ('a;b;<local>'), AutoConfigURL."""
    pac = str(values.get("AutoConfigURL") or "")
    if not int(values.get("ProxyEnable") or 0):
        return ProxyConfig(pac_url=pac)
    proxies = _server_list(str(values.get("ProxyServer") or ""), "Windows (WinINet)")
    return ProxyConfig(proxies, _split(str(values.get("ProxyOverride") or ""), ";"), pac)


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
    return ProxyConfig(_server_list(server, "Windows (WinHTTP)"), _split(bypass, ";"))


def _server_list(text: str, source: str) -> tuple[Proxy, ...]:
    if "=" not in text:
        p = parse_proxy_url(text, source, ("http", "https"))
        return (p,) if p else ()
    found: list[Proxy] = []
    for part in _split(text, ";"):
        scope, _, addr = part.partition("=")
        scope = scope.strip().lower()
        scheme = "socks5" if scope == "socks" else "http"
        applies = ("http", "https") if scope == "socks" else (scope,)
        if scope in ("http", "https", "socks"):
            p = parse_proxy_url(f"{scheme}://{addr.strip()}", source, applies)
            found += [p] if p else []
    return _dedupe(found)


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


def parse_scutil(text: str) -> ProxyConfig:
    """Output of `scutil --proxy`: 'Key : value' lines, ExceptionsList as a nested array."""
    flat: dict[str, str] = {}
    exceptions: list[str] = []
    in_list = False
    for line in text.splitlines():
        key, sep, value = line.strip().partition(" : ")
        if line.strip() == "}":
            in_list = False
        elif sep and in_list:
            exceptions.append(value.strip())
        elif sep:
            in_list = value.strip() == "<array> {"
            flat[key.strip()] = value.strip()
    found: list[Proxy] = []
    for prefix, scheme, applies in (
        ("HTTPS", "http", ("https",)),
        ("HTTP", "http", ("http",)),
        ("SOCKS", "socks5", ("http", "https")),
    ):
        if flat.get(f"{prefix}Enable") == "1" and flat.get(f"{prefix}Proxy"):
            addr = f"{scheme}://{_host_port(flat[f'{prefix}Proxy'], flat.get(f'{prefix}Port', ''))}"
            p = parse_proxy_url(addr, "macOS network settings", applies)
            found += [p] if p else []
    pac = flat.get("ProxyAutoConfigURLString", "") if flat.get("ProxyAutoConfigEnable") == "1" else ""
    return ProxyConfig(_dedupe(found), tuple(exceptions), pac)


def _host_port(host: str, port: str) -> str:
    host = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"{host}:{port}" if port.isdigit() else host


# --- Linux desktops ---------------------------------------------------------------------------


def parse_gsettings(get: Callable[[str, str], str]) -> ProxyConfig:
    """GNOME: `get(schema, key)` returns `gsettings get` output ('manual', "'proxy'", '3128')."""
    mode = get("org.gnome.system.proxy", "mode").strip().strip("'")
    if mode == "auto":
        return ProxyConfig(pac_url=get("org.gnome.system.proxy", "autoconfig-url").strip().strip("'"))
    if mode != "manual":
        return ProxyConfig()
    found: list[Proxy] = []
    for scope, scheme, applies in (
        ("https", "http", ("https",)),
        ("http", "http", ("http",)),
        ("socks", "socks5", ("http", "https")),
    ):
        host = get(f"org.gnome.system.proxy.{scope}", "host").strip().strip("'")
        port = get(f"org.gnome.system.proxy.{scope}", "port").strip()
        if host and port not in ("", "0"):
            p = parse_proxy_url(f"{scheme}://{_host_port(host, port)}", "GNOME settings", applies)
            found += [p] if p else []
    ignore = get("org.gnome.system.proxy", "ignore-hosts").strip().strip("[]@as ")
    return ProxyConfig(_dedupe(found), tuple(x.strip().strip("'") for x in ignore.split(",") if x.strip()))


def parse_kioslaverc(text: str) -> ProxyConfig:
    """KDE: [Proxy Settings] ProxyType=1 (manual) with httpsProxy='http://host 3128' or 'host:3128'."""
    section, values = "", {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Proxy Settings]" and "=" in line:
            k, _, v = line.partition("=")
            values[k.strip()] = v.strip()
    if values.get("ProxyType") == "2":
        return ProxyConfig(pac_url=values.get("Proxy Config Script", ""))
    if values.get("ProxyType") != "1":
        return ProxyConfig()
    found: list[Proxy] = []
    for key, applies in (("httpsProxy", ("https",)), ("httpProxy", ("http",)), ("socksProxy", ("http", "https"))):
        raw = values.get(key, "").replace(" ", ":")
        if raw:
            raw = raw if "://" in raw else ("socks5://" if key == "socksProxy" else "http://") + raw
            p = parse_proxy_url(raw, "KDE settings", applies)
            found += [p] if p else []
    return ProxyConfig(_dedupe(found), _split(values.get("NoProxyFor", ""), ","))


# --- the one entry point ----------------------------------------------------------------------

Run = Callable[[list[str]], str]


def _run(argv: list[str]) -> str:
    """A settings tool's output, or '' when it is missing, slow or fails: detection is best effort."""
    if not shutil.which(argv[0]):
        return ""
    try:
        cp = subprocess.run(argv, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return cp.stdout if cp.returncode == 0 else ""


def detect(environ: Mapping[str, str], os_name: str, run: Run = _run, home: Path | None = None) -> ProxyConfig:
    """Environment first (what command-line tools use), then the desktop/OS settings."""
    cfg = from_env(environ)
    try:
        cfg = cfg.merged(_os_settings(environ, os_name, run, home))
    except Exception:  # a broken desktop setting must not stop the network check
        pass
    return cfg


def _os_settings(environ: Mapping[str, str], os_name: str, run: Run, home: Path | None) -> ProxyConfig:
    if os_name == "windows":
        return read_windows()
    if os_name == "darwin":
        return parse_scutil(run(["scutil", "--proxy"]))
    desktop = environ.get("XDG_CURRENT_DESKTOP", "").upper()
    if "GNOME" in desktop or "UNITY" in desktop or "CINNAMON" in desktop:
        return parse_gsettings(lambda schema, key: run(["gsettings", "get", schema, key]))
    if "KDE" in desktop:
        rc = (home or Path.home()) / ".config" / "kioslaverc"
        return parse_kioslaverc(rc.read_text(errors="replace")) if rc.is_file() else ProxyConfig()
    return ProxyConfig()
