"""Words of `netcheck history` at a glance: runs, the per host:port strips, outages and changes per finding."""

from __future__ import annotations

from collections.abc import Mapping

from netcheck.messages.base import N_

LABELS: Mapping[str, str] = {
    "glance_runs": N_("Runs in the last {since}: {total}"),
    "glance_stretch_runs": N_("({count} runs)"),
    "glance_strips": N_("Connections per server since {since} (one mark = {bucket}; ▁ down, █ up, · not tested)"),
    "glance_more_up": N_("{count} more servers: always up"),
    "glance_outages": N_("Outages (local time)"),
    "glance_no_outage": N_("No outage in this window."),
    "glance_outage": N_("{targets} down {start}–{end}, {minutes} min{causes}"),
    "glance_outage_ongoing": N_("{targets} down since {start} ({minutes} min so far){causes}"),
    "glance_and_more": N_("{names} and {count} more"),
    "glance_changed": N_("What changed since the last good run ({when})"),
    "glance_finding_new": N_("{finding}: new; {count} checks changed, e.g. {example}"),
    "glance_finding_new_bare": N_("{finding}: new"),
    "glance_finding_still": N_("{finding}: still there"),
    "glance_finding_gone": N_("{finding}: gone"),
    "glance_checks_hint": N_("netcheck history --checks lists the availability of every check."),
}
