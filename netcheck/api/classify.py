"""Pure: what the API socket did (an Observation) -> one reason with its evidence. No I/O here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from netcheck.api.protocol import CLIENT_ID_IN_USE, MIN_CLIENT_VERSION, PROBE_MAX, ApiError, ServerHello
from netcheck.model import Reason


class ApiReason(enum.StrEnum):
    REFUSED = "refused"  # nothing listens (API off, TWS not running, wrong port)
    NO_ANSWER = "no-answer"  # the connect timed out: a firewall drops it, TWS never does
    UNREACHABLE = "unreachable"
    CLOSED = "closed-no-reply"  # accepted, closed with 0 bytes: address not trusted / localhost only
    SILENT = "silent"  # accepted, silent until the timeout: TWS shows "accept incoming connection?"
    NOT_API = "not-api"  # another program's bytes
    TOO_OLD = "too-old"
    HANDSHAKE = "handshake"  # server version read; no START_API asked
    READY = "ready"  # START_API answered with next valid id and accounts
    CLIENT_ID_IN_USE = "client-id-in-use"
    CLOSED_AFTER_START = "closed-after-start"  # closed after START_API without 326: cause unknown
    NO_START_REPLY = "no-start-reply"
    ERROR = "error"


# ApiReason -> (the run's coarse Reason, is it healthy). Reasons outside this vocabulary stay in detail.
COARSE: dict[ApiReason, tuple[Reason, bool]] = {
    ApiReason.REFUSED: (Reason.REFUSED, False),
    ApiReason.NO_ANSWER: (Reason.TIMEOUT, False),
    ApiReason.UNREACHABLE: (Reason.UNREACHABLE, False),
    ApiReason.CLOSED: (Reason.PROHIBITED, False),
    ApiReason.SILENT: (Reason.TIMEOUT, False),
    ApiReason.NOT_API: (Reason.CONFLICT, False),
    ApiReason.TOO_OLD: (Reason.MISCONFIGURED, False),
    ApiReason.HANDSHAKE: (Reason.OK, True),
    ApiReason.READY: (Reason.OK, True),
    ApiReason.CLIENT_ID_IN_USE: (Reason.CONFLICT, False),
    ApiReason.CLOSED_AFTER_START: (Reason.ERROR, False),
    ApiReason.NO_START_REPLY: (Reason.TIMEOUT, False),
    ApiReason.ERROR: (Reason.ERROR, False),
}


@dataclass(frozen=True)
class Observation:
    """Everything the probe saw, with times in ms from the start of the connect."""

    connect: Reason = Reason.OK  # classify_connect() of the connect attempt
    connect_ms: float = 0.0
    error: str = ""
    source: str = ""  # the probe's own address: the one TWS sees
    received: bytes = b""  # bytes before (or instead of) a server version reply
    first_byte_ms: float | None = None
    closed_ms: float | None = None  # the peer closed (EOF or reset) before the phase ended
    hello: ServerHello | None = None
    client_id: int | None = None  # START_API was sent for this id
    next_id: int | None = None
    accounts: tuple[str, ...] | None = None
    errors: tuple[ApiError, ...] = ()
    start_closed: bool = False
    waited_ms: float = 0.0  # how long the probe waited for a reply before giving up


@dataclass(frozen=True)
class Verdict:
    reason: ApiReason
    why: str  # one technical English line for the evidence (codes and numbers)
    evidence: dict[str, Any] = field(default_factory=dict)


def classify(o: Observation) -> Verdict:
    if o.connect is not Reason.OK:
        return _connect_failed(o)
    if o.hello is None:
        return _no_hello(o)
    return _after_hello(o, o.hello)


def _connect_failed(o: Observation) -> Verdict:
    reason = {Reason.REFUSED: ApiReason.REFUSED, Reason.TIMEOUT: ApiReason.NO_ANSWER}.get(o.connect)
    reason = reason or (ApiReason.UNREACHABLE if o.connect is Reason.UNREACHABLE else ApiReason.ERROR)
    why = "nothing listens" if reason is ApiReason.REFUSED else f"connect {o.connect.value}"
    return Verdict(reason, f"{why} ({o.error})" if o.error else why)


def _no_hello(o: Observation) -> Verdict:
    ev = {"connect_ms": o.connect_ms, "source": o.source}
    if o.received:
        ev |= {"bytes_seen": len(o.received), "first_bytes": shown(o.received), "first_byte_ms": o.first_byte_ms}
        return Verdict(ApiReason.NOT_API, f"answered with non-API bytes {shown(o.received)}", ev)
    if o.closed_ms is not None:
        ev |= {"closed_ms": o.closed_ms, "bytes_seen": 0}
        return Verdict(ApiReason.CLOSED, f"accepted, then closed after {o.closed_ms:.0f} ms with 0 bytes", ev)
    ev |= {"waited_ms": o.waited_ms, "bytes_seen": 0}
    return Verdict(ApiReason.SILENT, f"accepted, no reply in {o.waited_ms:.0f} ms (TWS keeps the connection open)", ev)


def _after_hello(o: Observation, hello: ServerHello) -> Verdict:
    ev: dict[str, Any] = {
        "server_version": hello.version,
        "connection_time": hello.connection_time,
        "generation": generation(hello.version),
        "connect_ms": o.connect_ms,
        "source": o.source,
    }
    if hello.version < MIN_CLIENT_VERSION:
        return Verdict(ApiReason.TOO_OLD, f"server version {hello.version} < {MIN_CLIENT_VERSION}", ev)
    if o.client_id is None:
        return Verdict(ApiReason.HANDSHAKE, f"server version {hello.version}", ev)
    return _after_start(o, hello, ev | {"client_id": o.client_id, "codes": [e.code for e in o.errors]})


def _after_start(o: Observation, hello: ServerHello, ev: dict[str, Any]) -> Verdict:
    cid = o.client_id
    if any(e.code == CLIENT_ID_IN_USE for e in o.errors):
        return Verdict(ApiReason.CLIENT_ID_IN_USE, f"error {CLIENT_ID_IN_USE} for client id {cid}", ev)
    if o.next_id is not None and o.accounts is not None:
        ev |= {"next_valid_id": o.next_id, "accounts": len(o.accounts), "account_mode": account_mode(o.accounts)}
        return Verdict(ApiReason.READY, f"server version {hello.version}, client id {cid} started", ev)
    if o.start_closed:
        return Verdict(ApiReason.CLOSED_AFTER_START, f"closed after START_API for client id {cid}, no 326", ev)
    return Verdict(ApiReason.NO_START_REPLY, f"no answer to START_API in {o.waited_ms:.0f} ms", ev)


def generation(version: int) -> str:
    """What a server version says about the build, without inventing release numbers."""
    if version < MIN_CLIENT_VERSION:
        return "older than current API clients accept"
    if version >= PROBE_MAX:
        return f"current (speaks {PROBE_MAX}, the probe's maximum, or newer)"
    return "accepted by current clients, not the newest"


def account_mode(accounts: tuple[str, ...]) -> str:
    """Paper accounts start with D (DU1234567): the mode without keeping any account id."""
    modes = {"paper" if a.upper().startswith("D") else "live" for a in accounts}
    return modes.pop() if len(modes) == 1 else "mixed" if modes else ""


def shown(data: bytes, limit: int = 24) -> str:
    """Printable evidence of foreign bytes: ASCII where printable, \\xNN otherwise."""
    text = "".join(chr(b) if 32 <= b < 127 else f"\\x{b:02x}" for b in data[:limit])
    return f"'{text}'" + ("…" if len(data) > limit else "")
