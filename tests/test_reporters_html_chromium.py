"""The HTML report as support or IT see it: opened in headless Chromium (Debian package), in English and German.

Chromium runs in a network namespace of its own (`unshare -n`: not even loopback is up), so whatever the browser
tries cannot leave this machine; its own net log and console logging then prove the page asked for nothing and
logged no error. The PNG screenshot and the A4 PDF are kept in test-artifacts/ for CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from netcheck.history import glance_text
from netcheck.history.queries import changes_since_good
from netcheck.history.store import open_store
from netcheck.messages import translator
from netcheck.model import Reason
from netcheck.reporters import REGISTRY, RenderOptions
from tests import history_day
from tests.helpers import GATEWAYS, healthy, report

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Chromium's own background services (component updater, network time, sign-in): never the page's requests.
BROWSER_OWN = {"update.googleapis.com", "clients2.google.com", "accounts.google.com", "redirector.gvt1.com"}
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
    "--enable-logging=stderr", "--v=1", "--window-size=1100,1600", "--hide-scrollbars",
]  # fmt: skip

pytestmark = pytest.mark.root


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe or not shutil.which("unshare") or os.geteuid() != 0:
        pytest.skip("needs chromium (apt-get install chromium), unshare and root")  # CI=true turns this into a fail
    return exe


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report of a hotel Wi-Fi (4000/4001 dropped) with a day of history, in English and German."""
    tmp = tmp_path_factory.mktemp("html")
    db = history_day.build(tmp / "day.sqlite3")
    with open_store(db) as store:
        span = (history_day.END - timedelta(hours=24), history_day.END)
        glance = glance_text.read(store, 10, "24h", span, changes_since_good(store))
    blocked = report(healthy(**{f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}))
    out = {lang: tmp / f"report-{lang}.html" for lang in ("en", "de")}
    for lang, page in out.items():
        page.write_text(REGISTRY["html"](blocked, RenderOptions(tr=translator(lang), history=glance)), encoding="utf-8")
    return out


def _open(page: Path, action: str, tmp: Path) -> tuple[str, str, list[str]]:
    """(stdout, stderr, URLs in Chromium's net log) of one headless run doing `action` on `page`."""
    net_log = tmp / f"net-{page.stem}-{action.lstrip('-').split('=')[0]}.json"
    argv = ["unshare", "-n", _chromium(), *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--log-net-log={net_log}"]
    cp = subprocess.run([*argv, action, page.as_uri()], capture_output=True, text=True, timeout=120)
    assert cp.returncode == 0, cp.stderr[-3000:]
    events = json.loads(net_log.read_text()).get("events", [])
    return cp.stdout, cp.stderr, [e["params"]["url"] for e in events if "url" in e.get("params", {})]


def _page_requests(urls: list[str], page: Path) -> list[str]:
    return [u for u in urls if u != page.as_uri() and urlsplit(u).hostname not in BROWSER_OWN]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_renders_the_findings_and_charts_with_no_request_and_no_console_error(
    pages: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    dom, log, urls = _open(pages[lang], "--dump-dom", tmp_path)
    assert 'id="finding-ports-blocked"' in dom and 'id="regions-chart"' in dom and 'id="history-chart"' in dom
    assert dom.count('class="bar"') == 0 and dom.count('class="cell"') >= 48  # no region connects: no bar
    assert ("gesperrt" if lang == "de" else "are blocked") in dom and f'<html lang="{lang}">' in dom
    assert "08:16" in dom  # the outage, in the history section
    assert _page_requests(urls, pages[lang]) == []
    assert "CONSOLE" not in log and "Refused to" not in log, [ln for ln in log.splitlines() if "CONSOLE" in ln]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screenshot_and_a4_print_are_kept_as_artifacts(pages: dict[str, Path], lang: str, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    png, pdf = ARTIFACTS / f"report-{lang}.png", ARTIFACTS / f"report-{lang}.pdf"
    _open(pages[lang], f"--screenshot={png}", tmp_path)
    _, _, urls = _open(pages[lang], f"--print-to-pdf={pdf}", tmp_path)
    shutil.copy(pages[lang], ARTIFACTS / f"report-{lang}.html")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and re.search(rb"/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]", data)  # A4 in points
    assert _page_requests(urls, pages[lang]) == []


def test_the_logging_would_show_a_blocked_fetch_and_a_console_error(pages: dict[str, Path], tmp_path: Path) -> None:
    """The control: the same page with an outside image and a script; the checks above must not be blind."""
    bad = tmp_path / "bad.html"
    extra = '<img src="http://198.51.100.7/x.png"><script>console.error("boom")</script>'
    bad.write_text(pages["en"].read_text(encoding="utf-8").replace("<body>", "<body>" + extra), encoding="utf-8")
    _, log, _ = _open(bad, "--dump-dom", tmp_path)
    assert "CONSOLE" in log and "198.51.100.7" in log
