"""Lab fixtures for tests in this directory (see plugin.py for loading them suite-wide)."""

from tests.lab.plugin import healthy_lab, lab, pytest_configure  # noqa: F401
