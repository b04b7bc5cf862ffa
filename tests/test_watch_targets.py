"""What the watch watches: --target parsing, the account's server, else the nearest gateway, plus a running API."""

from __future__ import annotations

import pytest

from netcheck.model import HostEntry, HostList
from netcheck.watch.targets import Target, defaults, parse

HL = HostList(
    hosts=(
        HostEntry("ndc1.ibllc.com", (4000, 4001), "gw", "america-east"),
        HostEntry("zdc1.ibllc.com", (4000, 4001), "gw", "europe"),
        HostEntry("zdc1_hb1.ibllc.com", (4000, 4001), "gw", "europe", required=False),
        HostEntry("www.interactivebrokers.com", (443,), "web"),
    )
)


@pytest.mark.parametrize(
    ("text", "name"),
    [("zdc1.ibllc.com:4001", "zdc1.ibllc.com:4001"), ("[2001:DB8::1]:4001", "[2001:db8::1]:4001"),
     ("127.0.0.1:7497", "127.0.0.1:7497")],
)  # fmt: skip
def test_parse_host_port(text: str, name: str) -> None:
    assert parse(text).name == name


@pytest.mark.parametrize("text", ["zdc1.ibllc.com", "x:0", "x:70000", "2001:db8::1:4001", ":4001", "a b:1"])
def test_parse_rejects_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError, match="is not HOST:PORT"):
        parse(text)


def fake(times: dict[tuple[str, int], float]):  # type: ignore[no-untyped-def]
    async def measure(host: str, port: int) -> float | None:
        return times.get((host, port))

    return measure


async def test_home_server_first_then_a_running_api_port() -> None:
    got = await defaults("zdc1.ibllc.com", HL, fake({("127.0.0.1", 7497): 0.1}))
    assert got == [Target("zdc1.ibllc.com", 4001, "home-server"), Target("127.0.0.1", 7497, "tws-api")]


async def test_without_a_home_server_the_nearest_required_gateway_that_answers() -> None:
    times = {("ndc1.ibllc.com", 4001): 90.0, ("zdc1.ibllc.com", 4001): 20.0, ("zdc1_hb1.ibllc.com", 4001): 1.0}
    assert await defaults(None, HL, fake(times)) == [Target("zdc1.ibllc.com", 4001, "nearest-gateway")]
    assert await defaults(None, HL, fake({})) == []  # nothing answers: the command asks for --target
