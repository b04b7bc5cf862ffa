"""Render the effective host list for `netcheck hosts`."""

from __future__ import annotations

import json

from netcheck.messages import Translator, label, translator
from netcheck.model import HostList


def render_hosts(hl: HostList, fmt: str, tr: Translator | None = None) -> str:
    if fmt == "json":
        return json.dumps(_as_dict(hl), indent=2) + "\n"
    tr = tr or translator()
    lines = [label("hosts_from", tr, sources=", ".join(hl.sources))]
    for h in hl.hosts:
        ports = ",".join(map(str, h.ports))
        need = label("hosts_required" if h.required else "hosts_optional", tr)
        lines.append(f"{h.name:34} {ports:10} {h.region or '-':16} {need:9} {h.purpose}")
    lines += [label("hosts_reachability", tr, url=r.url, status=r.expect_status) for r in hl.reachability]
    lines.append(label("hosts_public_dns", tr, servers=", ".join(hl.public_dns) or "-"))
    return "\n".join(lines) + "\n"


def _as_dict(hl: HostList) -> dict[str, object]:
    return {
        "sources": list(hl.sources),
        "hosts": [
            {
                "name": h.name,
                "ports": list(h.ports),
                "purpose": h.purpose,
                "region": h.region or None,
                "required": h.required,
                "role": h.role.value,
                "backup_of": h.backup_of or None,
            }
            for h in hl.hosts
        ],
        "reachability": [
            {"url": r.url, "expect_status": r.expect_status, "expect_body": r.expect_body or None}
            for r in hl.reachability
        ],
        "public_dns": list(hl.public_dns),
    }
