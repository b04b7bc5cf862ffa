"""Secrets fed in (proxy user:password, a token in a URL, a TWS user name in jts.ini) appear in no output:
every --format, --output files, stderr, the history database, `netcheck history` and the support bundle.
Loopback only: the proxies are local fakes, the host list names 127.0.0.1."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from netcheck import cli
from netcheck.redact import redact, redact_value

SECRETS = ("alice", "s3cret", "t0k3nvalue", "Bearer-xyz", "trader7")


class EchoProxy:
    """A proxy that answers 407 and echoes the credentials it received, as a careless proxy might."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    head = conn.recv(65536)
                except OSError:
                    continue
                body = b"denied for " + head.replace(b"\r\n", b" | ")
                conn.sendall(
                    b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="alice s3cret"\r\n'
                    + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                    + body
                )


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("sec")
    proxy = EchoProxy()
    gateway = socket.create_server(("127.0.0.1", 0))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    (tmp / "hosts.toml").write_text(
        f'[[host]]\nname = "127.0.0.1"\nports = [{gateway.getsockname()[1]}, {dead}]\n\n'
        f'[[reachability]]\nurl = "http://127.0.0.1:{dead}/generate_204?token=t0k3nvalue"\nexpect_status = 204\n'
    )
    tws = tmp / "Jts"
    tws.mkdir()
    (tws / "jts.ini").write_text(
        "[IBGateway]\nWriteDebug=false\n[Logon]\nUserNameToDirectory=trader7,abcdefgh\n"
        f"Peer=127.0.0.1:{dead}\nLocale=en\nusername=trader7\npassword=s3cret\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    creds = f"http://alice:s3cret@127.0.0.1:{proxy.port}"
    env.update(
        HTTPS_PROXY=creds,
        HTTP_PROXY=creds,
        ALL_PROXY=f"socks5://alice:s3cret@127.0.0.1:{dead}",
        NETCHECK_TWS_DIR=str(tws),
        NETCHECK_HISTORY_DB=str(tmp / "history.sqlite3"),
        NO_COLOR="1",
    )
    yield tmp, env
    gateway.close()
    proxy.sock.close()


def netcheck(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "netcheck", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=90)


def assert_clean(where: str, text: str) -> None:
    leaked = [s for s in SECRETS if s.lower() in text.lower()]
    assert not leaked, f"{where} shows {leaked}:\n{text[:3000]}"


RUN = ("--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "8")


def test_no_output_format_shows_a_secret(setting: tuple[Path, dict[str, str]]) -> None:
    tmp, env = setting
    hosts = str(tmp / "hosts.toml")
    for fmt in cli.FORMATS:
        out = tmp / f"report.{fmt}"
        cp = netcheck(env, "run", "--hosts", hosts, "--format", fmt, *RUN, "-v")
        assert cp.returncode in (0, 1, 2) and "Traceback" not in cp.stderr, cp.stderr  # nagios: 2 = critical
        assert_clean(f"run --format {fmt} (stdout+stderr)", cp.stdout + cp.stderr)
        cp = netcheck(env, "run", "--hosts", hosts, "--format", fmt, *RUN, "--output", str(out))
        assert_clean(f"run --format {fmt} --output", out.read_text() + cp.stdout + cp.stderr)
    assert "token=***" in netcheck(env, "run", "--hosts", hosts, "--format", "json", *RUN).stdout


def test_history_and_bundle_show_no_secret(setting: tuple[Path, dict[str, str]]) -> None:
    tmp, env = setting
    hosts = str(tmp / "hosts.toml")
    netcheck(env, "run", "--hosts", hosts, "--format", "json", *RUN)
    db = Path(env["NETCHECK_HISTORY_DB"])
    assert db.exists()
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))  # the DB with its WAL
    assert_clean("history database file", raw.decode("latin-1"))
    for fmt in ("text", "json"):
        cp = netcheck(env, "history", "--format", fmt)
        assert_clean(f"history --format {fmt}", cp.stdout + cp.stderr)
    for extra in (["--from-last"], ["--hosts", hosts, *RUN]):
        zpath = tmp / "bundle.zip"
        zpath.unlink(missing_ok=True)
        cp = netcheck(env, "bundle", "--output", str(zpath), *extra)
        assert cp.returncode == 0, cp.stderr
        assert_clean("bundle command output", cp.stdout + cp.stderr)
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                assert_clean(f"bundle {extra[0]} {name}", z.read(name).decode("utf-8", "replace"))


def test_serve_log_and_endpoints_show_no_secret(setting: tuple[Path, dict[str, str]]) -> None:
    """The agent's stderr is its log; /metrics and /report are what scrapers store."""
    tmp, env = setting
    argv = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(tmp / "hosts.toml"), "--listen", "127.0.0.1:0"]
    argv += ["--interval", "3600", "--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "8"]
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        assert found, first
        port = int(found.group(1))
        pages: dict[str, str] = {}
        deadline = time.monotonic() + 20
        while "netcheck_agent_runs_total 1" not in pages.get("/metrics", ""):
            assert time.monotonic() < deadline, "the agent's first run did not finish"
            time.sleep(0.2)
            pages = {path: _get(port, path) for path in ("/metrics", "/report", "/healthz")}
        for path, body in pages.items():
            assert_clean(f"serve {path}", body)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=15)
    assert_clean("serve log (stderr)", first + err + out)


def _get(port: int, path: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        return b"".join(iter(lambda: s.recv(65536), b"")).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "text",
    [
        "http://alice:s3cret@proxy.example.com:3128",
        "socks5h://alice:s3cret@[2001:db8::1]:1080/",
        "proxy http://alice@proxy.example.com:3128 refused",
        "Proxy-Authorization: Basic YWxpY2U6czNjcmV0",
        "Authorization: Bearer-xyz",
        "https://www.example.com/check?token=t0k3nvalue&x=1",
        "https://www.example.com/check?access_token=t0k3nvalue",
        "password=s3cret; username=alice",
        '{"user": "alice", "pass": "s3cret"}',
        "user alice:s3cret@host",
        "ftp://alice:s3cret@files.example.com/",
    ],
)
def test_redact_text(text: str) -> None:
    assert_clean(f"redact({text!r})", redact(text))


def test_redact_values_in_structures() -> None:
    doc = {"proxy": {"url": "http://alice:s3cret@p.example.com"}, "user": "alice", "password": "s3cret"}
    doc["headers"] = {"Proxy-Authorization": "Basic YWxpY2U6czNjcmV0", "Authorization": "Bearer-xyz"}
    doc["lines"] = ["Authorization: Bearer-xyz", "username=alice"]
    cleaned = redact_value(doc)
    assert_clean("redact_value", repr(cleaned))
