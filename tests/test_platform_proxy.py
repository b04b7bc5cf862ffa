"""Proxy settings: environment, Windows registry values, scutil, gsettings and kioslaverc, from recorded samples."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from netcheck.platform.proxy import (
    Proxy,
    detect,
    from_env,
    parse_gsettings,
    parse_kioslaverc,
    parse_proxy_url,
    parse_scutil,
    parse_winhttp,
    parse_wininet,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://proxy.corp:3128", ("http", "proxy.corp", 3128, False)),
        ("proxy.corp:8080", ("http", "proxy.corp", 8080, False)),
        ("http://alice:s3cret@proxy.corp:3128/", ("http", "proxy.corp", 3128, True)),
        ("socks5h://[2001:db8::5]:1080", ("socks5h", "2001:db8::5", 1080, False)),
        ("socks://gw", ("socks5", "gw", 1080, False)),
        ("https://proxy.corp", ("https", "proxy.corp", 443, False)),
    ],
)
def test_proxy_urls_parse_without_keeping_credentials(text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    p = parse_proxy_url(text, "T", ("https",))
    assert p is not None and (p.scheme, p.host, p.port, p.has_credentials) == expected
    assert "s3cret" not in repr(p) and "alice" not in repr(p)


@pytest.mark.parametrize("text", ["", "ftp://x:21", "http://:80", "http://h:notaport"])
def test_bad_proxy_urls_are_ignored(text: str) -> None:
    assert parse_proxy_url(text, "T", ("https",)) is None


def test_env_lower_case_wins_and_same_proxy_is_listed_once() -> None:
    env = {
        "HTTPS_PROXY": "http://upper:1",
        "https_proxy": "http://lower:3128",
        "HTTP_PROXY": "http://lower:3128",
        "NO_PROXY": "localhost, .corp ,",
    }
    cfg = from_env(env)
    assert [(p.host, p.port, p.source, p.applies_to) for p in cfg.proxies] == [
        ("lower", 3128, "https_proxy", ("https", "http"))
    ]
    assert cfg.no_proxy == ("localhost", ".corp")


def test_all_proxy_applies_to_both_schemes() -> None:
    (p,) = from_env({"ALL_PROXY": "socks5://198.51.100.9:1080"}).proxies
    assert p.applies_to == ("http", "https") and p.scheme == "socks5" and p.source == "ALL_PROXY"


def test_no_env_no_proxies() -> None:
    assert from_env({}).proxies == ()


# Recorded from a Windows 11 machine's HKCU\...\Internet Settings (values as winreg returns them).
WININET_ON = {"ProxyEnable": 1, "ProxyServer": "proxy.corp.example:8080", "ProxyOverride": "*.corp.example;<local>"}
WININET_PER_SCHEME = {"ProxyEnable": 1, "ProxyServer": "http=web.corp:80;https=web.corp:8443;socks=s.corp:1080"}


def test_wininet_single_server() -> None:
    cfg = parse_wininet(WININET_ON)
    assert [p.endpoint for p in cfg.proxies] == ["proxy.corp.example:8080"]
    assert cfg.proxies[0].source == "Windows (WinINet)" and cfg.no_proxy == ("*.corp.example", "<local>")


def test_wininet_per_scheme_servers() -> None:
    cfg = parse_wininet(WININET_PER_SCHEME)
    assert [(p.scheme, p.endpoint, p.applies_to) for p in cfg.proxies] == [
        ("http", "web.corp:80", ("http",)),
        ("http", "web.corp:8443", ("https",)),
        ("socks5", "s.corp:1080", ("http", "https")),
    ]


def test_wininet_disabled_keeps_only_the_pac_url() -> None:
    cfg = parse_wininet({"ProxyEnable": 0, "ProxyServer": "x:1", "AutoConfigURL": "http://wpad/wpad.dat"})
    assert cfg.proxies == () and cfg.pac_url == "http://wpad/wpad.dat"


def _winhttp_blob(flags: int, server: str, bypass: str) -> bytes:
    s, b = server.encode(), bypass.encode()
    return struct.pack("<4I", 0x18, 5, flags, len(s)) + s + struct.pack("<I", len(b)) + b


def test_winhttp_blob_as_netsh_writes_it() -> None:
    # `netsh winhttp set proxy proxy-server="10.0.0.5:3128" bypass-list="<local>"` on Windows 10.
    cfg = parse_winhttp(_winhttp_blob(3, "proxy.corp:3128", "<local>"))
    assert [p.endpoint for p in cfg.proxies] == ["proxy.corp:3128"] and cfg.no_proxy == ("<local>",)
    assert cfg.proxies[0].source == "Windows (WinHTTP)"


def test_winhttp_direct_or_garbage_is_no_proxy() -> None:
    assert parse_winhttp(_winhttp_blob(1, "", "")).proxies == ()
    assert parse_winhttp(b"\x18\x00").proxies == ()
    assert parse_winhttp(None).proxies == ()


SCUTIL = """<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.corp.example
  HTTPSEnable : 1
  HTTPSPort : 3128
  HTTPSProxy : proxy.corp.example
  ProxyAutoConfigEnable : 0
  SOCKSEnable : 0
}
"""

SCUTIL_NONE = """<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
  }
  FTPPassive : 1
  HTTPEnable : 0
  HTTPSEnable : 0
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.corp/wpad.dat
}
"""


def test_scutil_manual_proxy() -> None:
    cfg = parse_scutil(SCUTIL)
    assert [(p.endpoint, p.applies_to) for p in cfg.proxies] == [("proxy.corp.example:3128", ("https", "http"))]
    assert cfg.no_proxy == ("*.local", "169.254/16") and cfg.pac_url == ""


def test_scutil_pac_only() -> None:
    cfg = parse_scutil(SCUTIL_NONE)
    assert cfg.proxies == () and cfg.pac_url == "http://wpad.corp/wpad.dat"


GSETTINGS = {
    ("org.gnome.system.proxy", "mode"): "'manual'\n",
    ("org.gnome.system.proxy", "ignore-hosts"): "['localhost', '127.0.0.0/8']\n",
    ("org.gnome.system.proxy.https", "host"): "'proxy.corp'\n",
    ("org.gnome.system.proxy.https", "port"): "3128\n",
    ("org.gnome.system.proxy.http", "host"): "''\n",
    ("org.gnome.system.proxy.http", "port"): "0\n",
    ("org.gnome.system.proxy.socks", "host"): "''\n",
    ("org.gnome.system.proxy.socks", "port"): "0\n",
}


def test_gsettings_manual() -> None:
    cfg = parse_gsettings(lambda s, k: GSETTINGS[(s, k)])
    assert [p.endpoint for p in cfg.proxies] == ["proxy.corp:3128"] and cfg.no_proxy == ("localhost", "127.0.0.0/8")


def test_gsettings_none_mode() -> None:
    assert parse_gsettings(lambda s, k: "'none'\n").proxies == ()


KIOSLAVERC = """[Proxy Settings]
NoProxyFor=localhost,.corp
ProxyType=1
httpProxy=http://proxy.corp 3128
httpsProxy=http://proxy.corp 3128
socksProxy=
"""


def test_kioslaverc_manual() -> None:
    cfg = parse_kioslaverc(KIOSLAVERC)
    assert [p.endpoint for p in cfg.proxies] == ["proxy.corp:3128"] and cfg.no_proxy == ("localhost", ".corp")
    assert parse_kioslaverc(KIOSLAVERC.replace("ProxyType=1", "ProxyType=0")).proxies == ()


def test_detect_merges_env_and_desktop_without_duplicates(tmp_path: Path) -> None:
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "kioslaverc").write_text(KIOSLAVERC)
    env = {"XDG_CURRENT_DESKTOP": "KDE", "https_proxy": "http://proxy.corp:3128"}
    cfg = detect(env, "linux", run=lambda argv: "", home=tmp_path)
    assert [(p.endpoint, p.source) for p in cfg.proxies] == [("proxy.corp:3128", "https_proxy")]


def test_detect_on_macos_uses_scutil() -> None:
    calls: list[list[str]] = []

    def run(argv: list[str]) -> str:
        calls.append(argv)
        return SCUTIL

    cfg = detect({}, "darwin", run=run)
    assert calls == [["scutil", "--proxy"]] and cfg.proxies[0].source == "macOS network settings"


def test_proxy_endpoint_brackets_ipv6() -> None:
    assert Proxy("http", "2001:db8::1", 3128, "T").url == "http://[2001:db8::1]:3128"
