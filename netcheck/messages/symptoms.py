"""User-facing text for what TWS shows (symptoms) and the IT admin's allow-list section."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

SYMPTOMS: Mapping[str, str] = {
    "tws-login": N_(
        'TWS login hangs at "Connecting to server..." or repeats "Log in progress (attempt #N)"; '
        'while running, TWS shows "Attempt N: connection error"'
    ),
    "market-data-farm": N_('TWS shows "Market data farm connection is broken" (API message 2103)'),
    "settings-download": N_('TWS says "Downloading settings from server failed"'),
    "update-failed": N_("TWS cannot download its updates (its automatic update fails)"),
}

LABELS: Mapping[str, str] = {
    "tws_shows": N_("What TWS shows"),
    "allow_heading": N_("What to allow (for IT)"),
    "allow_intro": N_("Allow outbound TCP from this computer to these servers (direct, not through a web proxy):"),
}
