"""SIGINT / SIGTERM mid-run: the partial report, exit 130 / 143, and a clean stderr (no stray tasks).

A real `netcheck run` process inside the nch-cli namespace; the server namespace drops TCP 4001 and the
hostile DNS server stays silent for some names, so connects and look-ups are in flight when the signal lands.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lab import hostile as H
from tests.lab import hostile_net as net

pytestmark = pytest.mark.root

DROP = "table inet nchsig {\n  chain input {\n    type filter hook input priority 0; policy accept;\n"
DROP += "    tcp dport 4001 drop\n  }\n}\n"
STRAY = (
    "Task was destroyed",
    "Exception ignored",
    "Traceback",
    "never awaited",
    "Event loop is closed",
    "Warning",
    "unclosed",
)


@pytest.fixture(scope="module")
def dropping(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("signals")
    tmp.chmod(0o755)
    with net.hostile_network(tmp):
        net.nft(net.SERVER, DROP)
        hosts = [f'[[host]]\nname = "gw{i}.example.com"\nports = [4000, 4001]\n' for i in range(3)]
        hosts += ['[[host]]\nname = "silent.hostile.test"\nports = [4001]\n']
        hosts += [f'[[host]]\nname = "{H.GATEWAY}"\nports = [4001]\n']
        hosts += [f'[[reachability]]\nurl = "http://{H.TARPIT}/"\nexpect_status = 204\n']
        (tmp / "hosts.toml").write_text("".join(hosts))
        yield tmp


@pytest.mark.parametrize(
    ("sig", "code", "fmt"),
    [(signal.SIGINT, 130, "json"), (signal.SIGTERM, 143, "json"), (signal.SIGINT, 130, "terminal")],
    ids=["SIGINT-json", "SIGTERM-json", "SIGINT-terminal"],
)
def test_signal_mid_run_gives_partial_report(dropping: Path, sig: signal.Signals, code: int, fmt: str) -> None:
    argv = [
        sys.executable,
        "-X",
        "dev",
        "-m",
        "netcheck",
        "run",
        "--format",
        fmt,
        "--hosts",
        str(dropping / "hosts.toml"),
    ]
    argv += ["--public-dns", H.DNS_IP, "--timeout", "10", "--deadline", "60"]
    proc = subprocess.Popen(
        net.in_client(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=net.client_env()
    )
    time.sleep(2.0)  # well into the run: local checks done, connects to the dropped port pending
    assert proc.poll() is None, proc.communicate()
    sent = time.monotonic()
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=15)
    took = time.monotonic() - sent
    assert proc.returncode == code, err
    assert took < 1.5, f"{took:.2f} s from {sig.name} to exit"
    assert not [s for s in STRAY if s in err], err
    if fmt == "json":
        report = json.loads(out)
        assert report["interrupted"] and report["meta"]["stop_reason"] == sig.name
        cut = [c for c in report["checks"] if c["reason"] == "deadline"]
        assert cut and all(c["status"] == "skip" for c in cut)
        assert any(c["status"] == "pass" for c in report["checks"])  # what finished is kept
    else:
        assert out.strip(), "the terminal checklist is printed for the partial run"
