"""Today's dependencies: the CLI imports and runs no deprecated API (caught the day it is deprecated)."""

import subprocess
import sys

import pytest

COMMANDS = [[], ["run"], ["hosts"], ["hosts", "export"], ["guide"], ["history"], ["serve"], ["bundle"]]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "netcheck")
def test_help_is_clean_with_deprecations_as_errors(args: list[str]) -> None:
    cmd = [sys.executable, "-W", "error::DeprecationWarning", "-W", "error::PendingDeprecationWarning"]
    proc = subprocess.run([*cmd, "-m", "netcheck", *args, "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_hosts_listing_is_clean_with_deprecations_as_errors() -> None:
    cmd = [sys.executable, "-W", "error::DeprecationWarning", "-m", "netcheck", "hosts", "--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
