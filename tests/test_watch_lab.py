"""`netcheck watch` in the namespace pair against real firewall rules toggled by the test (root only).

Four watches run at once (one per server port) so the lab costs one minute: a link that drops 4001 for 5 s
every 20 s, a healthy one, one whose established connections are reset, and one ended by SIGINT.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests import netns

pytestmark = pytest.mark.root
LOCK = Path("/tmp/nct-netns.lock")  # tests/netns.py uses fixed namespace names
ROOT = Path(__file__).resolve().parent.parent

SERVER = """
import asyncio
async def hold(reader, writer):
    try:
        while await reader.read(4096):
            pass
    except OSError:
        pass
    writer.close()
async def main():
    for port in (4001, 4002, 4003, 4004):
        await asyncio.start_server(hold, "0.0.0.0", port, backlog=256)
    await asyncio.sleep(3600)
asyncio.run(main())
"""
BASE = "table inet ncw {\n  chain input {\n    type filter hook input priority 0; policy accept;\n  }\n}\n"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    netns.need_root()
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another pytest session's pair would be torn down under us
        netns.build()
        netns.nft(BASE)
        server = subprocess.Popen(["ip", "netns", "exec", netns.SERVER, sys.executable, "-c", SERVER])
        time.sleep(0.7)
        try:
            yield tmp_path_factory.mktemp("watch")
        finally:
            server.kill()
            server.wait()
            netns.teardown()


def watch(port: int, db: Path, *extra: str) -> subprocess.Popen[str]:
    target = f"{netns.SERVER_IP}:{port}"
    cmd = ["ip", "netns", "exec", netns.CLIENT, sys.executable, "-m", "netcheck", "watch", "--target", target,
           "--interval", "1", "--format", "json", "--history-db", str(db), *extra]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def toggle(rule: str, on: bool) -> None:
    netns.nft(f"add rule inet ncw input {rule}\n" if on else "flush chain inet ncw input\n")


def inject(t0: float, plan: list[tuple[float, str]]) -> list[tuple[float, float]]:
    """Apply `rule` for 5 s at each offset from t0; returns the wall-clock (start, end) of each injection."""
    done = []
    for offset, rule in plan:
        time.sleep(max(0.0, t0 + offset - time.time()))
        start = time.time()
        toggle(rule, True)
        time.sleep(5.0)
        toggle(rule, False)
        done.append((start, time.time()))
    return done


def finish(proc: subprocess.Popen[str]) -> tuple[int, dict[str, Any], str]:
    out, err = proc.communicate(timeout=90)
    assert "Traceback" not in err, err
    return proc.returncode, json.loads(out), err


def ts(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def test_flapping_healthy_reset_and_sigint_watches(lab: Path) -> None:
    db = lab / "history.sqlite3"
    t0 = time.time() + 2.0  # the watches import and connect first
    flapping, healthy = watch(4001, db, "--duration", "60"), watch(4002, db, "--duration", "60")
    reset, interrupted = watch(4003, db, "--duration", "30"), watch(4004, db)
    drops = [(5.0, "tcp dport 4001 drop"), (25.0, "tcp dport 4001 drop"), (45.0, "tcp dport 4001 drop")]
    injected = inject(t0, drops[:1] + [(12.0, "tcp dport 4003 reject with tcp reset")] + drops[1:])
    interrupted.send_signal(signal.SIGINT)
    _check_sigint(*finish(interrupted), db)
    _check_reset(*finish(reset), injected[1])
    _check_flapping(*finish(flapping), [injected[0], *injected[2:]])
    code, doc, _ = finish(healthy)
    assert (code, doc["outages"], doc["targets"][0]["lost"]) == (0, 0, 0)
    assert doc["targets"][0]["probes"] >= 58


def _check_flapping(code: int, doc: dict[str, Any], err: str, injected: list[tuple[float, float]]) -> None:
    (target,) = doc["targets"]
    outages = target["outages"]
    assert (code, doc["outages"], len(outages)) == (1, 3, 3), outages
    for o, (start, end) in zip(outages, injected, strict=True):
        assert start - 0.1 <= ts(o["start"]) <= start + 1.1, (o, start)  # to within one interval
        assert abs(o["duration_s"] - (end - start)) <= 1.1, (o, end - start)
        assert o["cause"] == "timeout"
    assert "down (timeout)" in err and "up again after" in err  # plain event lines when stderr is a pipe
    assert [p["metric"] for p in target["poor"]] == ["loss"]


def _check_reset(code: int, doc: dict[str, Any], err: str, injected: tuple[float, float]) -> None:
    (target,) = doc["targets"]
    (o,) = target["outages"]
    assert code == 1 and o["cause"] in ("refused", "reset")
    assert abs(ts(o["start"]) - injected[0]) <= 1.1 and abs(o["duration_s"] - 5.0) <= 1.1
    assert target["held_connection"].get("reset", 0) >= 1  # the held connection was reset, not just refused anew


def _check_sigint(code: int, doc: dict[str, Any], err: str, db: Path) -> None:
    assert code == 130 and doc["stop_reason"] == "SIGINT" and doc["interrupted"] is True
    assert doc["targets"][0]["probes"] >= 20
    with sqlite3.connect(db) as conn:
        summaries = [json.loads(r[0]) for r in conn.execute("SELECT summary FROM watches")]
    assert any(s["stop_reason"] == "SIGINT" for s in summaries)
