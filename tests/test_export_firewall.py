"""nft and iptables exports are accepted by the real tools (check mode, inside a throwaway namespace)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck import hostlist
from netcheck.export import REGISTRY, ExportOptions
from netcheck.model import HostList
from tests.netns import need_root

pytestmark = pytest.mark.root

ADDRS = {h.name: ("198.51.100.10", "2001:db8::10") for h in hostlist.load().hosts}


def _need(tool: str) -> None:
    if shutil.which(tool):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} must be installed in CI (.ci/run APT_PACKAGES)")
    pytest.skip(f"{tool} not installed")


def _ns_run(ns: str, *cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", "netns", "exec", ns, *cmd], capture_output=True, text=True, timeout=30)


@pytest.fixture(scope="module")
def ns() -> Iterator[str]:
    """A namespace of our own, so the checks can never touch the host's firewall."""
    need_root()
    name = f"h3b-fw-{uuid.uuid4().hex[:6]}"
    subprocess.run(["ip", "netns", "add", name], check=True, timeout=30)
    try:
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False, timeout=30)


def _lists() -> list[HostList]:
    return [hostlist.load(), hostlist.load([Path(__file__).parent / "data" / "h3b_literals.toml"])]


@pytest.mark.parametrize("resolved", [False, True])
def test_nft_check_accepts(ns: str, tmp_path: Path, resolved: bool) -> None:
    _need("nft")
    for i, hl in enumerate(_lists()):
        f = tmp_path / f"rules{i}.nft"
        f.write_text(REGISTRY["nft"](hl, ExportOptions(addresses=ADDRS if resolved else None)))
        r = _ns_run(ns, "nft", "-c", "-f", str(f))
        assert r.returncode == 0, r.stderr + f.read_text()


@pytest.mark.parametrize("ipv6", [False, True])
@pytest.mark.parametrize("resolved", [False, True])
def test_iptables_restore_test_accepts(ns: str, tmp_path: Path, resolved: bool, ipv6: bool) -> None:
    _need("iptables-restore")
    for i, hl in enumerate(_lists()):
        text = REGISTRY["iptables"](hl, ExportOptions(addresses=ADDRS if resolved else None, ipv6=ipv6))
        if "--match-set" in text:
            _need("ipset")
            _create_sets(ns, text)
        f = tmp_path / f"rules{i}.txt"
        f.write_text(text)
        tool = "ip6tables-restore" if ipv6 else "iptables-restore"
        r = _ns_run(ns, tool, "--test", str(f))
        assert r.returncode == 0, r.stderr + text


def _create_sets(ns: str, text: str) -> None:
    """Run the `ipset create` lines the export tells the admin to run (inside our namespace)."""
    for line in text.splitlines():
        cmd = line.lstrip("# ").split()
        if cmd[:2] == ["ipset", "create"]:
            _ns_run(ns, *cmd, "-exist")
