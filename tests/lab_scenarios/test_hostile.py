"""Hostile servers (tests/lab/hostile.py): every run ends on time, classifies each check, stays small in memory
and never follows a redirect to an internal address. Real CLI inside the nch-cli namespace."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lab import hostile as H
from tests.lab import hostile_net as net

pytestmark = pytest.mark.root

TIMEOUT = 1.0
SLACK_S = 0.5  # the brief: each run ends within its deadline plus 0.5 s
MAX_RSS_MB = 150
# Runs netcheck and records its peak memory, even when it exits through SystemExit.
WRAPPER = """import os, resource, runpy, sys
sys.argv = ["netcheck", *sys.argv[1:]]
try:
    runpy.run_module("netcheck", run_name="__main__")
finally:
    with open(os.environ["NCH_RSS"], "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""
# Listens on the client's own 127.0.0.1:80 and 169.254.169.254:80; a redirect-follower would knock here.
CANARY = """import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 80)); s.listen(16); print("up", flush=True)
while True:
    c, a = s.accept(); print("HIT", a, flush=True); c.close()
"""

HTTP_CASES = {  # url -> reason
    f"http://{H.TARPIT}/": "timeout",
    f"http://{H.SLOW_HEAD}/": "timeout",
    f"http://{H.ENDLESS_BODY}/": "http-status",
    f"http://{H.ENDLESS_HEAD}/": "error",
    f"https://{H.JUNK_TLS}/": "tls-error",
    f"http://{H.REDIRECT_LOOP}/": "redirect",
    f"http://{H.REDIRECT_LOOPBACK}/": "redirect",
    f"http://{H.REDIRECT_LINK_LOCAL}/": "redirect",
}
DNS_NAMES = ("trunc", "trunc-dead", "huge", "garbage", "loop", "zero", "silent", "wrongid")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    tmp.chmod(0o755)
    with net.hostile_network(tmp):
        yield tmp


@pytest.fixture(scope="module")
def startup_s(hostile: Path) -> float:
    """Starting Python, importing netcheck and exiting, measured on a run that does nothing slow:
    the fixed cost a whole process adds to the deadline (the report's own duration excludes it)."""
    path = host_list(hostile, "trivial", [("127.0.0.1", 9)], [])
    argv = [sys.executable, "-m", "netcheck", "run", "--format", "json", "--no-local", "--hosts", str(path)]
    costs = []
    for _ in range(2):
        start = time.monotonic()
        cp = subprocess.run(
            net.in_client(argv + ["--public-dns", "127.0.0.1"]),
            capture_output=True,
            text=True,
            env=net.client_env(),
            timeout=30,
        )
        costs.append(time.monotonic() - start - json.loads(cp.stdout)["duration_ms"] / 1000)
    return max(costs)


def host_list(tmp: Path, name: str, hosts: list[tuple[str, int]], urls: list[str]) -> Path:
    text = "".join(f'[[host]]\nname = "{h}"\nports = [{p}]\n' for h, p in hosts)
    text += "".join(f'[[reachability]]\nurl = "{u}"\nexpect_status = 204\n' for u in urls)
    path = tmp / f"{name}.toml"
    path.write_text(text)
    return path


def run(tmp: Path, hosts: Path, deadline: float) -> tuple[int, dict[str, Any], str, float, float]:
    """(exit code, report, stderr, wall seconds, peak RSS in MB)."""
    rss = tmp / "rss"
    argv = [sys.executable, "-c", WRAPPER, "run", "--format", "json", "--hosts", str(hosts)]
    argv += ["--public-dns", H.DNS_IP, "--timeout", str(TIMEOUT), "--deadline", str(deadline)]
    start = time.monotonic()
    cp = subprocess.run(
        net.in_client(argv), capture_output=True, text=True, timeout=60, env=net.client_env(NCH_RSS=str(rss))
    )
    wall = time.monotonic() - start
    assert "Traceback" not in cp.stderr, cp.stderr
    return cp.returncode, json.loads(cp.stdout), cp.stderr, wall, int(rss.read_text()) / 1024


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in report["checks"]}


def assert_on_time(report: dict[str, Any], wall: float, deadline: float, startup: float) -> None:
    print(f"deadline {deadline} s: report {report['duration_ms']} ms, process {wall:.2f} s (startup {startup:.2f} s)")
    assert report["duration_ms"] <= (deadline + SLACK_S) * 1000, report["duration_ms"]
    assert wall <= deadline + SLACK_S + startup, (wall, startup, report["duration_ms"])


