"""The leaf of netcheck.messages: N_ only marks text, FindingText is a frozen value."""

from __future__ import annotations

import dataclasses

import pytest

from netcheck.messages.base import N_, FindingText


def test_n_returns_the_english_source_unchanged() -> None:
    assert N_("Checks") == "Checks"


def test_finding_text_is_frozen() -> None:
    text = FindingText("title", "remediation", "admin")
    with pytest.raises(dataclasses.FrozenInstanceError):
        text.title = "other"  # type: ignore[misc]
