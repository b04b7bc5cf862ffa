"""User-facing labels of the markdown report, the `history` command and history warnings."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

LABELS: Mapping[str, str] = {
    "md_title": N_("netcheck report"),
    "md_status": N_("Result"),
    "md_started": N_("Started"),
    "md_environment": N_("Environment"),
    "md_col_check": N_("Check"),
    "md_col_status": N_("Status"),
    "md_col_reason": N_("Reason"),
    "md_col_ms": N_("Time (ms)"),
    "md_col_detail": N_("Detail"),
    "md_no_findings": N_("No problems found."),
    "md_evidence": N_("Evidence"),
    "history_unavailable": N_("netcheck: warning: run not recorded in history ({path}): {error}"),
    "history_empty": N_("No runs recorded yet in {path}."),
    "history_recent": N_("Last {count} runs"),
    "history_col_started": N_("Started (UTC)"),
    "history_col_status": N_("Status"),
    "history_col_seconds": N_("Seconds"),
    "history_col_findings": N_("Findings"),
    "history_availability": N_("Availability per check since {since} ({runs} runs)"),
    "history_col_check": N_("Check"),
    "history_col_available": N_("Available"),
    "history_col_runs": N_("Runs"),
    "history_changes": N_("Changes since the last good run ({when})"),
    "history_no_good_run": N_("No passing run on record to compare with."),
    "history_no_changes": N_("Nothing changed since the last good run."),
    "history_change_line": N_("{check}: {before} → {after}"),
    "history_new_finding": N_("new finding: {id}"),
    "history_gone_finding": N_("finding gone: {id}"),
}
