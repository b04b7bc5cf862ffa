"""Lab fixtures for the end-to-end scenarios (see tests/lab/plugin.py)."""

from tests.lab.plugin import healthy_lab, lab, pytest_configure  # noqa: F401
