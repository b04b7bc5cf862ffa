"""CSV: one row per host and port, by name (a spreadsheet or a firewall vendor's import)."""

from __future__ import annotations

import csv
import io

from netcheck.export.base import ExportOptions, addresses_of
from netcheck.model import HostList

COLUMNS = ("host", "port", "protocol", "purpose", "region", "required", "addresses")


def render(hl: HostList, opts: ExportOptions) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for h in hl.hosts:
        addrs = " ".join(addresses_of(h, opts, 4) + addresses_of(h, opts, 6))
        for p in h.ports:
            w.writerow((h.name, p, "tcp", h.purpose, h.region, "yes" if h.required else "no", addrs))
    return buf.getvalue()
