"""pytest plugin: the session-wide ``lab`` fixture and the per-test ``healthy_lab`` reset.

Load it once for the whole suite with ``pytest_plugins = ["tests.lab.plugin"]`` in
tests/conftest.py; tests/lab/conftest.py and tests/lab_scenarios/conftest.py re-export the
fixtures meanwhile. However many copies of the fixtures pytest sees, one Lab is built per
session: it is kept on the pytest config object.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .addressing import DEFAULT_HOST_LIST
from .lab import Lab, LabUnavailable, check_prerequisites

_ATTR = "_netcheck_lab"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "lab: end-to-end test in the network-namespace lab (root + ip netns)")


def _unavailable(reason: str) -> None:
    message = f"lab needs root and ip netns: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the lab must run, so this is a failure)", pytrace=False)
    pytest.skip(message)


def shared_lab(config: pytest.Config, host_list: Path = DEFAULT_HOST_LIST) -> Lab:
    """The session's lab, built on first use; rebuilt if a test asks for another host list."""
    try:
        check_prerequisites()
    except LabUnavailable as exc:
        _unavailable(str(exc))
    current: Lab | BaseException | None = getattr(config, _ATTR, None)
    if isinstance(current, BaseException):
        raise RuntimeError("the lab failed to build earlier in this session") from current
    if current is not None and current.host_list_path.resolve() == Path(host_list).resolve():
        return current
    if current is not None:
        current.down()
    lab = Lab(host_list)
    atexit.register(lab.down)  # also on KeyboardInterrupt; down() is idempotent
    config.add_cleanup(lab.down)
    try:
        lab.up()
    except BaseException as exc:
        setattr(config, _ATTR, exc)
        lab.down()
        raise
    setattr(config, _ATTR, lab)
    return lab


@pytest.fixture(scope="session")
def lab(request: pytest.FixtureRequest) -> Lab:
    """The namespace lab (healthy at first; use ``healthy_lab`` to get it reset after a test)."""
    return shared_lab(request.config)


@pytest.fixture
def healthy_lab(lab: Lab) -> Iterator[Lab]:
    """The lab, healthy at the start of the test and reset to healthy after it."""
    lab.reset()
    yield lab
    lab.reset()
