"""Find the line of a table or key again: tomllib parses without positions."""

from __future__ import annotations

import re


def locate(text: str, table: str, index: int, field: str) -> int | None:
    """The 1-based line of `field` inside the `index`-th [table] / [[table]] (or of the header)."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if table:
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
        hits = [i for i, ln in enumerate(lines) if header.match(ln)]
        if index >= 0 and index < len(hits):
            start = hits[index]
        elif hits:
            start = hits[0]
        elif not field:
            return None
        nxt = [i for i, ln in enumerate(lines) if i > start and re.match(r"^\s*\[", ln)]
        end = nxt[0] if nxt else len(lines)
        if not field:
            return start + 1
    if field:
        pat = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for i in range(start, end):
            if pat.match(lines[i]):
                return i + 1
    return start + 1 if table else None
