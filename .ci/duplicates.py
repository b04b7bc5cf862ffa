"""Gate: pylint's duplicate-code check over netcheck/ (6+ similar lines), less the pairs listed with a
reason in .ci/duplicates-allowed (one `file_a file_b  # why` per line, paths relative to netcheck/)."""

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
cmd = [sys.executable, "-m", "pylint", "--disable=all", "--enable=duplicate-code", "--min-similarity-lines=6"]
cmd += ["--ignore-imports=yes", "--ignore-signatures=yes", "--score=no", "netcheck"]
out = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent).stdout
pairs = [tuple(sorted(re.findall(r"==([\w.]+):\[", block))) for block in out.split("Similar lines")[1:]]
allowed_file = HERE / "duplicates-allowed"
allowed = {tuple(sorted(line.split("#")[0].split()[:2])) for line in allowed_file.read_text().splitlines() if line.split("#")[0].strip()} if allowed_file.exists() else set()
bad = [p for p in pairs if p not in allowed]
for p in bad:
    print("  repeated code:", " ~ ".join(p))
print(f"duplicates: {len(bad)} pair(s) of repeated code ({len(pairs) - len(bad)} allowed on purpose)")
sys.exit(1 if bad else 0)
