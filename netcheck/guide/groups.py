"""The guide's topic groups, in the order `netcheck guide --list` shows them (English source)."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

GROUPS: Mapping[str, str] = {
    "login": N_("Logging in"),
    "startup": N_("Starting and running TWS"),
    "install": N_("Installing and updating TWS"),
    "thirdparty": N_("Third-party apps (NinjaTrader and other API programs)"),
    "help": N_("Getting help from IBKR"),
    "api-errors": N_("TWS API error codes your trading app shows (netcheck guide CODE)"),
}

LIST_HEADER = N_("Topics by group (netcheck guide TOPIC shows one, --sources adds where each answer comes from):")
SOURCES_HEADER = N_("Sources:")
NO_SOURCE = N_("(no source recorded for this topic)")
PICK = N_("Which of these is your situation?")
OTHER = N_("Something else: {group}")


def ordered(keys: list[str]) -> list[str]:
    """Known groups in their fixed order, then any group a newer topic module brought, alphabetically."""
    return [g for g in GROUPS if g in keys] + sorted({k for k in keys if k not in GROUPS})
