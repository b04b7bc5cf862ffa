"""Without root or ip netns, lab tests skip, except under CI=true, where they fail (no root needed)."""

from __future__ import annotations

import pytest

from tests.lab import plugin


def test_missing_lab_skips_on_a_developer_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="lab needs root and ip netns: not root"):
        plugin._unavailable("not root")


def test_missing_lab_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        plugin._unavailable("not root")
