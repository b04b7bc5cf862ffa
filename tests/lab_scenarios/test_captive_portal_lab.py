"""Captive portal in the lab: the router DNATs the client's HTTP to a portal answering 302 to its login page.

The loopback twin, without root, is tests/test_captive_portal_loopback.py.
"""

from __future__ import annotations

import pytest

from tests.lab.addressing import PORTAL_V4
from tests.lab.lab import Lab

pytestmark = pytest.mark.lab

TIMEOUT, DEADLINE = 1.0, 8.0


def test_portal_redirect_is_named_with_its_login_page(healthy_lab: Lab) -> None:
    healthy_lab.captive_portal(True)
    code, report, stdout, stderr, elapsed = healthy_lab.run_netcheck(
        "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE), timeout=DEADLINE + 30
    )
    context = f"exit {code}, {elapsed:.2f}s\nstdout: {stdout[:4000]}\nstderr: {stderr[-2000:]}"
    assert report is not None, context
    fails = {f["id"]: f for f in report["findings"] if f["severity"] == "fail"}
    assert set(fails) == {"captive-portal"} and code == 1, context
    login = f"http://{PORTAL_V4}/login"
    assert login in fails["captive-portal"]["remediation"], context
    plain = [c for c in report["checks"] if c["kind"] == "http" and c["id"].startswith("http:http://")]
    assert plain and all(c["reason"] == "redirect" and c["detail"]["location"] == login for c in plain), context
    assert elapsed < DEADLINE + 2, context
