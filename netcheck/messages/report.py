"""Words of the report itself: the one-line summary, status words, check-kind headings and section labels."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

SUMMARY: Mapping[str, str] = {
    "pass": N_("Ready: TWS should connect from this network."),
    "warn": N_("Ready, with warnings: TWS should connect; see the notes below."),
    "fail": N_("Not ready: TWS will likely not connect from here."),
}

# "info" is a finding severity: reporters that label findings with status_word() need it too
STATUS_WORD: Mapping[str, str] = {
    "pass": N_("PASS"),
    "warn": N_("WARN"),
    "fail": N_("FAIL"),
    "skip": N_("SKIP"),
    "info": N_("INFO"),
}

KIND_HEADING: Mapping[str, str] = {
    "local": N_("This computer"),
    "http": N_("Internet and captive portal"),
    "dns": N_("DNS (name lookups)"),
    "dns-cross": N_("DNS cross-check with independent resolvers"),
    "tcp": N_("Connections to IBKR"),
}

LABELS: Mapping[str, str] = {
    "findings": N_("What is wrong and what to do"),
    "notes": N_("Good to know"),
    "for_it": N_("For IT"),
    "checks": N_("Checks"),
    "interrupted": N_("Interrupted ({why}): the report shows what was learned so far."),
    "passed_count": N_("{passed} passed, {failed} failed, {warned} warnings, {skipped} skipped in {seconds:.1f} s"),
    "progress": N_("checking… {done}/{total}"),
}
