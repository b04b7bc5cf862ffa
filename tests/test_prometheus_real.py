"""Fleet monitoring on the real thing: a real Prometheus scrapes two `netcheck serve` agents over TLS
with basic auth, evaluates the shipped alert rules, and promtool checks what the agents expose.

Everything listens on 127.0.0.1; the agents' host lists name only loopback ports.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import bcrypt
import pytest
import trustme

ROOT = Path(__file__).resolve().parent.parent
PROM = ROOT / "packaging" / "prometheus"
PASSWORD = "scrape-secret"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.skip(f"{name} not installed (Debian package prometheus)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(what: str, probe: Callable[[], Any], timeout: float = 40.0) -> Any:
    end, last = time.monotonic() + timeout, None
    while time.monotonic() < end:
        try:
            last = probe()
            if last:
                return last
        except OSError as exc:
            last = exc
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}; last: {last!r}")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("pki")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    cert.private_key_pem.write_to_path(str(d / "agent.key"))
    cert.cert_chain_pems[0].write_to_path(str(d / "agent.crt"))
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    example = (PROM / "web-config.yml").read_text().replace("REPLACE-WITH-A-BCRYPT-HASH", f"'{hashed}'")
    example = example.replace("netcheck-agent.crt", "agent.crt").replace("netcheck-agent.key", "agent.key")
    (d / "web-config.yml").write_text(example)  # the shipped example, with a real hash and certificate
    (d / "password").write_text(PASSWORD)
    (d / "wrong-password").write_text("guess")
    return d


def _agent(d: Path, name: str, port: int, pki: Path) -> tuple[str, subprocess.Popen[str]]:
    hosts = d / f"{name}.toml"
    hosts.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{port}]\npurpose = "loopback gateway {name}"\n')
    listen = f"127.0.0.1:{_free_port()}"
    cmd = [sys.executable, "-m", "netcheck", "serve", "--hosts", str(hosts), "--no-local", "--listen", listen]
    cmd += ["--web-config", str(pki / "web-config.yml"), "--interval", "2", "--public-dns", "127.0.0.1"]
    cmd += ["--timeout", "0.5", "--deadline", "1.5", "--history-db", str(d / f"{name}.sqlite3")]
    return listen, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def agents(tmp_path_factory: pytest.TempPathFactory, pki: Path) -> Iterator[dict[str, str]]:
    d = tmp_path_factory.mktemp("agents")
    gateway = socket.create_server(("127.0.0.1", 0))  # "healthy": an open port stands in for a gateway
    closed = _free_port()  # "failing": nothing listens, so the connect is refused
    procs = {
        "healthy": _agent(d, "healthy", gateway.getsockname()[1], pki),
        "failing": _agent(d, "failing", closed, pki),
    }
    try:
        ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
        for listen, _proc in procs.values():
            _wait(f"agent {listen}", lambda listen=listen: _get(f"https://{listen}/healthz", ctx, PASSWORD)[0] == 200)
        yield {name: listen for name, (listen, _p) in procs.items()}
    finally:
        for _listen, proc in procs.values():
            proc.terminate()
            proc.wait(10)
        gateway.close()


def _get(url: str, ctx: ssl.SSLContext | None = None, password: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url)
    if password is not None:
        import base64

        req.add_header("Authorization", "Basic " + base64.b64encode(f"prometheus:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=5, context=ctx) as resp:
            return int(resp.status), resp.read().decode()
    except urllib.error.HTTPError as err:
        return int(err.code), err.read().decode()


def _fast_rules(d: Path) -> Path:
    """The shipped rules with `for:` shortened, so the test sees them fire within seconds."""
    text = re.sub(r"for: \d+m", "for: 2s", (PROM / "netcheck-alerts.yml").read_text())
    path = d / "netcheck-alerts.yml"
    path.write_text(text)
    return path


def _job(name: str, targets: list[str], pki: Path, password_file: str) -> dict[str, Any]:
    return {
        "job_name": name,
        "scheme": "https",
        "scrape_interval": "1s",
        "scrape_timeout": "1s",
        "basic_auth": {"username": "prometheus", "password_file": str(pki / password_file)},
        "tls_config": {"ca_file": str(pki / "ca.pem")},
        "static_configs": [{"targets": targets}],
    }


@pytest.fixture(scope="module")
def prometheus(tmp_path_factory: pytest.TempPathFactory, agents: dict[str, str], pki: Path) -> Iterator[str]:
    binary = _tool("prometheus")
    d = tmp_path_factory.mktemp("prometheus")
    config = {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(_fast_rules(d))],
        "scrape_configs": [
            _job("netcheck", list(agents.values()), pki, "password"),
            _job("netcheck-wrong-password", [agents["healthy"]], pki, "wrong-password"),
        ],
    }
    (d / "prometheus.yml").write_text(json.dumps(config))  # JSON is YAML
    listen = f"127.0.0.1:{_free_port()}"
    cmd = [binary, f"--config.file={d / 'prometheus.yml'}", f"--storage.tsdb.path={d / 'data'}"]
    cmd += [f"--web.listen-address={listen}", "--log.level=warn"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait("prometheus ready", lambda: _get(f"http://{listen}/-/ready")[0] == 200)
        yield f"http://{listen}"
    finally:
        proc.terminate()
        proc.wait(20)


def _query(base: str, promql: str) -> list[dict[str, Any]]:
    status, body = _get(f"{base}/api/v1/query?query={urllib.parse.quote(promql)}")
    assert status == 200, body
    return list(json.loads(body)["data"]["result"])


def _by_instance(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {r["metric"]["instance"]: r["value"][1] for r in rows}


def test_prometheus_scrapes_agents_over_tls_with_basic_auth(prometheus: str, agents: dict[str, str]) -> None:
    want = {agents["healthy"]: "1", agents["failing"]: "0"}
    got = _wait(
        "run_success of both agents",
        lambda: _by_instance(_query(prometheus, 'netcheck_run_success{job="netcheck"}')) == want and want,
    )
    assert got == want
    findings = _query(prometheus, f'netcheck_finding{{instance="{agents["failing"]}",severity="fail"}}')
    assert findings and all(r["metric"]["job"] == "netcheck" for r in findings)
    assert not _query(prometheus, f'netcheck_finding{{instance="{agents["healthy"]}",severity="fail"}}')


def test_alert_fires_for_the_failing_desk_only(prometheus: str, agents: dict[str, str]) -> None:
    promql = 'ALERTS{alertname="NetcheckTWSWouldNotConnect",alertstate="firing"}'
    rows = _wait("the alert to fire", lambda: _query(prometheus, promql))
    assert {r["metric"]["instance"] for r in rows} == {agents["failing"]}
    finding = _wait(
        "the finding alert", lambda: _query(prometheus, 'ALERTS{alertname="NetcheckFinding",alertstate="firing"}')
    )
    assert {r["metric"]["instance"] for r in finding} == {agents["failing"]} and all(r["metric"]["id"] for r in finding)


def test_wrong_credentials_get_401_and_no_data(prometheus: str, agents: dict[str, str], pki: Path) -> None:
    def target() -> dict[str, Any] | None:
        _s, body = _get(f"{prometheus}/api/v1/targets")
        for t in json.loads(body)["data"]["activeTargets"]:
            if t["labels"]["job"] == "netcheck-wrong-password" and t["health"] == "down":
                return dict(t)
        return None

    down = _wait("the wrong-password target to be down", target)
    assert "401" in down["lastError"]
    assert not _query(prometheus, 'netcheck_run_success{job="netcheck-wrong-password"}')
    status, body = _get(
        f"https://{agents['healthy']}/metrics", ssl.create_default_context(cafile=str(pki / "ca.pem")), "guess"
    )
    assert status == 401 and "netcheck_" not in body


def test_promtool_check_metrics_on_the_agent_and_the_textfile(
    agents: dict[str, str], pki: Path, tmp_path: Path
) -> None:
    promtool = _tool("promtool")
    ctx = ssl.create_default_context(cafile=str(pki / "ca.pem"))
    status, metrics = _get(f"https://{agents['failing']}/metrics", ctx, PASSWORD)
    assert status == 200
    hosts = tmp_path / "hosts.toml"
    hosts.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{_free_port()}]\npurpose = "closed"\n')
    run = [sys.executable, "-m", "netcheck", "run", "--hosts", str(hosts), "--no-local", "--format", "prometheus"]
    run += ["--public-dns", "127.0.0.1", "--timeout", "0.5", "--deadline", "3", "--no-history"]
    textfile = subprocess.run(run, capture_output=True, text=True, timeout=60).stdout
    for name, text in (("/metrics", metrics), ("textfile", textfile)):
        check = subprocess.run([promtool, "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
        assert check.returncode == 0, f"{name}: {check.stdout}{check.stderr}"


def test_promtool_checks_config_web_config_and_rule_unit_tests(pki: Path) -> None:
    promtool = _tool("promtool")
    for args in (
        ["check", "config", str(PROM / "prometheus.yml")],
        ["check", "rules", str(PROM / "netcheck-alerts.yml")],
        ["check", "web-config", str(pki / "web-config.yml")],
        ["test", "rules", str(PROM / "tests" / "netcheck-alerts.test.yml")],
    ):
        r = subprocess.run([promtool, *args], capture_output=True, text=True, timeout=120, cwd=PROM)
        assert r.returncode == 0, " ".join(args) + "\n" + r.stdout + r.stderr
