"""OS-specific knowledge, tested with recorded inputs from Linux, macOS and Windows."""

from __future__ import annotations

import pytest

from netcheck.platform.machine import classify_process, is_vpn_interface, tws_dirs


def test_standard_folders_per_os() -> None:
    assert tws_dirs("windows", {"SYSTEMDRIVE": "D:"}, "C:\\Users\\ann") == ("D:\\Jts",)
    assert tws_dirs("windows", {}, "C:\\Users\\ann") == ("C:\\Jts",)
    assert tws_dirs("darwin", {}, "/Users/ann")[:2] == ("/Users/ann/Jts", "/Users/ann/Applications")
    assert tws_dirs("linux", {}, "/home/ann")[0] == "/home/ann/Jts"


@pytest.mark.parametrize(
    ("os_name", "name", "vpn"),
    [
        ("linux", "tun0", True),
        ("linux", "wg0", True),
        ("linux", "tailscale0", True),
        ("linux", "ppp0", True),
        ("linux", "eth0", False),
        ("linux", "wlp3s0", False),
        ("linux", "docker0", False),
        ("linux", "veth1a2b", False),
        ("darwin", "utun3", True),
        ("darwin", "ipsec0", True),
        ("darwin", "en0", False),
        ("darwin", "bridge0", False),
        ("windows", "OpenVPN TAP-Windows6", True),
        ("windows", "WireGuard Tunnel", True),
        ("windows", "Ethernet 3 (PANGP Virtual Ethernet Adapter)", True),
        ("windows", "NordLynx", True),
        ("windows", "Ethernet", False),
        ("windows", "Wi-Fi", False),
        ("windows", "vEthernet (WSL)", False),
    ],
)
def test_vpn_interfaces(os_name: str, name: str, vpn: bool) -> None:
    assert is_vpn_interface(os_name, name) is vpn


# Recorded (name, exe, cmdline) of real TWS / IB Gateway processes.
LINUX_TWS = (
    "java",
    "/home/ann/.i4j_jres/zulu17/bin/java",
    [
        "/home/ann/.i4j_jres/zulu17/bin/java",
        "-Xmx4096m",
        "-Dinstall4j.exeDir=/home/ann/Jts/1030",
        "-cp",
        "jts4launch-1030.jar",
        "jclient.LoginFrame",
        "/home/ann/Jts",
    ],
)
LINUX_IBC_GATEWAY = (
    "java",
    "/usr/bin/java",
    ["java", "-cp", "/opt/ibgateway/jars/*", "ibcalpha.ibc.IbcGateway", "ibgateway.GWClient", "/root/Jts"],
)
WINDOWS_TWS = ("tws.exe", "C:\\Jts\\1045\\tws.exe", ["C:\\Jts\\1045\\tws.exe"])
WINDOWS_GATEWAY = ("ibgateway.exe", "C:\\Jts\\ibgateway\\1045\\ibgateway.exe", [])
MACOS_TWS = (
    "JavaApplicationStub",
    "/Users/ann/Applications/Trader Workstation 10.30/Trader Workstation 10.30.app/Contents/MacOS/JavaApplicationStub",
    ["/Users/ann/Applications/Trader Workstation 10.30/...", "jclient.LoginFrame", "/Users/ann/Jts"],
)


@pytest.mark.parametrize(
    ("proc", "expected"),
    [
        (LINUX_TWS, ("tws", "/home/ann/Jts/1030")),
        (LINUX_IBC_GATEWAY, ("gateway", "/root/Jts")),
        (WINDOWS_TWS, ("tws", "C:\\Jts\\1045")),
        (WINDOWS_GATEWAY, ("gateway", "C:\\Jts\\ibgateway\\1045")),
        (MACOS_TWS, ("tws", "/Users/ann/Jts")),
        (("python3", "/usr/bin/python3", ["python3", "tws_bot.py"]), None),
        (("java", "/usr/bin/java", ["java", "-jar", "ninja.jar"]), None),
    ],
)
def test_classify_process(proc: tuple[str, str, list[str]], expected: tuple[str, str] | None) -> None:
    assert classify_process(*proc) == expected
