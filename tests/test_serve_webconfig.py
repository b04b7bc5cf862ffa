"""`serve --web-config`: exporter-toolkit's file format, TLS (and mTLS) and basic auth on a real loopback server."""

from __future__ import annotations

import asyncio
import base64
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import bcrypt
import httpx
import pytest
import trustme

from netcheck.errors import ConfigError
from netcheck.serve import http
from netcheck.serve.auth import Authenticator
from netcheck.serve.cache import Snapshot
from netcheck.serve.webconfig import load, server_context

TLS = "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n"
HASH = bcrypt.hashpw(b"s3cret", bcrypt.gensalt(rounds=4)).decode()
SNAP = Snapshot(report_json="{}", metrics="netcheck_run_success 1\n", finished_at=1e12, runs=1, status="pass")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def certs(tmp_path: Path, ca: trustme.CA) -> Path:
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(tmp_path / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp_path / "cert.pem"))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    return tmp_path


def _write(d: Path, text: str) -> Path:
    p = d / "web.yml"
    p.write_text(text)
    return p


def test_loads_tls_and_users(certs: Path) -> None:
    cfg = load(
        _write(
            certs,
            f"tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  prom: '{HASH}'\n",
        )
    )
    assert cfg.tls and cfg.tls.cert_file == certs / "cert.pem" and cfg.tls.min_version == "TLS12"
    assert cfg.users == {"prom": HASH.encode()} and cfg.auth_required


def test_empty_file_means_no_tls_no_auth(tmp_path: Path) -> None:
    cfg = load(_write(tmp_path, ""))
    assert cfg.tls is None and not cfg.auth_required


BAD = [
    ("tls_server_config:\n  cert_file: cert.pem\n", ":2: tls_server_config.key_file: required for TLS"),
    ("tls_server_config:\n  cert_file: cert.pem\n  key_file: nope.pem\n", ":3: key_file: no such file"),
    (
        TLS + "  min_version: TLS10\n",
        ":4: min_version: 'TLS10' is not one of TLS12, TLS13",
    ),
    (
        TLS + "  client_auth_type: RequireAndVerifyClientCert\n",
        ":4: client_auth_type: needs client_ca_file",
    ),
    ("tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  certfile: x\n", ":4: certfile: unknown key"),
    ("basic_auth_users:\n  prom: plaintext\n", ":2: prom: not a bcrypt hash"),
    ("basic_auth_users:\n  prom: ''\n", ":2: prom: must be a non-empty string"),
    ("basic_auth_user:\n  prom: x\n", ":1: basic_auth_user: unknown key"),
    ("- a\n- b\n", ":1: the file must be a mapping"),
    ("tls_server_config: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m for _t, m in BAD])
def test_bad_files_name_file_line_and_key(certs: Path, text: str, message: str) -> None:
    path = _write(certs, text)
    with pytest.raises(ConfigError) as err:
        load(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the web config"):
        load(tmp_path / "absent.yml")


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        (_basic("prom", "s3cret"), True),
        (_basic("prom", "wrong"), False),
        (_basic("nobody", "s3cret"), False),
        (None, False),
        ("Bearer abc", False),
        ("Basic !!!notbase64", False),
        (_basic("prom", "s3cret").replace("Basic", "basic"), True),
    ],
)
def test_authenticator(header: str | None, allowed: bool) -> None:
    assert Authenticator({"prom": HASH.encode()}).allows(header) is allowed


def test_authenticator_caches_verified_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    auth = Authenticator({"prom": HASH.encode()})
    assert auth.allows(_basic("prom", "s3cret"))
    monkeypatch.setattr(bcrypt, "checkpw", lambda *_a: pytest.fail("bcrypt again for verified credentials"))
    assert auth.allows(_basic("prom", "s3cret"))


def test_no_users_means_open() -> None:
    assert Authenticator({}).allows(None)


@pytest.fixture
async def tls_server(certs: Path) -> AsyncIterator[str]:
    cfg = load(
        _write(
            certs,
            f"tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  prom: '{HASH}'\n",
        )
    )
    assert cfg.tls
    handle = http.handler(lambda: SNAP, 300, 20, Authenticator(cfg.users).allows)
    server = await http.start("127.0.0.1", 0, handle, server_context(cfg.tls))
    async with server:
        yield f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def test_tls_with_basic_auth_end_to_end(tls_server: str, certs: Path) -> None:
    async with httpx.AsyncClient(verify=ssl.create_default_context(cafile=str(certs / "ca.pem"))) as client:
        ok = await client.get(tls_server + "/metrics", auth=("prom", "s3cret"))
        wrong = await client.get(tls_server + "/metrics", auth=("prom", "nope"))
        missing = await client.get(tls_server + "/report")
    assert ok.status_code == 200 and "netcheck_run_success 1" in ok.text
    for resp in (wrong, missing):
        assert resp.status_code == 401 and resp.text == "Unauthorized\n"  # leaks nothing of the report
        assert resp.headers["www-authenticate"] == 'Basic realm="netcheck"'


async def test_plain_http_to_a_tls_port_gets_nothing(tls_server: str) -> None:
    async with httpx.AsyncClient() as client:
        with pytest.raises(httpx.HTTPError):
            await client.get(tls_server.replace("https", "http") + "/metrics", auth=("prom", "s3cret"))


async def test_mtls_requires_a_client_certificate(certs: Path, ca: trustme.CA) -> None:
    text = "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  client_ca_file: ca.pem\n"
    cfg = load(_write(certs, text + "  client_auth_type: RequireAndVerifyClientCert\n  min_version: TLS13\n"))
    assert cfg.tls
    server = await http.start("127.0.0.1", 0, http.handler(lambda: SNAP, 300, 20), server_context(cfg.tls))
    url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/metrics"
    client_cert = ca.issue_cert("prometheus")
    with_cert = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    client_cert.configure_cert(with_cert)
    async with server:
        async with httpx.AsyncClient(verify=with_cert) as client:
            assert (await client.get(url)).status_code == 200
        async with httpx.AsyncClient(verify=ssl.create_default_context(cafile=str(certs / "ca.pem"))) as client:
            with pytest.raises(httpx.HTTPError):
                await asyncio.wait_for(client.get(url), 5)


def test_a_key_that_does_not_match_is_a_config_error(certs: Path, ca: trustme.CA) -> None:
    ca.issue_cert("other").private_key_pem.write_to_path(str(certs / "key.pem"))
    cfg = load(_write(certs, "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n"))
    assert cfg.tls
    with pytest.raises(ConfigError, match="cannot load the certificate and key"):
        server_context(cfg.tls)
