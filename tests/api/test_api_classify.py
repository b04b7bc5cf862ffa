"""Every classification of what the API socket did, from constructed observations."""

from __future__ import annotations

import pytest

from netcheck.api.classify import ApiReason, Observation, account_mode, classify, generation, shown
from netcheck.api.protocol import ApiError, ServerHello
from netcheck.model import Reason

HELLO = ServerHello(176, "20261201 16:15:28 UTC")


@pytest.mark.parametrize(
    ("obs", "reason"),
    [
        (Observation(connect=Reason.REFUSED, error="ECONNREFUSED"), ApiReason.REFUSED),
        (Observation(connect=Reason.TIMEOUT), ApiReason.NO_ANSWER),
        (Observation(connect=Reason.UNREACHABLE), ApiReason.UNREACHABLE),
        (Observation(connect=Reason.ERROR), ApiReason.ERROR),
        (Observation(closed_ms=2.0), ApiReason.CLOSED),
        (Observation(waited_ms=3000.0), ApiReason.SILENT),
        (Observation(received=b"HTTP/1.1 400", first_byte_ms=1.0), ApiReason.NOT_API),
        (Observation(received=b"\x00\x00", closed_ms=1.0), ApiReason.NOT_API),  # a cut frame is no answer
        (Observation(hello=ServerHello(150, "x")), ApiReason.TOO_OLD),
        (Observation(hello=HELLO), ApiReason.HANDSHAKE),
        (Observation(hello=HELLO, client_id=7, next_id=1, accounts=("DU1",)), ApiReason.READY),
        (Observation(hello=HELLO, client_id=7, errors=(ApiError(-1, 326, "in use"),)), ApiReason.CLIENT_ID_IN_USE),
        (Observation(hello=HELLO, client_id=7, start_closed=True), ApiReason.CLOSED_AFTER_START),
        (Observation(hello=HELLO, client_id=7, waited_ms=3000.0), ApiReason.NO_START_REPLY),
        (Observation(hello=HELLO, client_id=7, next_id=1), ApiReason.NO_START_REPLY),  # accounts never came
    ],
)
def test_classification(obs: Observation, reason: ApiReason) -> None:
    assert classify(obs).reason is reason


def test_326_wins_over_a_close() -> None:
    obs = Observation(hello=HELLO, client_id=7, errors=(ApiError(-1, 326, "x"),), start_closed=True)
    assert classify(obs).reason is ApiReason.CLIENT_ID_IN_USE


def test_evidence_carries_timings_and_bytes_not_accounts() -> None:
    v = classify(Observation(received=b"SSH-2.0-OpenSSH\r\n", first_byte_ms=3.0, source="127.0.0.1"))
    assert v.evidence["first_bytes"] == "'SSH-2.0-OpenSSH\\x0d\\x0a'" and v.evidence["source"] == "127.0.0.1"
    ready = classify(Observation(hello=HELLO, client_id=7, next_id=5, accounts=("U123", "U456")))
    assert ready.evidence["accounts"] == 2 and ready.evidence["account_mode"] == "live"
    assert "U123" not in repr(ready)


def test_words() -> None:
    assert account_mode(("DU1",)) == "paper" and account_mode(("DU1", "U2")) == "mixed" and account_mode(()) == ""
    assert generation(150).startswith("older") and generation(176).startswith("current")
    assert shown(b"x" * 30).endswith("…")
