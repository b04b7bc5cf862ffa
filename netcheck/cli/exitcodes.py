"""The one exit-code table, and the one function that maps a finished Report to its exit code."""

from __future__ import annotations

from netcheck.report_model import Report

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_CONFIG = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 130, 143  # 128 + signal number, as shells report a signalled process
EXIT_SIGNAL = {"SIGINT": EXIT_SIGINT, "SIGTERM": EXIT_SIGTERM}


def exit_code(report: Report, fmt: str = "") -> int:
    """Under --format nagios it follows the plugin convention (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN,
    also for an interrupted run), as monitoring systems expect."""
    if fmt == "nagios":
        from netcheck.reporters.nagios import state

        return state(report)
    if report.interrupted and report.meta.get("stop_reason") in EXIT_SIGNAL:
        return EXIT_SIGNAL[str(report.meta["stop_reason"])]
    return EXIT_FAIL if report.status.value == "fail" else EXIT_OK
