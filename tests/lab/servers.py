"""Fake internet servers for the lab: silent TWS gateways, HTTP(S) and a captive portal.

Run inside the internet namespace:
    ip netns exec ncl-inet python tests/lab/servers.py --cert C --key K --control F --ready R
The control file is JSON read on every request: {"skew_seconds": 0}. It lets a test send a
skewed ``Date`` header without restarting the server. Standalone on purpose: no repo imports.
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import ssl
import time
from pathlib import Path

GATEWAY_PORTS = (4000, 4001)
APPLE_SUCCESS = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
LOGIN_PAGE = "<html><head><title>Guest Wi-Fi</title></head><body><form>Log in</form></body></html>"
WILDCARD = ["0.0.0.0", "::"]


class Config:
    """Run-time knobs: portal addresses and the control file (re-read on each request)."""

    def __init__(self, control: Path, portal: set[str]) -> None:
        self.control, self.portal = control, portal

    def skew(self) -> float:
        try:
            return float(json.loads(self.control.read_text()).get("skew_seconds", 0))
        except (OSError, ValueError):
            return 0.0


def http_date(skew: float) -> str:
    return email.utils.formatdate(time.time() + skew, usegmt=True)


def route(host: str, path: str, tls: bool, portal: bool) -> tuple[int, str, dict[str, str]]:
    """Pick (status, body, extra headers) the way the real check endpoints answer."""
    if portal:
        if path.startswith("/login"):
            return 200, LOGIN_PAGE, {}
        return 302, "", {"Location": "http://203.0.113.80/login"}
    if host == "connectivitycheck.gstatic.com" and path == "/generate_204":
        return 204, "", {}
    if host == "captive.apple.com" and not tls:
        return 200, APPLE_SUCCESS, {}
    return 200, f"<html><body>lab server for {host}</body></html>", {}


def render(status: int, body: str, headers: dict[str, str], skew: float) -> bytes:
    reason = {200: "OK", 204: "No Content", 302: "Found", 400: "Bad Request"}.get(status, "OK")
    raw = body.encode()
    lines = [
        f"HTTP/1.1 {status} {reason}",
        f"Date: {http_date(skew)}",
        "Server: ncl-lab",
        "Connection: close",
        "Content-Type: text/html",
    ]
    if status != 204:
        lines.append(f"Content-Length: {len(raw)}")
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (b"" if status == 204 else raw)


async def read_head(reader: asyncio.StreamReader) -> tuple[str, str, str]:
    """Return (method, path, host) of one HTTP/1.x request head."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = (lines[0].split(" ") + ["", ""])[:3]
    host = ""
    for line in lines[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == "host":
            host = value.strip().rsplit(":", 1)[0] if not value.strip().startswith("[") else value.strip()
    return method, path, host.lower()


def make_http_handler(cfg: Config, tls: bool):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            _, path, host = await read_head(reader)
            local = writer.get_extra_info("sockname")[0].removeprefix("::ffff:")
            status, body, extra = route(host, path, tls, local in cfg.portal)
            writer.write(render(status, body, extra, cfg.skew()))
            await writer.drain()
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ssl.SSLError):
            pass
        finally:
            writer.close()

    return handle


async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Like a TWS gateway to a client that says nothing: accept and wait."""
    try:
        while await reader.read(4096):
            pass
    except OSError:
        pass
    finally:
        writer.close()


async def main(args: argparse.Namespace) -> None:
    cfg = Config(Path(args.control), set(args.portal))
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(args.cert, args.key)
    servers = [await asyncio.start_server(silent, WILDCARD, p, reuse_address=True) for p in GATEWAY_PORTS]
    servers.append(await asyncio.start_server(make_http_handler(cfg, False), WILDCARD, 80, reuse_address=True))
    servers.append(await asyncio.start_server(make_http_handler(cfg, True), WILDCARD, 443, ssl=tls, reuse_address=True))
    Path(args.ready).write_text("ready\n")
    await asyncio.gather(*(s.serve_forever() for s in servers))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--control", required=True)
    p.add_argument("--ready", required=True)
    p.add_argument("--portal", action="append", default=[], help="local address that acts as captive portal")
    return p.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
