"""Which ports the API check probes, and how HOST:PORT is read."""

from __future__ import annotations

import pytest

from netcheck.api.targets import Running, checks, label, parse_target


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("127.0.0.1:7497", ("127.0.0.1", 7497)), ("[::1]:4002", ("::1", 4002)), ("gw.lan:4001", ("gw.lan", 4001))],
)
def test_parse(text: str, parsed: tuple[str, int]) -> None:
    assert parse_target(text) == parsed


@pytest.mark.parametrize("bad", ["7497", "host:", ":7497", "host:0", "host:65536", "::1:7497", "host:x"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_target(bad)


def test_standard_ports_on_both_loopbacks() -> None:
    ids = [c.id for c in checks()]
    assert ids[:2] == ["api:127.0.0.1:7496", "api:[::1]:7496"] and len(ids) == 8
    assert all(not c.required and c.params["source"] == "standard" and c.params["client_id"] is None for c in checks())


def test_user_and_process_ports_come_first_and_are_not_repeated() -> None:
    tws = Running("gateway", 77, (("0.0.0.0", 4001), ("127.0.0.1", 7462)))
    cs = checks([tws], [("gw.lan", 4003), ("127.0.0.1", 4001)], client_id=5)
    by_id = {c.id: c for c in cs}
    assert list(by_id)[:3] == ["api:gw.lan:4003", "api:127.0.0.1:4001", "api:127.0.0.1:7462"]
    assert by_id["api:127.0.0.1:4001"].params["source"] == "user" and by_id["api:127.0.0.1:4001"].required
    assert by_id["api:127.0.0.1:7462"].params["product"] == "gateway" and by_id["api:gw.lan:4003"].address == ""
    assert len(cs) == len(by_id) == 10 and cs[0].params["running"] == (
        {"kind": "gateway", "pid": 77, "ports": [4001, 7462]},
    )


def test_label() -> None:
    assert label(7497) == ("tws", "paper") and label(4001) == ("gateway", "live") and label(4003) == ("", "")
