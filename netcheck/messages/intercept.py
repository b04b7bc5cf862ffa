"""Texts of the finding about a network that answers TWS's ports 4000/4001 itself."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_, FindingText

FINDINGS: Mapping[str, FindingText] = {
    "ports-intercepted": FindingText(
        N_("This network answers TWS's ports {ports} itself instead of passing them to IBKR"),
        N_(
            "Connections on TCP ports {ports} seem to work, but they do not reach IBKR: a router, "
            "firewall or security program on this network accepts them itself. TWS then waits at "
            '"Connecting to server..." or fails to log in even though web pages and IBKR\'s own '
            "browser test look fine. Switch off any port forwarding, game or security feature on "
            "your router for these ports, switch off the network protection of your security "
            "program, or ask whoever runs this network. To confirm, try another network, such as "
            "a phone hotspot."
        ),
        N_(
            "TCP {ports} is answered on the path, not by IBKR: connects on 4001 to addresses that "
            "run no TWS gateway were accepted ({canaries}); gateway connections were closed, reset "
            "or sent data by the peer right after the handshake ({closed}), while IBKR's gateways "
            "keep a silent connection open. Look for a DNAT / port forward / transparent proxy for "
            "TCP {ports} on the router or firewall, and let TCP 4000/4001 pass to IBKR's networks "
            "unchanged."
        ),
    ),
}

KIND_HEADING: Mapping[str, str] = {
    "canary": N_("Connections that must not be answered (checks for a network that answers 4001 itself)"),
}
