"""Pure parser for TWS's jts.ini: the server TWS last used (Peer=), the order-routing server, UseSSL and
the SupportsSSL host cache."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JtsIni:
    peer_host: str = ""  # the server of the last successful login, or a template's default
    peer_port: int = 0
    ssl_hosts: tuple[str, ...] = ()  # host names from SupportsSSL, in file order
    order_host: str = ""  # [IBGateway] RemoteHostOrderRouting: may be another region's server
    order_port: int = 0
    use_ssl: bool | None = None  # [Logon] UseSSL; None when absent


def parse(text: str) -> JtsIni:
    """TWS writes Peer= under [Communication] (every public sample, 2017-2026); [Logon] is still
    accepted. Hand-edited files are common, so anything malformed is ignored rather than raised."""
    found: dict[str, str] = {}
    for section, key, value in _entries(text):
        name = _KEYS.get((section, key)) or _KEYS.get(("", key))
        if name and value and name not in found:
            found[name] = value
    peer_host, peer_port = split_host_port(found.get("peer", ""))
    order_host, order_port = split_host_port(found.get("order_host", ""))
    port = found.get("order_port", "")
    order_port = int(port) if port.isdigit() and 0 < int(port) < 65536 else order_port
    ssl_hosts = _ssl_hosts(found.get("ssl", ""))
    return JtsIni(peer_host, peer_port, ssl_hosts, order_host, order_port, _boolean(found.get("use_ssl", "")))


_KEYS = {
    ("communication", "peer"): "peer",
    ("logon", "peer"): "peer",
    ("", "supportsssl"): "ssl",  # in any section
    ("ibgateway", "remotehostorderrouting"): "order_host",
    ("ibgateway", "remoteportorderrouting"): "order_port",
    ("logon", "usessl"): "use_ssl",
}


def _boolean(value: str) -> bool | None:
    v = value.strip().lower()
    return True if v in ("true", "yes", "1") else False if v in ("false", "no", "0") else None


def _entries(text: str) -> list[tuple[str, str, str]]:
    section, out = "", []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
        elif "=" in line and not line.startswith((";", "#")):
            key, _, value = line.partition("=")
            out.append((section, key.strip().lower(), value.strip()))
    return out


def split_host_port(value: str) -> tuple[str, int]:
    host, sep, port = value.strip().rpartition(":")
    if not sep:
        return _valid_host(value.strip()), 0
    return _valid_host(host), int(port) if port.isdigit() and 0 < int(port) < 65536 else 0


def _ssl_hosts(value: str) -> tuple[str, ...]:
    """'ndc1.ibllc.com:4000,true,20240101,false;zdc1.ibllc.com:4000,true,...' -> host names."""
    hosts = (split_host_port(item.split(",")[0])[0] for item in value.split(";") if item.strip())
    return tuple(dict.fromkeys(h for h in hosts if h))


def _valid_host(host: str) -> str:
    host = host.strip().strip("[]").lower()
    ok = host and len(host) <= 253 and all(c.isalnum() or c in "-._:" for c in host)
    return host if ok else ""
