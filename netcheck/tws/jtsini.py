"""Pure parser for TWS's jts.ini: the account's server (Peer=) and the SupportsSSL host cache."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JtsIni:
    peer_host: str = ""
    peer_port: int = 0
    ssl_hosts: tuple[str, ...] = ()  # host names from SupportsSSL, in file order


def parse(text: str) -> JtsIni:
    """TWS writes Peer= under [Communication] (every public sample, 2017-2026); [Logon] is still
    accepted. Hand-edited files are common, so anything malformed is ignored rather than raised."""
    peer_host, peer_port = "", 0
    ssl_hosts: tuple[str, ...] = ()
    for section, key, value in _entries(text):
        if key == "peer" and not peer_host and section in ("logon", "communication"):
            peer_host, peer_port = split_host_port(value)
        elif key == "supportsssl" and not ssl_hosts:
            ssl_hosts = _ssl_hosts(value)
    return JtsIni(peer_host, peer_port, ssl_hosts)


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
