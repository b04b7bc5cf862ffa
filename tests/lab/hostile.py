"""Hostile servers for reliability tests: tarpits, slow and endless HTTP, junk TLS, bad redirects, bad DNS.

Run inside the server namespace (see hostile_net.py), standalone (no repo imports but dnspython):
    ip netns exec nch-srv python tests/lab/hostile.py --ready FILE
What a client gets depends on the local address it connected to (HTTP) or the name it asked (DNS).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import struct
from pathlib import Path

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset

NET = "198.51.100."
SERVER, DNS_IP = NET + "1", NET + "53"
# local address -> behaviour of ports 80/443/4001 there
TARPIT, SLOW_HEAD, ENDLESS_BODY, ENDLESS_HEAD = NET + "11", NET + "12", NET + "13", NET + "14"
JUNK_TLS, REDIRECT_LOOP, REDIRECT_LOOPBACK, REDIRECT_LINK_LOCAL = NET + "15", NET + "16", NET + "17", NET + "18"
GATEWAY = NET + "30"  # a well-behaved silent TWS gateway (the target of the good DNS answers)
HTTP_ADDRESSES = (
    TARPIT,
    SLOW_HEAD,
    ENDLESS_BODY,
    ENDLESS_HEAD,
    JUNK_TLS,
    REDIRECT_LOOP,
    REDIRECT_LOOPBACK,
    REDIRECT_LINK_LOCAL,
)
ADDRESSES = (SERVER, DNS_IP, *HTTP_ADDRESSES, GATEWAY)
HUGE_COUNT = 120  # A records in one UDP answer (about 2 KB, no TC bit)
ZONE = "hostile.test."


# --- HTTP --------------------------------------------------------------------------------------
async def http(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    local = writer.get_extra_info("sockname")[0]
    try:
        if local == JUNK_TLS:
            writer.write(random.Random(1).randbytes(4096))  # not a TLS ServerHello
            await writer.drain()
        elif local == TARPIT or local == GATEWAY:
            await reader.read(65536)  # accept, read the request, never answer
            await asyncio.sleep(3600)
        else:
            await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            await _answer(local, writer)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
        pass
    finally:
        writer.close()


async def _answer(local: str, writer: asyncio.StreamWriter) -> None:
    if local == SLOW_HEAD:  # one byte per second: each read succeeds, the head never completes
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * 3600:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(1)
    elif local == ENDLESS_BODY:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")  # no length: until close
        chunk = b"x" * 65536
        while True:
            writer.write(chunk)
            await writer.drain()
    elif local == ENDLESS_HEAD:
        writer.write(b"HTTP/1.1 200 OK\r\n")
        while True:
            writer.write(b"X-Junk: " + b"j" * 1000 + b"\r\n")
            await writer.drain()
    else:
        target = {
            REDIRECT_LOOP: f"http://{REDIRECT_LOOP}/",
            REDIRECT_LOOPBACK: "http://127.0.0.1/",
            REDIRECT_LINK_LOCAL: "http://169.254.169.254/latest/meta-data/",
        }.get(local, f"http://{REDIRECT_LOOP}/")
        writer.write(f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n".encode())
        await writer.drain()


# --- DNS ---------------------------------------------------------------------------------------
def dns_reply(wire: bytes, tcp: bool) -> bytes | None:
    """The answer to one query; None means stay silent. First label of the name picks the trick."""
    try:
        q = dns.message.from_wire(wire)
    except Exception:  # junk query: ignore, like a real server would
        return None
    question = q.question[0]
    label = question.name.labels[0].decode().lower() if question.name.labels else ""
    rdtype = question.rdtype
    if label == "silent":
        return None
    if label == "garbage":
        return wire[:2] + random.Random(2).randbytes(200)
    r = dns.message.make_response(q)
    if label == "wrongid":
        r.id = (q.id + 1) % 65536
    if label in ("trunc", "trunc-dead") and not tcp:
        r.flags |= dns.flags.TC
        return r.to_wire()
    if label == "trunc-dead":
        return b""  # TCP: close without an answer
    answers = _answers(label, rdtype)
    if answers is None:
        r.set_rcode(dns.rcode.NXDOMAIN)
    elif answers:
        kind = dns.rdatatype.to_text(rdtype)
        r.answer.append(dns.rrset.from_text_list(question.name, 5, "IN", kind, answers))
    return r.to_wire(max_size=65535)


def _answers(label: str, rdtype: int) -> list[str] | None:
    v4 = {
        "trunc": [GATEWAY],
        "wrongid": [GATEWAY],
        "loop": ["127.0.0.1"],
        "zero": ["0.0.0.0"],
        "huge": [f"198.51.100.{100 + i % 150}" for i in range(HUGE_COUNT)],
    }
    v6 = {"loop": ["::1"], "zero": ["::"]}
    if label not in v4:
        return None
    if rdtype == dns.rdatatype.A:
        return sorted(set(v4[label]), key=v4[label].index)
    return v6.get(label, []) if rdtype == dns.rdatatype.AAAA else []


class Udp(asyncio.DatagramProtocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        reply = dns_reply(data, tcp=False)
        if reply:
            self.transport.sendto(reply, addr)  # type: ignore[attr-defined]


async def dns_tcp(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            (size,) = struct.unpack("!H", await reader.readexactly(2))
            reply = dns_reply(await reader.readexactly(size), tcp=True)
            if not reply:
                break
            writer.write(struct.pack("!H", len(reply)) + reply)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main(ready: Path) -> None:
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(Udp, local_addr=(DNS_IP, 53), family=socket.AF_INET)
    servers = [await asyncio.start_server(dns_tcp, DNS_IP, 53, reuse_address=True)]
    for port in (80, 443, 4001):
        servers.append(await asyncio.start_server(http, "0.0.0.0", port, reuse_address=True))
    ready.write_text("ready\n")
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ready", required=True, type=Path)
    asyncio.run(main(p.parse_args().ready))
