"""The command list's one-line help: first sentence, cut at a word, never mid-word."""

import pytest

from netcheck.cli.help import short_help


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Check the network.", 40, "Check the network"),
        ("Check the network. Then print.", 40, "Check the network"),
        ("Check   the\nnetwork", 40, "Check the network"),
        ("Write a zip for IBKR support or IT", 20, "Write a zip for..."),
        ("", 20, ""),
        ("abcdefghij", 13, "abcdefghij"),
        ("abcdefghij", 12, "..."),
    ],
)
def test_short_help(text: str, limit: int, expected: str) -> None:
    assert short_help(text, limit) == expected
