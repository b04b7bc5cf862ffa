"""OS-specific knowledge for the local pre-flight: TWS folders, process names, VPN interface names.

Pure functions of (os name, recorded inputs), so macOS and Windows are unit-tested on Linux.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath, PureWindowsPath

# Where TWS keeps its program and settings folders (reference facts §4e; IBC's scripts).
_LINUX_DIRS = ("~/Jts", "/opt/ibgateway", "/usr/local/ibgateway")
_DARWIN_DIRS = ("~/Jts", "~/Applications", "/Applications")

# A 32-bit JVM cannot reserve a heap much above this (general Java knowledge, not an IBKR figure).
JVM32_MAX_HEAP_MB = {"windows": 1800, "darwin": 2048, "linux": 2048}

# Interface name prefixes of tunnel drivers: OpenVPN (tun/tap), WireGuard (wg), PPP/PPTP/L2TP,
# IPsec, macOS utun (system VPNs, WireGuard, Tailscale), Tailscale, ZeroTier, NordLynx,
# Cisco AnyConnect (cscotun), GlobalProtect (gpd).
_UNIX_VPN = re.compile(r"^(tun|tap|wg|ppp|ipsec|vti|utun|tailscale|zt|nordlynx|cscotun|gpd|proton)", re.I)
# Windows names adapters freely ("Ethernet 3"); the driver's words usually survive in the name.
_WINDOWS_VPN = re.compile(
    r"(vpn|tap-windows|wintun|wireguard|openvpn|anyconnect|pangp|fortinet|forticlient|nordlynx|tailscale"
    r"|zerotier|proton|ppp adapter|\btun\b|\btap\b)",
    re.I,
)

# How TWS / IB Gateway show up as processes on each OS (install4j launchers or plain java).
_TWS_NAMES = {"tws", "tws.exe", "trader workstation"}
_GATEWAY_NAMES = {"ibgateway", "ibgateway.exe", "ib gateway"}
_TWS_MAIN = "jclient.LoginFrame"
_GATEWAY_MAIN = "ibgateway.GWClient"
# Programs that forward a port to IB Gateway in a container or VM: holding 4001/4002 is expected.
FORWARDERS = frozenset({"docker-proxy", "com.docker.backend", "vpnkit", "socat", "wslrelay.exe", "rootlessport"})
_DIR_PROPS = ("-Dinstall4j.exeDir=", "-DinstallDir=", "-Dinstall4j.launcherDir=")


def tws_dirs(os_name: str, env: Mapping[str, str], home: str) -> tuple[str, ...]:
    """The standard TWS / IB Gateway folders to search when the user names none."""
    if os_name == "windows":
        drive = env.get("SYSTEMDRIVE", "C:")
        return (str(PureWindowsPath(drive + "\\", "Jts")),)
    dirs = _DARWIN_DIRS if os_name == "darwin" else _LINUX_DIRS
    return tuple(d.replace("~", home, 1) if d.startswith("~") else d for d in dirs)


def is_vpn_interface(os_name: str, name: str) -> bool:
    if os_name == "windows":
        return bool(_WINDOWS_VPN.search(name))
    return bool(_UNIX_VPN.match(name))


def classify_process(name: str, exe: str, cmdline: Sequence[str]) -> tuple[str, str] | None:
    """('tws' | 'gateway', installation key) for a TWS / IB Gateway process, else None.
    The key is the program folder, so two sessions of one installation share it."""
    base = (name or PurePath(exe or "x").name).lower().removesuffix(".app")
    args = list(cmdline)
    if base in _TWS_NAMES or base.startswith("trader workstation") or _TWS_MAIN in args:
        kind = "tws"
    elif base in _GATEWAY_NAMES or base.startswith("ib gateway") or _GATEWAY_MAIN in args:
        kind = "gateway"
    else:
        return None
    return kind, _install_key(exe, args)


def _install_key(exe: str, args: list[str]) -> str:
    for arg in args:
        for prop in _DIR_PROPS:
            if arg.startswith(prop):
                return arg[len(prop) :].rstrip("/\\")
    for main in (_TWS_MAIN, _GATEWAY_MAIN):
        if main in args and args.index(main) + 1 < len(args):
            return args[args.index(main) + 1].rstrip("/\\")  # TWS's settings folder argument
    if exe and not PurePath(exe).name.lower().startswith("java"):
        return str(_parent(exe))
    return exe or "?"


def _parent(exe: str) -> PurePath:
    return PureWindowsPath(exe).parent if "\\" in exe else PurePath(exe).parent


def expand(path: str) -> Path:
    return Path(path).expanduser()
