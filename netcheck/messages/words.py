"""Short words of the terminal checklist (reasons, pass details) and the pointer to `netcheck guide`."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

# The English msgid is the Reason's value, so English output reads exactly as before.
REASON_WORD: Mapping[str, str] = {
    "ok": N_("ok"),
    "refused": N_("refused"),
    "timeout": N_("timeout"),
    "unreachable": N_("unreachable"),
    "prohibited": N_("prohibited"),
    "nxdomain": N_("nxdomain"),
    "no-answer": N_("no-answer"),
    "servfail": N_("servfail"),
    "dns-timeout": N_("dns-timeout"),
    "no-nameservers": N_("no-nameservers"),
    "tls-error": N_("tls-error"),
    "tls-untrusted": N_("tls-untrusted"),
    "http-status": N_("http-status"),
    "redirect": N_("redirect"),
    "proxy-error": N_("proxy-error"),
    "dependency": N_("dependency"),
    "deadline": N_("deadline"),
    "not-applicable": N_("not-applicable"),
    "error": N_("error"),
}

LABELS: Mapping[str, str] = {
    "pass_open": N_("open"),
    "pass_ok": N_("ok"),
    "more_passed": N_("… {hidden} more passed (--verbose shows all)"),
    "guide_hint": N_("All network checks passed. Still cannot log in? Run netcheck guide for login problems."),
    # netcheck hosts (text format)
    "hosts_from": N_("# from: {sources}"),
    "hosts_required": N_("required"),
    "hosts_optional": N_("optional"),
    "hosts_reachability": N_("reachability: {url} (expect {status})"),
    "hosts_public_dns": N_("public resolvers: {servers}"),
}
