"""Captive-portal detection without root: a real HTTP portal on 127.0.0.1 answering 302 to its login page."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from netcheck.model import Check, Kind, Outcome, Reason, Status
from netcheck.probes import ProbeContext
from netcheck.probes import http as http_probe

LOGIN_PAGE = b"<html><head><title>Guest Wi-Fi</title></head><body><form>Log in</form></body></html>"


class Portal(http.server.BaseHTTPRequestHandler):
    """Like a hotel's portal: every URL but its own login page is a 302 to that login page."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path.startswith("/login"):
            self._answer(200, LOGIN_PAGE)
        elif self.path == "/online/generate_204":  # the control: what an open network answers
            self._answer(204, b"")
        else:
            self._answer(302, b"", location=f"http://{self.headers['Host']}/login?orig=1")

    def _answer(self, status: int, body: bytes, location: str = "") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet: pytest shows our assertions instead
        pass


@pytest.fixture(scope="module")
def portal() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def _probe(url: str, expect_status: int, expect_body: str = "") -> Outcome:
    params = {"expect_status": expect_status, "expect_body": expect_body}
    check = Check(id="http", kind=Kind.HTTP, target=url, url=url, params=params)
    async with httpx.AsyncClient(trust_env=False) as client:
        return await http_probe.probe(check, ProbeContext(timeout=2, http_client=client))


async def test_probe_sees_the_redirect_and_where_it_leads(portal: str) -> None:
    out = await _probe(portal + "/generate_204", 204)
    assert out.status is Status.FAIL and out.reason is Reason.REDIRECT
    assert out.detail == {
        "url": portal + "/generate_204",
        "http_status": 302,
        "location": portal + "/login?orig=1",
    }


async def test_probe_sees_a_login_page_served_in_place_of_the_answer(portal: str) -> None:
    """Apple's check: 200 with 'Success' in the body; a portal's 200 login page is the wrong content."""
    out = await _probe(portal + "/login", 200, expect_body="Success")
    assert out.reason is Reason.HTTP_STATUS and out.detail["http_status"] == 200


def _run(tmp_path: Path, reach_url: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """The real CLI with a host list that points only at loopback: a listening 'gateway' and the portal."""
    with socket.create_server(("127.0.0.1", 0)) as gateway:
        hosts = tmp_path / "hosts.toml"
        hosts.write_text(
            f'[[host]]\nname = "127.0.0.1"\nports = [{gateway.getsockname()[1]}]\npurpose = "gateway"\n\n'
            f'[[reachability]]\nurl = "{reach_url}"\nexpect_status = 204\n'
        )
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(NO_COLOR="1", NETCHECK_TWS_DIR=str(tmp_path / "no-tws"))
        argv = [sys.executable, "-m", "netcheck", "run", "--hosts", str(hosts), "--no-local", "--format", "json"]
        argv += ["--public-dns", "127.0.0.1", "--timeout", "1", "--deadline", "10", "--no-history"]
        cp = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
    return cp, json.loads(cp.stdout)


def test_run_names_the_captive_portal_and_its_login_page(portal: str, tmp_path: Path) -> None:
    cp, report = _run(tmp_path, portal + "/generate_204")
    findings = {f["id"]: f for f in report["findings"]}
    assert {i for i, f in findings.items() if f["severity"] == "fail"} == {"captive-portal"}, cp.stdout
    assert cp.returncode == 1, cp.stdout + cp.stderr
    assert portal + "/login?orig=1" in findings["captive-portal"]["remediation"], cp.stdout


def test_run_on_an_open_network_finds_no_portal(portal: str, tmp_path: Path) -> None:
    """The control: the same server answering 204 is an open network, so the 302 above is what counts."""
    cp, report = _run(tmp_path, portal + "/online/generate_204")
    assert "captive-portal" not in {f["id"] for f in report["findings"]}, cp.stdout
    assert cp.returncode == 0, cp.stdout + cp.stderr
