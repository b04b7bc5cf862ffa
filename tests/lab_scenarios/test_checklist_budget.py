"""The default checklist of `netcheck run` fits on one screen (<= 30 lines at 100 columns) when things are bad.

The real command in the lab's client namespace, in English and German, for the scenarios a trader meets:
cable out, no internet beyond the router, a hotel Wi-Fi that drops 4000/4001, the resolver down, a portal.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator

import pytest

from tests.lab.addressing import CLIENT_NS, CLIENT_V6, REPO_ROOT, ROUTER_LAN_V4, ROUTER_LAN_V6
from tests.lab.lab import Lab

pytestmark = [pytest.mark.lab, pytest.mark.root]

BUDGET, COLUMNS = 30, 100
ARTIFACTS = REPO_ROOT / "test-artifacts"  # the checklists as a person sees them, kept by CI


def _ip(*args: str) -> None:
    subprocess.run(["ip", "-n", CLIENT_NS, *args], check=True, capture_output=True)


def _cable_out(lab: Lab) -> None:
    _ip("link", "set", "eth0", "down")  # the kernel drops the routes with the link


def _cable_in() -> None:
    """Undo _cable_out: Linux also flushed the IPv6 address when the link went down."""
    _ip("link", "set", "eth0", "up")
    _ip("addr", "replace", f"{CLIENT_V6}/64", "dev", "eth0", "nodad")
    _ip("route", "replace", "default", "via", ROUTER_LAN_V4)
    _ip("-6", "route", "replace", "::/0", "via", ROUTER_LAN_V6)


SCENARIOS: dict[str, tuple[Callable[[Lab], None], str]] = {
    "no_network": (_cable_out, "no-network"),
    "no_internet": (Lab.drop_all_beyond_router, "no-internet"),
    "hotel": (lambda lab: lab.block_ports([4000, 4001], "drop"), "ports-blocked"),
    "dns_down": (lambda lab: lab.dns("down"), "dns-unreachable"),
    "captive_portal": (lambda lab: lab.captive_portal(True), "captive-portal"),
}


@pytest.fixture
def broken_lab(healthy_lab: Lab) -> Iterator[Lab]:
    yield healthy_lab
    _cable_in()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_default_checklist_fits_one_screen(broken_lab: Lab, name: str, lang: str) -> None:
    break_lab, finding = SCENARIOS[name]
    break_lab(broken_lab)
    argv = [*broken_lab.netcheck_argv("--timeout", "1", "--deadline", "8"), "--format", "terminal", "--lang", lang]
    env = {**broken_lab.client_env(), "COLUMNS": str(COLUMNS)}
    cp = broken_lab.exec_client(argv, timeout=60, env=env)
    lines = cp.stdout.splitlines()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"checklist-{name}-{lang}.txt").write_text(cp.stdout)
    context = f"{name}/{lang}: exit {cp.returncode}, {len(lines)} lines\n{cp.stdout}\n{cp.stderr[-2000:]}"
    assert cp.returncode == 1, context
    assert f"[{finding}]" in cp.stdout, context
    assert len(lines) <= BUDGET, context
    assert all(len(ln) <= COLUMNS for ln in lines), context