def test_hostile_http_servers(hostile: Path, startup_s: float) -> None:
    canary = subprocess.Popen(
        net.in_client([sys.executable, "-u", "-c", CANARY]), stdout=subprocess.PIPE, text=True, env=net.client_env()
    )
    try:
        subprocess.run(net.in_client(["ip", "addr", "add", "169.254.169.254/32", "dev", "lo"]), check=True)
        assert canary.stdout and canary.stdout.readline().strip() == "up"
        path = host_list(hostile, "http", [(H.GATEWAY, 4001)], list(HTTP_CASES))
        code, report, _, wall, rss = run(hostile, path, deadline=8)
    finally:
        canary.kill()
        hits, _ = canary.communicate(timeout=5)
    assert code == 1 and not report["interrupted"]
    assert_on_time(report, wall, 8, startup_s)
    checks = by_id(report)
    got = {url: checks[f"http:{url}"]["reason"] for url in HTTP_CASES}
    assert got == HTTP_CASES
    # slow headers are cut by the probe's own total bound (2 timeouts), not by the engine's safety net
    assert checks[f"http:http://{H.SLOW_HEAD}/"]["duration_ms"] <= 2 * TIMEOUT * 1000 + 300
    locations = {
        checks[f"http:http://{ip}/"]["detail"]["location"] for ip in (H.REDIRECT_LOOPBACK, H.REDIRECT_LINK_LOCAL)
    }
    assert locations == {"http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/"}
    assert "HIT" not in hits, "a redirect to an internal address was followed"
    print(f"peak memory {rss:.0f} MB")
    assert rss < MAX_RSS_MB, f"peak memory {rss:.0f} MB against an endless body"
    assert checks[f"tcp:{H.GATEWAY}:4001@{H.GATEWAY}"]["status"] == "pass"


def test_hostile_dns_server(hostile: Path, startup_s: float) -> None:
    path = host_list(hostile, "dns", [(f"{n}.hostile.test", 4001) for n in DNS_NAMES], [])
    code, report, _, wall, rss = run(hostile, path, deadline=8)
    assert code == 1 and not report["interrupted"]
    assert_on_time(report, wall, 8, startup_s)
    assert rss < MAX_RSS_MB
    checks = by_id(report)

    def dns(name: str, path: str = "resolver") -> dict[str, Any]:
        return checks[f"dns:{path}:{name}.hostile.test"]

    # truncated over UDP: dnspython retries over TCP and gets the answer; glibc may give up (EAI_AGAIN)
    assert dns("trunc")["status"] == "pass" and dns("trunc")["detail"]["addresses"] == [H.GATEWAY]
    assert dns("trunc", "system")["reason"] in ("ok", "dns-timeout")
    assert checks[f"tcp:trunc.hostile.test:4001@{H.GATEWAY}"]["status"] == "pass"
    assert dns("trunc-dead")["reason"] in ("servfail", "dns-timeout", "error")
    # an oversized answer is capped: 120 addresses must not become 120 connects per port
    huge = dns("huge")["detail"]
    assert (len(huge["addresses"]), huge["addresses_total"]) == (16, H.HUGE_COUNT)
    assert sum(1 for cid in checks if cid.startswith("tcp:huge.hostile.test:4001@")) <= 16
    for bad in ("garbage", "silent", "wrongid"):
        assert dns(bad)["reason"] in ("dns-timeout", "servfail", "error"), bad
        assert dns(bad, "system")["reason"] in ("dns-timeout", "servfail"), bad
        assert checks[f"tcp:{bad}.hostile.test:4001"]["reason"] == "dependency"
    # loopback and 0.0.0.0 answers resolve, but the diagnosis calls them out
    assert dns("loop")["detail"]["addresses"][0] == "127.0.0.1"
    assert dns("zero")["detail"]["addresses"][0] == "0.0.0.0"
    mismatch = [f for f in report["findings"] if f["id"] == "dns-mismatch"]
    assert mismatch and {"dns:resolver:loop.hostile.test", "dns:resolver:zero.hostile.test"} <= set(
        mismatch[0]["checks"]
    )


def test_short_deadline_cuts_every_hostile_server(hostile: Path, startup_s: float) -> None:
    hosts = [(f"{n}.hostile.test", 4001) for n in DNS_NAMES] + [(H.TARPIT, 4001)]
    # a URL whose name the (silent) resolver never answers: httpx resolves it in a thread
    path = host_list(hostile, "all", hosts, [*HTTP_CASES, "http://silent.hostile.test/generate_204"])
    code, report, _, wall, _ = run(hostile, path, deadline=1.0)
    assert report["interrupted"] and code == 1
    assert_on_time(report, wall, 1.0, startup_s)
    skipped = [c for c in report["checks"] if c["reason"] == "deadline"]
    assert skipped and all(c["status"] == "skip" for c in skipped)
