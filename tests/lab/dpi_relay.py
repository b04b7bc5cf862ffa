"""A DPI box for the lab: reads each client's ClientHello and resets the connection when it names a
blocked server; anything else is relayed untouched to where the client was going.

Run inside the router namespace, with client port 443 DNAT-ed to --port:
    ip netns exec ncl-router python tests/lab/dpi_relay.py --block interactivebrokers --listen A --port 8444 --ready R
The original destination comes from SO_ORIGINAL_DST (conntrack). Standalone: no repo imports.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import struct
from pathlib import Path

SO_ORIGINAL_DST = 80  # linux/netfilter_ipv4.h; IP6T_SO_ORIGINAL_DST has the same number


def original_destination(sock: socket.socket) -> tuple[str, int]:
    if sock.family == socket.AF_INET6:
        raw = sock.getsockopt(socket.IPPROTO_IPV6, SO_ORIGINAL_DST, 28)
        return socket.inet_ntop(socket.AF_INET6, raw[8:24]), struct.unpack_from("!H", raw, 2)[0]
    raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    return socket.inet_ntoa(raw[4:8]), struct.unpack_from("!H", raw, 2)[0]


def reset(writer: asyncio.StreamWriter) -> None:
    """SO_LINGER 0: close() sends a TCP RST, as DPI boxes do."""
    writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


def make_handler(blocked: list[bytes]):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            hello = await asyncio.wait_for(reader.read(16384), 5)
            if any(name in hello.lower() for name in blocked):
                reset(writer)
                return
            host, port = original_destination(writer.get_extra_info("socket"))
            up_reader, up_writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
        except (TimeoutError, OSError):
            writer.close()
            return
        up_writer.write(hello)
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    return handle


async def main(args: argparse.Namespace) -> None:
    blocked = [b.lower().encode() for b in args.block]
    server = await asyncio.start_server(make_handler(blocked), args.listen, args.port, reuse_address=True)
    Path(args.ready).write_text("ready\n")
    await server.serve_forever()


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--block", action="append", required=True, help="server-name text that gets a reset")
    p.add_argument("--listen", action="append", required=True)
    p.add_argument("--port", type=int, default=8444)
    p.add_argument("--ready", required=True)
    return p.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
