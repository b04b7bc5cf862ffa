"""Host-list loading: the bundled list is valid, and bad files name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from netcheck import hostlist
from netcheck.errors import ConfigError


def test_bundled_list_covers_what_tws_needs() -> None:
    hl = hostlist.load()
    names = {h.name for h in hl.hosts}
    for gw in ("ndc1.ibllc.com", "cdc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com", "mcgw1.ibllc.com.cn"):
        assert gw in names
        assert {4000, 4001} <= set(next(h.ports for h in hl.hosts if h.name == gw))
    for web in ("s3.amazonaws.com", "download2.interactivebrokers.com", "gdcdyn.interactivebrokers.com"):
        assert web in names
    assert {"america-east", "europe", "asia"} <= set(hl.regions)
    assert hl.reachability and hl.public_dns
    assert all(not h.required for h in hl.hosts if "_hb1" in h.name)


def test_bundled_list_follows_the_2026_12_corrections() -> None:
    hosts = {h.name: h for h in hostlist.load().hosts}
    backups = [h for h in hosts.values() if h.backup_of]
    for name in ("ndc1_hb1.ibllc.com", "ndc1-hb1.ibllc.com", "ndc1-hb2.ibllc.com", "mcgw1-hb2.ibllc.com.cn"):
        assert hosts[name].backup_of and not hosts[name].required
    # backups live in other data centres: no region, so no region median counts them
    assert backups and all(not h.region and not h.required and h.backup_of in hosts for h in backups)
    assert not hosts["gdc1.ibllc.com"].required  # legacy, retired ~2023
    for optional in ("gdcdyn.interactivebrokers.com", "cdcdyn.interactivebrokers.com", "s3.amazonaws.com"):
        assert not hosts[optional].required, optional
    regional = [n for n in hosts if n.startswith("www.interactivebrokers.") and n != "www.interactivebrokers.com"]
    assert len(regional) == 6 and "www.ibkr.com.cn" in hosts
    assert not any(hosts[n].required for n in [*regional, "www.ibkr.com.cn"])


def test_bundled_list_points_at_no_file_that_does_not_ship() -> None:
    text = (Path(hostlist.__file__).parents[2] / "hosts" / "tws.toml").read_text()
    assert "shared/reference" not in text and ".md" not in text


def write(tmp_path: Path, text: str, name: str = "list.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


GOOD = '[[host]]\nname = "a.example.com"\nports = [443]\n'

BAD = [
    ('[[host]]\nname = "a.example.com"\nports = [443\n', 4, "", "invalid TOML"),
    ('[[host]]\nname = "a.example.com"\nports = [70000]\n', 3, "host[1].ports", "70000 is not a port number"),
    ('[[host]]\nname = "a.example.com"\nports = ["443"]\n', 3, "host[1].ports", "is not a port number"),
    ('[[host]]\nname = "a.example.com"\nports = []\n', 3, "host[1].ports", "non-empty list"),
    ('[[host]]\nname = "a.example.com"\n', 1, "host[1].ports", "missing"),
    ('[[host]]\nname = ""\nports = [443]\n', 2, "host[1].name", "must not be empty"),
    ('[[host]]\nname = "bad name!.com"\nports = [443]\n', 2, "host[1].name", "not a valid host name"),
    ('[[host]]\nname = "a.example.com"\nports = [443]\ncolour = "red"\n', 4, "host[1].colour", "unknown key"),
    ('[[host]]\nname = "a.example.com"\nports = [443]\nrequired = "yes"\n', 4, "host[1].required", "true or false"),
    (GOOD + '[[host]]\nname = "a.example.com"\nports = [4000]\n', 5, "host[2].name", "duplicate host"),
    (GOOD + '[dns]\npublic = ["not-an-ip"]\n', 5, "dns.public", "not an IP address"),
    (GOOD + '[intercept]\ncanary = ["not-an-ip"]\n', 5, "intercept.canary", "not an IP address"),
    (GOOD + '[intercept]\ncanary = "198.51.100.1"\n', 5, "intercept.canary", "list of IP addresses"),
    (GOOD + "[intercept]\nport = 4001\n", 5, "intercept.port", "unknown key; allowed: canary"),
    (GOOD + '[[reachability]]\nurl = "ftp://x.example.com/"\n', 5, "reachability[1].url", "http:// or https://"),
    ("hosts = 3\n", 1, "hosts", "unknown key"),
    ('[list]\nname = "x"\n', None, "host", "no [[host]] entries"),
]


@pytest.mark.parametrize(("text", "line", "key", "message"), BAD)
def test_bad_files_name_file_line_and_key(tmp_path: Path, text: str, line: int | None, key: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        hostlist.load([path])
    err = info.value
    assert err.file == str(path) and err.line == line and err.key == key
    assert message in err.message
    assert str(err).startswith(f"{path}:{line}:" if line else f"{path}:")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        hostlist.load([tmp_path / "nope.toml"])
    with pytest.raises(ConfigError, match="is a directory"):
        hostlist.load([tmp_path])


def test_binary_and_non_utf8(tmp_path: Path) -> None:
    p = tmp_path / "bin.toml"
    p.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ConfigError, match="binary data"):
        hostlist.load([p])
    p.write_bytes(b'[[host]]\nname = "\xff"\n')
    with pytest.raises(ConfigError, match="not valid UTF-8") as info:
        hostlist.load([p])
    assert info.value.line == 2


def test_same_host_in_two_files_is_an_error(tmp_path: Path) -> None:
    a, b = write(tmp_path, GOOD, "a.toml"), write(tmp_path, GOOD, "b.toml")
    with pytest.raises(ConfigError, match="also defined in"):
        hostlist.load([a, b])


def test_underscore_names_and_ip_literals_are_valid(tmp_path: Path) -> None:
    text = '[[host]]\nname = "ndc1_hb1.ibllc.com"\nports = [4000]\n[[host]]\nname = "2001:db8::5"\nports = [1]\n'
    hl = hostlist.load([write(tmp_path, text)])
    assert [h.name for h in hl.hosts] == ["ndc1_hb1.ibllc.com", "2001:db8::5"]


def test_region_selection_keeps_web_hosts() -> None:
    hl = hostlist.select_regions(hostlist.load(), ("europe",))
    assert {h.region for h in hl.hosts} == {"europe", ""}
    with pytest.raises(ConfigError, match="unknown region 'mars'; allowed: "):
        hostlist.select_regions(hostlist.load(), ("mars",))


@pytest.mark.parametrize(
    ("text", "canaries"),
    [
        ('[dns]\npublic = ["203.0.113.53"]\n', ("203.0.113.53",)),  # default: the independent resolvers
        ('[dns]\npublic = ["203.0.113.53"]\n[intercept]\ncanary = ["198.51.100.7"]\n', ("198.51.100.7",)),
        ('[dns]\npublic = ["203.0.113.53"]\n[intercept]\ncanary = []\n', ()),  # switched off
    ],
)
def test_intercept_canary_defaults_to_the_independent_resolvers(
    tmp_path: Path, text: str, canaries: tuple[str, ...]
) -> None:
    assert hostlist.load([write(tmp_path, GOOD + text)]).canaries == canaries
