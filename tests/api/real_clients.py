"""What IBKR's own client (`ibapi`) and `ib_async` observe when they connect: the oracle for the fake
TWS and for the probe's verdicts. Each returns a small dict of facts, never raises for network trouble."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

CLIENT_ID = 9071


def ibapi_connect(host: str, port: int, wait: float = 2.0) -> dict[str, Any]:
    """ibapi 10.x: `connect()` has no timeout, so it runs in a thread; still blocked after `wait` s
    is itself an observation (the silent case)."""
    from ibapi.client import EClient
    from ibapi.wrapper import EWrapper

    seen: dict[str, Any] = {"errors": [], "accounts": None, "next_id": None, "closed": False}
    done = threading.Event()

    class App(EWrapper, EClient):  # type: ignore[misc]
        def __init__(self) -> None:
            EWrapper.__init__(self)
            EClient.__init__(self, self)

        def error(self, reqId: int, errorTime: int, code: int, text: str, *rest: Any) -> None:  # noqa: N803
            seen["errors"].append(code)
            if code in (326, 502):
                done.set()

        def nextValidId(self, orderId: int) -> None:  # noqa: N802, N803
            seen["next_id"] = orderId
            if seen["accounts"] is not None:
                done.set()

        def managedAccounts(self, accountsList: str) -> None:  # noqa: N802, N803
            seen["accounts"] = accountsList
            if seen["next_id"] is not None:
                done.set()

        def connectAck(self) -> None:  # noqa: N802
            # right after the handshake, before a close from the server can reset what ibapi holds
            seen["server_version"] = self.serverVersion()

        def connectionClosed(self) -> None:  # noqa: N802
            seen["closed"] = True
            done.set()

    app = App()
    t = threading.Thread(target=app.connect, args=(host, port, CLIENT_ID), daemon=True)
    t.start()
    t.join(wait)
    seen["connect_returned"] = not t.is_alive()
    if seen["connect_returned"]:
        if seen.get("server_version") is None:
            seen["server_version"] = app.serverVersion() if app.isConnected() else None
        # run() drains what the reader queued even when the server has already closed (TWS sends 326,
        # then closes): under load the close can win the race against isConnected().
        loop = threading.Thread(target=app.run, daemon=True)
        loop.start()
        done.wait(wait)
    seen["connected"] = bool(app.isConnected())
    if seen["connect_returned"]:
        _quiet_disconnect(app)
    return seen


def _quiet_disconnect(app: Any) -> None:
    """Let ibapi's message loop drain first: disconnecting under it resets the server version it reads."""
    until = time.monotonic() + 1.0
    while not app.msg_queue.empty() and time.monotonic() < until:
        time.sleep(0.01)
    time.sleep(0.05)
    app.disconnect()  # a connect still blocked is freed by the server closing, not by us


def ib_async_connect(host: str, port: int, timeout: float = 2.0) -> dict[str, Any]:
    """ib_async 2.1.0's API client (ready = next valid id + accounts), in its own event loop."""
    return asyncio.run(_ib_async(host, port, timeout))


async def _ib_async(host: str, port: int, timeout: float) -> dict[str, Any]:
    from ib_async import IB

    ib = IB()
    seen: dict[str, Any] = {"errors": [], "api_errors": []}
    ib.errorEvent += lambda req_id, code, text, contract: seen["errors"].append(code)
    ib.client.apiError += lambda msg: seen["api_errors"].append(str(msg))
    t0 = time.monotonic()
    try:
        await ib.client.connectAsync(host, port, CLIENT_ID, timeout)
        await asyncio.sleep(0.2)  # ready comes with next id + accounts; farm notices may follow them
        seen |= {
            "ready": ib.client.isReady(),
            "server_version": ib.client.serverVersion(),
            "accounts": ib.client.getAccounts(),
            "exception": None,
        }
    except BaseException as exc:  # noqa: BLE001  (what the library raises is the observation)
        seen |= {"ready": False, "exception": type(exc).__name__}
    seen["seconds"] = time.monotonic() - t0
    ib.disconnect()
    await asyncio.sleep(0.05)
    return seen
