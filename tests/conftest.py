"""Shared test configuration. Lab fixtures live in tests/lab/ (network namespaces; root only)."""

import os  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _history_db_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`netcheck run` records history by default; keep every test's runs (and subprocesses') out of ~/.local."""
    os.environ.setdefault("NETCHECK_HISTORY_DB", str(tmp_path_factory.mktemp("history") / "history.sqlite3"))


# Under CI=true a skip hides a missing tool (strace, systemd-analyze, promtool, PyInstaller, the lab):
# CI installs all of them, so any skip there is a failure. `NETCHECK_CI_ALLOW_SKIP` names test ids
# (comma-separated substrings) that may skip on purpose, e.g. the drift run of the newest dependencies.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") != "true" or not report.skipped or hasattr(report, "wasxfail"):
        return
    allowed = [a for a in os.environ.get("NETCHECK_CI_ALLOW_SKIP", "").split(",") if a]
    if any(a in item.nodeid for a in allowed):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped under CI=true, where every tool the suite needs is installed: {reason}"
