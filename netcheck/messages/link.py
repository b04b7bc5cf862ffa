"""Texts of the link-quality findings (slow or lossy path)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "slow-link": FindingText(
        N_("Slow or unsteady connection: {median_ms} ms round trip to IBKR, {loss_pct} % of connection attempts lost"),
        N_(
            "TWS will connect, but quotes and order confirmations may lag and the connection may "
            'drop ("Attempt N: connection error"). Use a cable instead of Wi-Fi or move closer to the '
            "router, stop large downloads, uploads and video calls, or try another network."
        ),
        N_(
            "Median TCP connect round trip {median_ms} ms (region {region}); {lost} of {attempts} "
            "connection attempts (SYN) got no answer on ports that did answer. Look for congestion, "
            "bufferbloat, Wi-Fi interference or a saturated uplink; TWS needs a steady path to TCP 4000/4001."
        ),
    ),
}
