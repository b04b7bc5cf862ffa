"""Lab additions for the web-path scenarios: proxy env for the client, a TLS-inspecting router."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from . import firewall
from .addressing import ROUTER_LAN_V4, ROUTER_LAN_V6, ROUTER_NS
from .lab import Lab
from .proc import wait_for

HERE = Path(__file__).resolve().parent
MITM = "tls-mitm"
MITM_PORT = 8443
INSPECTION_CA = "Evil Corp Inspection CA"


def run_netcheck_env(
    lab: Lab, env: dict[str, str], *args: str, timeout: float = 60
) -> tuple[int, dict[str, Any] | None, str, str, float]:
    """Like Lab.run_netcheck, with extra environment (lab.client_env() strips *_proxy)."""
    start = time.monotonic()
    cp = lab.exec_client(lab.netcheck_argv(*args), timeout=timeout, env={**lab.client_env(), **env})
    elapsed = time.monotonic() - start
    try:
        parsed = json.loads(cp.stdout) if cp.stdout.strip() else None
    except ValueError:
        parsed = None
    return cp.returncode, parsed, cp.stdout, cp.stderr, elapsed


def proxy_env(url: str) -> dict[str, str]:
    return {"HTTPS_PROXY": url, "HTTP_PROXY": url}


def tls_inspection(lab: Lab, on: bool = True) -> None:
    """The router re-signs every client connection to port 443 with its own CA and relays it."""
    if not on:
        lab.nft([], chain=firewall.NAT)
        lab.procs.stop(MITM)
        return
    import trustme

    ca = trustme.CA(organization_name=INSPECTION_CA)
    names = [n for n in lab.hosts.all_names if "_" not in n]
    cert = ca.issue_cert(*names)
    key, pem, ready = (lab.workdir / f"{MITM}.{x}" for x in ("key", "pem", "ready"))
    cert.private_key_pem.write_to_path(str(key))
    cert.cert_chain_pems[0].write_to_path(str(pem))
    ready.unlink(missing_ok=True)
    lab.procs.start(
        MITM,
        ROUTER_NS,
        [
            sys.executable,
            str(HERE / "tls_mitm.py"),
            "--cert",
            str(pem),
            "--key",
            str(key),
            "--listen",
            ROUTER_LAN_V4,
            "--listen",
            ROUTER_LAN_V6,
            "--port",
            str(MITM_PORT),
            "--ready",
            str(ready),
        ],
    )
    wait_for(lambda: ready.exists() or not lab.procs.running(MITM), 10, "the TLS-inspecting relay")
    lab.procs.check_alive(MITM)
    lab.nft(
        [
            f'iifname "{firewall.LAN_IF}" meta nfproto ipv4 tcp dport 443 dnat ip to {ROUTER_LAN_V4}:{MITM_PORT}',
            f'iifname "{firewall.LAN_IF}" meta nfproto ipv6 tcp dport 443 dnat ip6 to [{ROUTER_LAN_V6}]:{MITM_PORT}',
        ],
        chain=firewall.NAT,
    )
