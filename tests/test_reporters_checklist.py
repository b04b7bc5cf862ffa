"""The short failure checklist: one screen, every line within the width, whole words only."""

from __future__ import annotations

import pytest

from netcheck.messages import translator
from netcheck.model import Reason
from netcheck.reporters import RenderOptions, checklist, terminal
from tests.helpers import GATEWAYS, healthy, report

BLOCKED = {f"{h}:{p}": Reason.TIMEOUT for h in GATEWAYS for p in (4000, 4001)}


def test_a_problem_gets_the_short_checklist_and_verbose_the_full_one() -> None:
    r = report(healthy(**BLOCKED))
    short = terminal.render(r, RenderOptions())
    assert short == checklist.render(r, RenderOptions())
    assert "    · 6 checks explained by the findings above (--verbose lists them)" in short
    assert "Checks: 18 of 25 passed · 6 problems explained above · 1 not tested · 1.2 s" in short
    assert "      … and 4 more (--verbose shows all)" in short
    assert "timeout  (20 ms)" not in short  # the per-check lines are behind --verbose
    assert "timeout  (20 ms)" in terminal.render(r, RenderOptions(verbose=True))


def test_a_healthy_run_keeps_the_usual_layout() -> None:
    assert not checklist.wanted(report(healthy()), RenderOptions())


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_lines_fit_the_width_and_the_budget(width: int, lang: str) -> None:
    text = checklist.render(report(healthy(**BLOCKED)), RenderOptions(width=width, tr=translator(lang)))
    lines = text.splitlines()
    assert all(len(ln) <= width for ln in lines), [ln for ln in lines if len(ln) > width]
    if width >= 100:
        assert len(lines) <= 30, text


def test_words_are_never_cut() -> None:
    text = checklist.render(report(healthy(**BLOCKED)), RenderOptions(width=40))
    words = set(text.split())
    assert "4000/4001" in words and "ndc1.ibllc.com:4000" in words and "hotspot" in words
