"""vmoptions and jts.ini parsers: recorded files from Windows, macOS and Linux installs."""

from __future__ import annotations

import pytest

from netcheck.tws import jtsini, vmoptions

WINDOWS_1045 = """-Xmx2048m
-XX:+UseG1GC
-XX:MaxGCPauseMillis=200
-XX:ParallelGCThreads=20
-XX:ConcGCThreads=5
-XX:InitiatingHeapOccupancyPercent=70
-Dinstaller.uuid=d5b1cd9a-0000-0000-0000-000000000000
-DvmOptionsPath=C:\\Jts\\1045\\tws.vmoptions
-Dsun.awt.nopixfmt=true
-Dsun.java2d.noddraw=true
-Dswing.boldMetal=false
-Dsun.locale.formatasdefault=true
### keep on update
-Xmx4096m
"""


@pytest.mark.parametrize(
    ("option", "mb"),
    [
        ("-Xmx2048m", 2048),
        ("-Xmx4g", 4096),
        ("-Xmx4G", 4096),
        ("-Xmx786432k", 768),
        ("-Xmx1073741824", 1024),
        ("-Xmx", None),
        ("-Xms512m", None),
        ("-Xmxlots", None),
    ],
)
def test_xmx_units(option: str, mb: int | None) -> None:
    assert vmoptions.xmx_mb(option) == mb


def test_last_xmx_wins_and_marker_found() -> None:
    v = vmoptions.parse(WINDOWS_1045)
    assert v.xmx_mb == 4096  # the JVM takes the last one: the line below the marker
    assert v.keep_marker_line == 13
    assert not v.prefer_ipv4 and not v.d32


def test_prefer_ipv4_and_comments() -> None:
    v = vmoptions.parse("# -Xmx9g\n-Xmx768m\n### keep on update\n -Djava.net.preferIPv4Stack=true \n-d32\n")
    assert (v.xmx_mb, v.prefer_ipv4, v.d32) == (768, True, True)
    assert not vmoptions.parse("#-Djava.net.preferIPv4Stack=true\n").prefer_ipv4


JTS_NEW = """[IBGateway]
WriteDebug=false
TrustedIPs=127.0.0.1
MainWindow.Height=550

[Logon]
useRemoteSettings=false
TimeZone=Europe/Zurich
tradingMode=p
Individual=1
colorPalletName=dark
Locale=en
SupportsSSL=ndc1.ibllc.com:4000,true,20240110,false;zdc1.ibllc.com:4000,true,20240110,false;zdc1.ibllc.com:4000,true,20240111,false
UseSSL=true
os_titlebar=false
s3store=true

[Communication]
SettingsDir=/root/Jts
Peer=zdc1.ibllc.com:4001
Region=eu
"""


def test_jts_ini_peer_and_ssl_hosts() -> None:
    ini = jtsini.parse(JTS_NEW)
    assert (ini.peer_host, ini.peer_port) == ("zdc1.ibllc.com", 4001)
    assert ini.ssl_hosts == ("ndc1.ibllc.com", "zdc1.ibllc.com")


def test_jts_ini_logon_peer_and_crlf() -> None:
    ini = jtsini.parse("[Logon]\r\nPeer=HDC1.ibllc.com:4001\r\n[Communication]\r\nPeer=gdc1.ibllc.com:4001\r\n")
    assert ini.peer_host == "hdc1.ibllc.com"


@pytest.mark.parametrize(
    "text",
    ["", "Peer=zdc1.ibllc.com:4001\n", "[Logon]\nPeer=\n", "[Logon]\nPeer=bad host!:4001\n", "\x00\x01garbage"],
)
def test_jts_ini_malformed_gives_no_peer(text: str) -> None:
    assert jtsini.parse(text).peer_host == ""


def test_jts_ini_bad_port_kept_as_zero() -> None:
    assert jtsini.split_host_port("zdc1.ibllc.com:99999") == ("zdc1.ibllc.com", 0)
    assert jtsini.split_host_port("zdc1.ibllc.com") == ("zdc1.ibllc.com", 0)


def test_jts_ini_order_routing_and_use_ssl() -> None:
    ini = jtsini.parse(
        "[IBGateway]\nRemoteHostOrderRouting=ndc1.ibllc.com\nRemotePortOrderRouting=4001\n"
        "[Logon]\nUseSSL=false\n[Communication]\nPeer=cdc1.ibllc.com:4001\n"
    )
    assert (ini.peer_host, ini.order_host, ini.order_port, ini.use_ssl) == (
        "cdc1.ibllc.com",
        "ndc1.ibllc.com",
        4001,
        False,
    )
    assert jtsini.parse(JTS_NEW).use_ssl is True and jtsini.parse(JTS_NEW).order_host == ""


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("FALSE", False), ("", None), ("maybe", None)])
def test_jts_ini_use_ssl_values(value: str, expected: bool | None) -> None:
    assert jtsini.parse(f"[Logon]\nUseSSL={value}\n").use_ssl is expected
