"""The fake TWS is faithful, and the probe's verdicts agree with IBKR's `ibapi` and with `ib_async`.

For each mode, both real clients connect to the fake first; what they observe must match the shared
reference's table of client behaviour (that proves the fake). Then the probe's verdict is derived
from those observations alone and compared with what netcheck says."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

from netcheck.api import protocol as p
from netcheck.api.classify import ApiReason, classify
from netcheck.api.probe import observe
from tests.api.real_clients import ib_async_connect, ibapi_connect
from tests.fake_tws import ACCOUNTS, FakeTws

pytest.importorskip("ibapi")
pytest.importorskip("ib_async")

WAIT = 1.5


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> Iterator[tuple[FakeTws, int]]:
    f = FakeTws(request.param)
    port = f.start()
    yield f, port
    f.stop()


def observed(f: FakeTws, port: int) -> tuple[dict[str, Any], dict[str, Any]]:
    a = ibapi_connect("127.0.0.1", port, WAIT)
    f.drop_clients()  # frees ibapi's connect() if it is still blocked (no timeout of its own)
    b = ib_async_connect("127.0.0.1", port, WAIT)
    f.drop_clients()
    return a, b


def expected(a: dict[str, Any], b: dict[str, Any]) -> set[ApiReason]:
    """What the probe must say, from the real clients' observations only."""
    if b["ready"] and a["next_id"] is not None and a["accounts"]:
        return {ApiReason.READY}
    if 326 in a["errors"] and 326 in b["errors"]:
        return {ApiReason.CLIENT_ID_IN_USE}
    if a["connected"] and any("version must be" in e for e in b["api_errors"]):
        return {ApiReason.TOO_OLD}
    if not a["connect_returned"] and b["exception"] == "TimeoutError":
        return {ApiReason.SILENT}
    if a["connect_returned"] and a.get("server_version") and any("in use?" in e for e in b["api_errors"]):
        return {ApiReason.CLOSED_AFTER_START}  # ib_async guesses "in use?", but no 326 was sent
    if a["connect_returned"] and not a.get("server_version") and not a["errors"]:
        return {ApiReason.CLOSED, ApiReason.NOT_API}  # the clients cannot tell these apart; the probe can
    if 502 in a["errors"] and b["exception"] == "ConnectionRefusedError":
        return {ApiReason.REFUSED}
    raise AssertionError(f"no verdict for ibapi={a} ib_async={b}")


PER_MODE = {
    "healthy": ApiReason.READY,
    "untrusted": ApiReason.CLOSED,
    "silent": ApiReason.SILENT,
    "not-api": ApiReason.NOT_API,
    "client-id-in-use": ApiReason.CLIENT_ID_IN_USE,
    "too-old": ApiReason.TOO_OLD,
    "close-after-start": ApiReason.CLOSED_AFTER_START,
}


@pytest.mark.parametrize("fake", list(PER_MODE), indirect=True)
def test_probe_agrees_with_ibapi_and_ib_async(fake: tuple[FakeTws, int]) -> None:
    f, port = fake
    a, b = observed(f, port)
    verdict = classify(asyncio.run(observe("127.0.0.1", port, WAIT, client_id=9071)))
    assert verdict.reason in expected(a, b)
    assert verdict.reason is PER_MODE[f.mode]
    if verdict.reason in (ApiReason.READY, ApiReason.TOO_OLD):  # the server answers min(its, our max)
        assert verdict.evidence["server_version"] == min(a["server_version"], p.PROBE_MAX)


@pytest.mark.parametrize("fake", ["healthy"], indirect=True)
def test_healthy_fake_gives_real_clients_a_full_connection(fake: tuple[FakeTws, int]) -> None:
    f, port = fake
    a, b = observed(f, port)
    assert (a["server_version"], a["next_id"], a["accounts"]) == (178, 1, ACCOUNTS)
    assert b["ready"] and b["server_version"] == 178 and b["accounts"] == [ACCOUNTS]
    assert {2104, 2106, 2158} <= set(b["errors"])  # the farm notices a healthy TWS sends


def test_refused_as_real_clients_see_it() -> None:
    with_nothing = _free_port()
    a, b = ibapi_connect("127.0.0.1", with_nothing, WAIT), ib_async_connect("127.0.0.1", with_nothing, WAIT)
    assert expected(a, b) == {ApiReason.REFUSED}
    assert classify(asyncio.run(observe("127.0.0.1", with_nothing, WAIT))).reason is ApiReason.REFUSED


@pytest.mark.parametrize("fake", ["healthy", "silent", "client-id-in-use"], indirect=True)
@pytest.mark.parametrize("client_id", [None, 9071])
def test_probe_sends_only_the_handshake_and_leaves_no_session(fake: tuple[FakeTws, int], client_id: int | None) -> None:
    f, port = fake
    asyncio.run(observe("127.0.0.1", port, 0.5, client_id=client_id))
    time.sleep(0.1)
    sent = p.handshake() + (p.start_api(client_id, 176) if client_id is not None and f.mode != "silent" else b"")
    assert [bytes(s.received) for s in f.sessions] == [sent]
    assert f.open_sessions() == 0


def test_probe_over_ipv6_loopback() -> None:
    f = FakeTws("healthy")
    port = f.start("::1")
    try:
        v = classify(asyncio.run(observe("::1", port, WAIT, client_id=9071)))
    finally:
        f.stop()
    assert v.reason is ApiReason.READY and v.evidence["account_mode"] == "paper"
    assert v.evidence["source"] == "::1"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
