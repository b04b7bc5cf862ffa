"""The HTML report: self-contained (nothing to fetch), escaped, redacted, translated; rendered in Chromium by
tests/test_reporters_html_chromium.py."""

from __future__ import annotations

import re

from netcheck.messages import translator
from netcheck.model import Reason
from netcheck.reporters import REGISTRY, RenderOptions
from tests.helpers import GATEWAYS, healthy, http, report

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def _html(lang: str = "en", **overrides: Reason) -> str:
    return REGISTRY["html"](report(healthy(**overrides)), RenderOptions(tr=translator(lang)))


def test_one_file_with_nothing_to_fetch() -> None:
    page = _html(**BLOCKED)
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"\b(src|href)=", page) and "url(" not in page and "@import" not in page


def test_findings_allow_list_and_region_chart() -> None:
    page = _html(**BLOCKED)
    assert 'id="finding-ports-blocked"' in page and "For IT:" in page and 'id="allow"' in page
    assert 'id="regions-chart"' in page and "no connection" in page
    assert 'id="history"' not in page  # no history given


def test_text_is_escaped_and_secrets_redacted() -> None:
    outs = [*healthy(), http("http://user:hunter2@portal.example/<b>", Reason.REDIRECT, 302)]
    page = REGISTRY["html"](report(outs), RenderOptions())
    assert "hunter2" not in page and "<b>" not in page


def test_german() -> None:
    page = _html("de", **BLOCKED)
    assert '<html lang="de">' in page and "Was nicht stimmt und was zu tun ist" in page and "Für die IT" in page
