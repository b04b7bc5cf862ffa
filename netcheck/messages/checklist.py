"""Words of the short failure checklist: folded check groups and the tally a trader reads."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

# What a skipped group is made of, by check kind.
KIND_NOUN: Mapping[str, str] = {
    "local": N_("checks of this computer"),
    "machine": N_("checks of this computer"),
    "http": N_("web checks"),
    "dns": N_("name lookups"),
    "dns-cross": N_("cross-checks with independent resolvers"),
    "tcp": N_("port checks"),
    "tls": N_("TLS checks"),
    "proxy": N_("proxy checks"),
    "api": N_("TWS API checks"),
}

# Why a group was skipped: the engine's English reason first, else the Reason value.
SKIP_WHY: Mapping[str, str] = {
    "the name did not resolve": N_("their names did not resolve"),
    "the proxy does not answer": N_("the proxy does not answer"),
    "this machine has no IPv6 route": N_("this computer has no IPv6 route"),
    "the run ended before this check finished": N_("the run ended first"),
    "the run ended before this check started": N_("the run ended first"),
    "dependency": N_("a check they need failed"),
    "deadline": N_("the run ended first"),
    "not-applicable": N_("they do not apply to this computer"),
}

LABELS: Mapping[str, str] = {
    "cl_explained": N_("{count} checks explained by the findings above (--verbose lists them)"),
    "cl_explained_one": N_("1 check explained by the findings above (--verbose lists it)"),
    "cl_passed": N_("{count} checks passed"),
    "cl_skipped": N_("{count} {checks} skipped: {why}"),
    "cl_more_evidence": N_("… and {count} more (--verbose shows all)"),
    "cl_more_allowed": N_(" and {count} more (netcheck hosts export writes the whole list)"),
    "cl_tally_passed": N_("{passed} of {checks} passed"),
    "cl_tally_explained": N_("{count} problems explained above"),
    "cl_tally_explained_one": N_("1 problem explained above"),
    "cl_tally_unexplained": N_("{count} other problems listed above"),
    "cl_tally_unexplained_one": N_("1 other problem listed above"),
    "cl_tally_not_tested": N_("{count} not tested"),
    "cl_tally_seconds": N_("{seconds:.1f} s"),
    "cl_checks": N_("Checks: {tally}"),
    "cl_regions": N_("Gateways reachable per IBKR region: {rows}"),
    # i18n: the HTML report's lang attribute: this language's code (de for German)
    "html_lang": N_("en"),
    "html_history": N_("Connections per server since {since}"),
    "html_all_checks": N_("All {count} checks"),
}
