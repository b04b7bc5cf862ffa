"""Render the effective host list for `netcheck hosts`."""

from __future__ import annotations

import json

from netcheck.model import HostList


def render_hosts(hl: HostList, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_as_dict(hl), indent=2) + "\n"
    lines = [f"# from: {', '.join(hl.sources)}"]
    for h in hl.hosts:
        ports = ",".join(map(str, h.ports))
        need = "required" if h.required else "optional"
        lines.append(f"{h.name:34} {ports:10} {h.region or '-':16} {need:9} {h.purpose}")
    lines += [f"reachability: {r.url} (expect {r.expect_status})" for r in hl.reachability]
    lines.append(f"public resolvers: {', '.join(hl.public_dns) or '-'}")
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
            }
            for h in hl.hosts
        ],
        "reachability": [
            {"url": r.url, "expect_status": r.expect_status, "expect_body": r.expect_body or None}
            for r in hl.reachability
        ],
        "public_dns": list(hl.public_dns),
    }
