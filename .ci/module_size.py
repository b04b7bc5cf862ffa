"""Gate: every module below netcheck/ has at most LIMIT lines (the style's small files)."""

import sys
from pathlib import Path

LIMIT = 200
root = Path(__file__).resolve().parent.parent / "netcheck"
big = sorted((n, p) for p in root.rglob("*.py") if (n := len(p.read_text().splitlines())) > LIMIT)
for n, p in big:
    print(f"  {p.relative_to(root.parent)}: {n} lines (limit {LIMIT})")
print(f"module size: {len(big)} module(s) over {LIMIT} lines")
sys.exit(1 if big else 0)
