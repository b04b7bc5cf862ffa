"""Shared test configuration. Lab fixtures live in tests/lab/ (network namespaces; root only)."""

import os  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _history_db_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`netcheck run` records history by default; keep every test's runs (and subprocesses') out of ~/.local."""
    os.environ.setdefault("NETCHECK_HISTORY_DB", str(tmp_path_factory.mktemp("history") / "history.sqlite3"))
