"""The handshake encoder/decoder: bytes as IBKR's clients send them, replies in both framings."""

from __future__ import annotations

import struct

import pytest

from netcheck.api import protocol as p


def test_handshake_matches_the_documented_bytes() -> None:
    assert p.handshake(157, 178) == b"API\x00\x00\x00\x00\x09v157..178"
    assert p.handshake() == b"API\x00" + struct.pack(">I", 9) + b"v100..176"
    assert p.handshake(176, 176) == b"API\x00\x00\x00\x00\x04v176"
    assert p.handshake(100, 226, "+PACEAPI") == b"API\x00\x00\x00\x00\x12v100..226 +PACEAPI"


def test_probe_range_stays_in_the_text_protocol() -> None:
    assert p.PROBE_MAX < p.MIN_SERVER_VER_BINARY and p.PROBE_MAX < p.MIN_SERVER_VER_ERROR_TIME


def test_start_api_text_and_binary_framing() -> None:
    assert p.start_api(1, 178) == b"\x00\x00\x00\x0871\x002\x001\x00\x00"  # the reference's capture
    assert p.start_api(1, 70) == b"\x00\x00\x00\x0771\x002\x001\x00"  # no capabilities field before 72
    assert p.start_api(2, 203) == b"\x00\x00\x00\x09\x00\x00\x00\x47" + b"2\x002\x00\x00"  # ibapi 10.37 at sv 203


def test_server_hello() -> None:
    frames, rest = p.split_frames(b"\x00\x00\x00\x1a178\x0020261201 16:15:28 UTC\x00" + b"\x00\x00")
    assert p.server_hello(frames[0]) == p.ServerHello(178, "20261201 16:15:28 UTC") and rest == b"\x00\x00"


@pytest.mark.parametrize("payload", [b"178\x00", b"abc\x00def\x00", b"178\x00x", b"1\x002\x003\x00"])
def test_not_a_hello(payload: bytes) -> None:
    with pytest.raises(ValueError):
        p.server_hello(payload)


def test_http_bytes_are_no_frame() -> None:
    with pytest.raises(ValueError, match="1213486160"):
        p.split_frames(b"HTTP/1.1 400 Bad Request\r\n")


def test_text_messages_below_201() -> None:
    assert p.next_valid_id(p.message(b"9\x001\x0042\x00", 178)) == 42
    assert p.managed_accounts(p.message(b"15\x001\x00DU1,DU2\x00", 178)) == ("DU1", "DU2")
    err = p.api_error(p.message(b"4\x002\x00-1\x00326\x00in use\x00\x00", 178), 178)
    assert err == p.ApiError(-1, 326, "in use")


def test_error_without_version_field_from_194() -> None:
    err = p.api_error(p.message(b"4\x00-1\x002104\x00farm OK\x00\x001764605728000\x00", 194), 194)
    assert err == p.ApiError(-1, 2104, "farm OK")


def test_binary_framing_above_200() -> None:
    m = p.message(b"\x00\x00\x00\x09" + b"1\x0077\x00", 203)
    assert p.next_valid_id(m) == 77
    err = p.api_error(p.message(b"\x00\x00\x00\x04" + b"-1\x00326\x00in use\x00\x00\x000\x00", 203), 203)
    assert err and err.code == 326


def test_protobuf_error_above_200() -> None:
    body = bytes([0x08]) + b"\xff" * 9 + b"\x01" + bytes([0x18, 0xC6, 0x02, 0x22, 0x06]) + b"in use"
    m = p.message(struct.pack(">I", 204) + body, 213)
    assert m.msg_id == 4 and p.api_error(m, 213) == p.ApiError(-1, 326, "in use")


def test_other_messages_are_not_misread() -> None:
    m = p.message(b"4\x002\x00-1\x002104\x00ok\x00\x00", 178)
    assert p.next_valid_id(m) is None and p.managed_accounts(m) is None
    assert p.api_error(p.message(b"9\x001\x001\x00", 178), 178) is None
