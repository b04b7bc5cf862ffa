"""Pure TWS API wire format: the handshake, START_API, and the replies a pre-flight reads. No I/O.

Facts: shared reference "TWS API socket" (ibapi 10.37-10.51, ib_async 2.1.0). The probe advertises a
text-protocol range (max < 201), so replies come as `<msgId>\\0<field>\\0...`; the framing above server
version 200 (a 4-byte msgId, protobuf when id > 200) is decoded too, for servers that ignore our range.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

PREFIX = b"API\x00"
PROBE_MIN, PROBE_MAX = 100, 176  # max < 194 keeps ERROR's version field, < 201 keeps text framing
MIN_CLIENT_VERSION = 157  # ib_async 2.1.0 refuses older servers; current ibapi releases need far newer
MAX_FRAME = 1 << 24  # TWS messages are small; "HTTP" read as a length is 1 213 486 160
MIN_SERVER_VER_BINARY = 201  # MIN_SERVER_VER_PROTOBUF: 4-byte message ids from here on
MIN_SERVER_VER_ERROR_TIME = 194  # ERROR drops its version field
MIN_SERVER_VER_OPTIONAL_CAPABILITIES = 72
PROTOBUF_OFFSET = 200

START_API, NEXT_VALID_ID, MANAGED_ACCTS, ERROR = 71, 9, 15, 4
CLIENT_ID_IN_USE = 326


@dataclass(frozen=True)
class ServerHello:
    version: int
    connection_time: str


@dataclass(frozen=True)
class Message:
    msg_id: int
    fields: tuple[str, ...] = ()
    protobuf: bytes = b""  # body of a protobuf message (id > 200 above server version 200)


@dataclass(frozen=True)
class ApiError:
    req_id: int
    code: int
    text: str


def frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def fields(*values: object) -> bytes:
    return b"".join(str(v).encode("ascii") + b"\x00" for v in values)


def handshake(lo: int = PROBE_MIN, hi: int = PROBE_MAX, options: str = "") -> bytes:
    """`API\\0` + length-prefixed `v<min>..<max>` (and connect options after a space)."""
    text = f"v{lo}..{hi}" if lo != hi else f"v{lo}"
    return PREFIX + frame((text + (" " + options if options else "")).encode("ascii"))


def start_api(client_id: int, server_version: int) -> bytes:
    """START_API version 2 for `client_id`, no optional capabilities, in the server's framing."""
    body = fields(2, client_id) + (fields("") if server_version >= MIN_SERVER_VER_OPTIONAL_CAPABILITIES else b"")
    if server_version >= MIN_SERVER_VER_BINARY:
        return frame(struct.pack(">I", START_API) + body)
    return frame(fields(START_API) + body)


def split_frames(buf: bytes) -> tuple[list[bytes], bytes]:
    """Complete length-prefixed payloads in `buf`, and the incomplete rest.
    Raises ValueError for a length no TWS sends (another protocol's bytes)."""
    out: list[bytes] = []
    while len(buf) >= 4:
        (size,) = struct.unpack(">I", buf[:4])
        if size > MAX_FRAME:
            raise ValueError(f"frame length {size} is not TWS API framing")
        if len(buf) < 4 + size:
            break
        out.append(buf[4 : 4 + size])
        buf = buf[4 + size :]
    return out, buf


def text_fields(payload: bytes) -> tuple[str, ...]:
    """NUL-terminated ASCII fields; ValueError when the payload is not made of them."""
    if not payload.endswith(b"\x00"):
        raise ValueError("fields are not NUL-terminated")
    return tuple(payload[:-1].decode("ascii").split("\x00"))


def server_hello(payload: bytes) -> ServerHello:
    """The first reply: server version and connection time. ValueError for anything else."""
    parts = text_fields(payload)
    if len(parts) != 2 or not parts[0].isdigit():
        raise ValueError(f"not a server version reply: {payload[:40]!r}")
    return ServerHello(int(parts[0]), parts[1])


def message(payload: bytes, server_version: int) -> Message:
    """One message after the handshake, in the framing of `server_version`."""
    if server_version >= MIN_SERVER_VER_BINARY:
        if len(payload) < 4:
            raise ValueError("message shorter than its id")
        (msg_id,) = struct.unpack(">I", payload[:4])
        if msg_id > PROTOBUF_OFFSET:
            return Message(msg_id - PROTOBUF_OFFSET, protobuf=payload[4:])
        return Message(msg_id, text_fields(payload[4:]) if len(payload) > 4 else ())
    head, *rest = text_fields(payload)
    return Message(int(head), tuple(rest))


def next_valid_id(m: Message) -> int | None:
    return int(m.fields[1]) if m.msg_id == NEXT_VALID_ID and len(m.fields) >= 2 else None


def managed_accounts(m: Message) -> tuple[str, ...] | None:
    if m.msg_id != MANAGED_ACCTS or len(m.fields) < 2:
        return None
    return tuple(a for a in m.fields[1].split(",") if a)


def api_error(m: Message, server_version: int) -> ApiError | None:
    """ERROR: `version, reqId, code, msg` below server version 194, `reqId, code, msg, ...` from it."""
    if m.msg_id != ERROR:
        return None
    if m.protobuf:
        return _protobuf_error(m.protobuf)
    f = m.fields if server_version >= MIN_SERVER_VER_ERROR_TIME else m.fields[1:]
    if len(f) < 3:
        return None
    return ApiError(int(f[0]), int(f[1]), f[2])


def _protobuf_error(body: bytes) -> ApiError | None:
    """ErrorMessage {1 id, 2 errorTime, 3 errorCode, 4 errorMsg}: enough wire format for those four."""
    values = _protobuf_fields(body)
    if 3 not in values:
        return None
    text = values.get(4, b"")
    return ApiError(_signed(values.get(1, 0)), _signed(values[3]), text.decode() if isinstance(text, bytes) else "")


def _protobuf_fields(body: bytes) -> dict[int, int | bytes]:
    out: dict[int, int | bytes] = {}
    i = 0
    while i < len(body):
        key, i = _varint(body, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            out[number], i = _varint(body, i)
        elif wire == 2:
            size, i = _varint(body, i)
            out[number], i = body[i : i + size], i + size
        else:
            raise ValueError(f"protobuf wire type {wire} not expected in ERROR")
    return out


def _varint(body: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(body):
            raise ValueError("truncated varint")
        b = body[i]
        value |= (b & 0x7F) << shift
        i, shift = i + 1, shift + 7
        if not b & 0x80:
            return value, i


def _signed(v: int | bytes) -> int:
    n = v if isinstance(v, int) else 0
    return n - (1 << 64) if n >= 1 << 63 else n
