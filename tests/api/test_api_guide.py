"""`netcheck guide 502` and friends: every API error users meet, with where it is and what checks it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from netcheck.cli import main
from netcheck.guide.api_errors import TOPICS

CODES = ("502", "504", "326", "1100", "1101", "1102", "1300", "2103", "2105", "2107", "2108", "2110", "2157")


def test_every_listed_code_is_a_topic() -> None:
    assert tuple(t.id for t in TOPICS) == CODES


@pytest.mark.parametrize("topic", [*CODES, "client-id-in-use", "couldnt-connect"])
def test_guide_explains_where_and_what_checks_it(topic: str) -> None:
    r = CliRunner().invoke(main, ["guide", topic])
    assert r.exit_code == 0 and "Where:" in r.output and ("netcheck" in r.output or "Nothing to do" in r.output)


def test_in_german() -> None:
    r = CliRunner().invoke(main, ["--lang", "de", "guide", "326"])
    assert r.exit_code == 0 and "Client-ID" in r.output
