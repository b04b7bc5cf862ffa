"""Userspace delay/loss emulator (the kernel here has no sch_netem).

Creates a TUN device; the router policy-routes forwarded packets into it, and this relay
writes each packet back after ``delay`` ms (or drops it with probability ``loss``), so the
kernel routes it on by the main table. Standalone on purpose: no repo imports.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import random
import struct
from pathlib import Path

TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000


def open_tun(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def write_back(fd: int, packet: bytes) -> None:
    try:
        os.write(fd, packet)
    except OSError:
        pass  # a lost packet is exactly what this device is for


async def main(args: argparse.Namespace) -> None:
    fd = open_tun(args.dev)
    loop = asyncio.get_running_loop()
    rng, delay, loss = random.Random(args.seed), args.delay_ms / 1000.0, args.loss_pct / 100.0

    def on_readable() -> None:
        while True:
            try:
                packet = os.read(fd, 65536)
            except BlockingIOError:
                return
            if rng.random() >= loss:
                loop.call_later(delay, write_back, fd, packet)

    loop.add_reader(fd, on_readable)
    Path(args.ready).write_text("ready\n")
    await asyncio.Event().wait()


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dev", required=True)
    p.add_argument("--delay-ms", type=float, default=0.0, help="delay per pass (one direction)")
    p.add_argument("--loss-pct", type=float, default=0.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--ready", required=True)
    return p.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
