"""Tiny network probes the lab smoke tests run inside the client namespace; prints JSON.

Standalone on purpose (no repo imports), so it behaves like any program on the client.
"""

from __future__ import annotations

import argparse
import errno
import http.client
import json
import socket
import ssl
import sys
import time
from collections.abc import Callable
from typing import Any


def failure(exc: BaseException) -> dict[str, Any]:
    code = getattr(exc, "errno", None)
    kind = "timeout" if isinstance(exc, (socket.timeout, TimeoutError)) and code is None else None
    return {
        "ok": False,
        "error": type(exc).__name__,
        "message": str(exc),
        "errno": code,
        "errname": kind or (errno.errorcode.get(code) if isinstance(code, int) else None),
    }


def connect(a: argparse.Namespace) -> dict[str, Any]:
    family = {"4": socket.AF_INET, "6": socket.AF_INET6}[a.family]
    info = socket.getaddrinfo(a.host, a.port, family, socket.SOCK_STREAM)[0]
    with socket.socket(info[0], socket.SOCK_STREAM) as s:
        s.settimeout(a.timeout)
        start = time.monotonic()
        try:
            s.connect(info[4])
        finally:
            a.connect_ms = round((time.monotonic() - start) * 1000, 1)
        return {"ok": True, "addr": info[4][0]}


def gai(a: argparse.Namespace) -> dict[str, Any]:
    infos = socket.getaddrinfo(a.host, None, type=socket.SOCK_STREAM)
    return {"ok": True, "addrs": sorted({i[4][0] for i in infos})}


def resolve(a: argparse.Namespace) -> dict[str, Any]:
    import dns.message
    import dns.query
    import dns.rcode

    server = a.server or _first_nameserver()
    reply = dns.query.udp(dns.message.make_query(a.host, a.rdtype), server, timeout=a.timeout)
    answers = sorted(str(rd) for rrset in reply.answer for rd in rrset)
    return {"ok": True, "rcode": dns.rcode.to_text(reply.rcode()), "answers": answers}


def _first_nameserver() -> str:
    with open("/etc/resolv.conf", encoding="ascii") as f:
        return next(line.split()[1] for line in f if line.startswith("nameserver"))


def http_get(a: argparse.Namespace) -> dict[str, Any]:
    from urllib.parse import urlsplit

    u = urlsplit(a.url)
    if u.scheme == "https":
        ctx = ssl.create_default_context(cafile=a.ca)
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            u.hostname, u.port or 443, timeout=a.timeout, context=ctx
        )
    else:
        conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=a.timeout)
    conn.request("GET", u.path or "/")
    r = conn.getresponse()
    body = r.read(2000).decode("latin-1")
    return {"ok": True, "status": r.status, "headers": dict(r.getheaders()), "body": body}


def proxy_connect(a: argparse.Namespace) -> dict[str, Any]:
    with socket.create_connection((a.proxy_host, a.proxy_port), timeout=a.timeout) as s:
        s.sendall(f"CONNECT {a.target} HTTP/1.1\r\nHost: {a.target}\r\n\r\n".encode())
        head = s.recv(4096).decode("latin-1")
    status = int(head.split(" ", 2)[1]) if head.startswith("HTTP/") else None
    return {"ok": True, "status": status, "head": head.split("\r\n", 1)[0]}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--timeout", type=float, default=2.0)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("connect")
    c.add_argument("host"), c.add_argument("port", type=int), c.add_argument("--family", default="4")
    sub.add_parser("gai").add_argument("host")
    r = sub.add_parser("resolve")
    r.add_argument("host"), r.add_argument("--rdtype", default="A"), r.add_argument("--server")
    h = sub.add_parser("http")
    h.add_argument("url"), h.add_argument("--ca")
    x = sub.add_parser("proxy-connect")
    x.add_argument("proxy_host"), x.add_argument("proxy_port", type=int), x.add_argument("target")
    return p


COMMANDS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "connect": connect,
    "gai": gai,
    "resolve": resolve,
    "http": http_get,
    "proxy-connect": proxy_connect,
}


def main() -> None:
    args = build_parser().parse_args()
    start = time.monotonic()
    try:
        result = COMMANDS[args.cmd](args)
    except Exception as exc:  # every failure is data for the test
        result = failure(exc)
    result["elapsed_ms"] = round((time.monotonic() - start) * 1000, 1)
    if hasattr(args, "connect_ms"):
        result["connect_ms"] = args.connect_ms
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
