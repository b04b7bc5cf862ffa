"""User-facing lines of `netcheck serve`, `netcheck bundle` and `netcheck hosts export`."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

LABELS: Mapping[str, str] = {
    "serve_listening": N_("listening on http://{address} (/metrics /healthz /report)"),
    "serve_listening_tls": N_("listening on https://{address} (/metrics /healthz /report; TLS{auth})"),
    "serve_auth_basic": N_(", basic auth"),
    "serve_history_busy": N_(
        "history: the previous record is still waiting for the database; this run is not recorded"
    ),
    "serve_run_done": N_("run {runs}: {status}, {findings} finding(s), {seconds:.1f} s"),
    "serve_cannot_listen": N_("cannot listen on {address}: {error}"),
    "bundle_written": N_("wrote {path}: {status}, {findings} finding(s), {files} files"),
    "bundle_no_run": N_("no recorded run yet; run `netcheck bundle` without --from-last"),
    "bundle_cannot_write": N_("cannot write {path}: {error}"),
    "bundle_since": N_("Since when does the problem occur? (Enter to skip)"),
    "bundle_pattern": N_(
        "Any pattern: after an update, only when markets are closed, at certain times? (Enter to skip)"
    ),
    "export_keeps_names": N_("--format {format} keeps names; addresses are added where the format has room"),
}
