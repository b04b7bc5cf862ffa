"""English texts of the schedule findings (same FindingText as the catalog; marked with N_ for extraction)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "ibkr-maintenance": FindingText(
        N_("Inside IBKR's published {window} window until {until}: logins and data farms may fail"),
        N_(
            "IBKR restarts its servers in this window, so logging in, reconnecting and market data may fail "
            "until {until} (your time). That is not a fault of your network: wait until then and run "
            "netcheck again. Failures of IBKR's servers seen now are listed here instead of as network faults."
        ),
        N_(
            "The run ({now}) falls inside IBKR's published window {window_id} ({published}; source {source}, "
            "seen {seen}). Failed gateway connects of the affected region are attributed to it; the checks "
            "stay listed below. IBKR moves these times: override with --schedule FILE."
        ),
    ),
    "ibkr-maintenance-soon": FindingText(
        N_("IBKR's {window} window starts in {minutes} minutes ({start})"),
        N_(
            "Everything works now, but from {start} until {until} (your time) IBKR restarts its servers: "
            "logins, reconnects and market data may fail then. Log in before it starts or after it ends."
        ),
        N_("Next published window {window_id} ({published}; source {source}, seen {seen})."),
    ),
}

HEADER = N_("Next IBKR maintenance window for {region}: {window}, {start} to {until}")
