"""A fake TWS / IB Gateway API server that speaks the real protocol, one mode per failure.

Runs in a background thread (tests) or as a process (`python -m tests.fake_tws --mode healthy --port 4002
--host 198.51.100.67`, e.g. inside a lab namespace). It answers min(its version, the client's maximum),
as TWS does, and records every byte each client sent, so tests can prove what a probe sent and that it
left no session open.
"""

from __future__ import annotations

import argparse
import asyncio
import struct
import threading
import time
from dataclasses import dataclass, field

MODES = ("healthy", "untrusted", "silent", "not-api", "client-id-in-use", "too-old", "close-after-start")
ACCOUNTS = "DU1234567"
NEXT_ID = 1
FARMS = (
    (2104, "Market data farm connection is OK:usfarm"),
    (2106, "HMDS data farm connection is OK:ushmds"),
    (2158, "Sec-def data farm connection is OK:secdefnj"),
)
IN_USE_TEXT = "Unable to connect as the client id is already in use. Retry with a unique client id."


def _frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def _fields(*values: object) -> bytes:
    return b"".join(str(v).encode() + b"\x00" for v in values)


def error_message(sv: int, code: int, text: str, req_id: int = -1) -> bytes:
    """ERROR (4) in the layout of server version `sv` (shared reference, "ERROR layout")."""
    if sv >= 194:
        body = _fields(4, req_id, code, text, "", int(time.time() * 1000))
    elif sv >= 166:
        body = _fields(4, 2, req_id, code, text, "")
    else:
        body = _fields(4, 2, req_id, code, text)
    return _frame(body)


@dataclass
class Session:
    received: bytearray = field(default_factory=bytearray)
    client_ids: list[int] = field(default_factory=list)
    open: bool = True
    answered_version: int | None = None


class FakeTws:
    def __init__(self, mode: str = "healthy", version: int = 178) -> None:
        assert mode in MODES, mode
        self.mode = mode
        self.version = 150 if mode == "too-old" else version
        self.sessions: list[Session] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def serve(self, host: str, port: int) -> int:
        self._server = await asyncio.start_server(self._client, host, port)
        return int(self._server.sockets[0].getsockname()[1])

    def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """In a daemon thread with its own loop; returns the bound port."""
        ready: list[int] = []
        started = threading.Event()

        def main() -> None:
            self._loop = asyncio.new_event_loop()
            ready.append(self._loop.run_until_complete(self.serve(host, port)))
            started.set()
            self._loop.run_forever()

        threading.Thread(target=main, daemon=True, name=f"fake-tws-{self.mode}").start()
        started.wait(5)
        return ready[0]

    def stop(self) -> None:
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def drop_clients(self) -> None:
        """Close every open session (frees a client stuck in a silent connect)."""
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._drop(), self._loop).result(5)

    async def _drop(self) -> None:
        for w in list(self._writers):
            w.close()

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._drop()

    def open_sessions(self) -> int:
        return sum(1 for s in self.sessions if s.open)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        s = Session()
        self.sessions.append(s)
        self._writers.add(writer)
        try:
            await self._speak(reader, writer, s)
        except (OSError, asyncio.IncompleteReadError):
            pass  # the client went away: that ends a session, not the server
        finally:
            self._writers.discard(writer)
            writer.close()
            s.open = False

    async def _speak(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, s: Session) -> None:
        if self.mode == "untrusted":
            return  # TWS closes at once, sending nothing, for an address it does not allow
        if self.mode == "silent":
            await self._drain_until_eof(reader, s)  # TWS waits for a human at its accept dialog
            return
        if self.mode == "not-api":
            await self._read(reader, s, 4)
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        hi = await self._handshake(reader, s)
        s.answered_version = min(self.version, hi)
        writer.write(_frame(_fields(s.answered_version, time.strftime("%Y%m%d %H:%M:%S UTC", time.gmtime()))))
        await self._session(reader, writer, s, s.answered_version)

    async def _handshake(self, reader: asyncio.StreamReader, s: Session) -> int:
        prefix = await self._read(reader, s, 4)
        assert prefix == b"API\x00", prefix
        (size,) = struct.unpack(">I", await self._read(reader, s, 4))
        text = (await self._read(reader, s, size)).decode().split(" ")[0]
        return int(text[1:].split("..")[-1])

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, s: Session, sv: int) -> None:
        while True:
            (size,) = struct.unpack(">I", await self._read(reader, s, 4))
            msg_id, fields = self._decode(await self._read(reader, s, size), sv)
            if msg_id not in (71, 271):
                continue  # a fake answers only what a connect needs
            s.client_ids.append(int(fields[1]) if fields else -1)
            if self.mode == "client-id-in-use":
                writer.write(error_message(sv, 326, IN_USE_TEXT))
                await writer.drain()
                return
            if self.mode == "close-after-start":
                return
            writer.write(_frame(_fields(15, 1, ACCOUNTS)) + _frame(_fields(9, 1, NEXT_ID)))
            writer.write(b"".join(error_message(sv, code, text) for code, text in FARMS))
            await writer.drain()

    @staticmethod
    def _decode(payload: bytes, sv: int) -> tuple[int, list[str]]:
        if sv >= 201:
            (msg_id,) = struct.unpack(">I", payload[:4])
            return msg_id, payload[4:].decode(errors="replace").split("\x00")
        head, *rest = payload.decode(errors="replace").split("\x00")
        return int(head), rest

    async def _read(self, reader: asyncio.StreamReader, s: Session, n: int) -> bytes:
        data = await reader.readexactly(n)
        s.received += data
        return data

    async def _drain_until_eof(self, reader: asyncio.StreamReader, s: Session) -> None:
        while chunk := await reader.read(4096):
            s.received += chunk


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mode", choices=MODES, default="healthy")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7497)
    ap.add_argument("--version", type=int, default=178)
    a = ap.parse_args()
    fake = FakeTws(a.mode, a.version)

    async def run() -> None:
        port = await fake.serve(a.host, a.port)
        print(f"fake TWS ({a.mode}) on {a.host}:{port}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


if __name__ == "__main__":
    main()
