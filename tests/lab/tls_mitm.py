"""A TLS-inspecting middlebox for the lab: terminate TLS with our own CA, relay to the real server.

Run inside the router namespace, with client port 443 DNAT-ed to --port:
    ip netns exec ncl-router python tests/lab/tls_mitm.py --cert C --key K --listen A --port 8443 --ready R
The original destination comes from SO_ORIGINAL_DST (conntrack). Standalone: no repo imports.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import ssl
import struct
from pathlib import Path

SO_ORIGINAL_DST = 80  # linux/netfilter_ipv4.h; IP6T_SO_ORIGINAL_DST has the same number


def original_destination(sock: socket.socket) -> tuple[str, int]:
    if sock.family == socket.AF_INET6:
        raw = sock.getsockopt(socket.IPPROTO_IPV6, SO_ORIGINAL_DST, 28)
        port = struct.unpack_from("!H", raw, 2)[0]
        return socket.inet_ntop(socket.AF_INET6, raw[8:24]), port
    raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    port = struct.unpack_from("!H", raw, 2)[0]
    return socket.inet_ntoa(raw[4:8]), port


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, ssl.SSLError):
        pass
    finally:
        writer.close()


def make_handler(upstream_tls: ssl.SSLContext):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            host, port = original_destination(writer.get_extra_info("socket"))
            up_reader, up_writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=upstream_tls, server_hostname=None), 5
            )
        except (TimeoutError, OSError, ssl.SSLError):
            writer.close()
            return
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    return handle


async def main(args: argparse.Namespace) -> None:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(args.cert, args.key)
    upstream = ssl.create_default_context()
    upstream.check_hostname = False
    upstream.verify_mode = ssl.CERT_NONE  # inspecting boxes re-sign whatever they get
    server = await asyncio.start_server(make_handler(upstream), args.listen, args.port, ssl=tls, reuse_address=True)
    Path(args.ready).write_text("ready\n")
    await server.serve_forever()


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--listen", action="append", required=True)
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--ready", required=True)
    return p.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
