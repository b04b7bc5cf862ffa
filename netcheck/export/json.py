"""JSON: the allow-list by name for scripts and configuration management (schema netcheck/allow/v1)."""

from __future__ import annotations

import json

from netcheck.export.base import ExportOptions, addresses_of
from netcheck.model import HostList

SCHEMA = "netcheck/allow/v1"


def render(hl: HostList, opts: ExportOptions) -> str:
    rules = [
        {
            "host": h.name,
            "port": p,
            "protocol": "tcp",
            "purpose": h.purpose,
            "region": h.region or None,
            "required": h.required,
            "addresses": list(addresses_of(h, opts, 4) + addresses_of(h, opts, 6)),
        }
        for h in hl.hosts
        for p in h.ports
    ]
    doc = {"schema": SCHEMA, "sources": list(hl.sources), "resolved": opts.addresses is not None, "rules": rules}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
