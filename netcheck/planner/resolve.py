"""Which addresses a host's connects go to, from its DNS outcomes (pure)."""

from __future__ import annotations

from netcheck.model import Kind, Outcome, Status


def addresses_for_connect(outs: list[Outcome]) -> tuple[list[str], str]:
    """The system answer is what TWS uses. When it fails, test the addresses an independent
    resolver gives, so a DNS fault is not mistaken for blocked servers. Returns (addresses,
    who resolved them); no addresses when every path failed."""
    by_path = {("system" if o.check.params.get("path") == "system" else o.check.kind.value): o for o in outs}
    for key, label in (("system", "system"), ("dns", "configured resolver")):
        o = by_path.get(key)
        if o and o.status is Status.PASS:
            return list(o.detail.get("addresses", [])), label
    for o in outs:
        if o.check.kind is Kind.DNS_CROSS and o.status is Status.PASS:
            return list(o.detail.get("addresses", [])), f"independent resolver {o.check.server}"
    return [], ""
