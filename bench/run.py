"""netcheck's benchmark: one command, one table. Run as root (namespaces): sudo python3 bench/run.py

Measures, on this machine, medians of --runs runs: (1-3) netcheck against nmap -sT -Pn in the
namespace lab (healthy, dropped 4000/4001, a 300 ms / 5 % lossy link) and a sequential connect
loop; (4) scale from 10 to 10,000 endpoints and under `ulimit -n 256`; (5) start-up time.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import lab_bench, scale  # noqa: E402
from bench.measure import measure, median  # noqa: E402


def startup(runs: int) -> list[tuple[str, float, float]]:
    """(command, median wall, median CPU) of the start-up commands."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = []
    for args in (["--version"], ["run", "--help"]):
        samples = [measure([sys.executable, "-m", "netcheck", *args], env=env) for _ in range(runs)]
        out.append((f"netcheck {' '.join(args)}", median([s.wall for s in samples]), median([s.cpu for s in samples])))
    return out


def machine() -> str:
    mem = ""
    try:
        kb = int(next(ln for ln in open("/proc/meminfo") if ln.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return (
        f"{os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {_nmap_version()}"
    )


def _nmap_version() -> str:
    import subprocess

    try:
        return subprocess.run(["nmap", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "nmap not found"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--sizes", default="10,100,1000,10000")
    p.add_argument("--skip-lab", action="store_true")
    p.add_argument("--skip-scale", action="store_true")
    p.add_argument(
        "--scenarios",
        default="",
        help="lab scenarios to run, by the start of their name, comma-separated (e.g. healthy); default all",
    )
    a = p.parse_args()
    if os.geteuid() != 0:
        print("bench needs root (network namespaces): sudo python3 bench/run.py", file=sys.stderr)
        return 2
    print(f"Machine: {machine()}\nMedians of {a.runs} runs.\n")
    print("| start-up | wall | CPU |\n|---|---|---|")
    for name, wall, cpu in startup(max(a.runs, 10)):
        print(f"| `{name}` | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms |")
    if not a.skip_lab:
        print(
            "\n| lab scenario | netcheck wall | netcheck CPU | nmap -sT -Pn wall | nmap CPU | netcheck / nmap (wall) "
            "| sequential loop | right verdict |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for r in lab_bench.run_all(a.runs, [x for x in a.scenarios.split(",") if x]):
            loop = f"{r.seqloop:.2f} s" if r.seqloop is not None else "-"
            print(
                f"| {r.scenario} | {r.netcheck:.2f} s | {r.netcheck_cpu:.2f} s | {r.nmap:.2f} s | {r.nmap_cpu:.2f} s "
                f"| {r.netcheck / r.nmap:.2f} | {loop} | {r.verdict_ok} |",
                flush=True,
            )
    if not a.skip_scale:
        print("\n| endpoints | wall | CPU | CPU per endpoint | peak RSS | wrong verdicts | local errors |")
        print("|---|---|---|---|---|---|---|")
        for s in scale.run_all([int(x) for x in a.sizes.split(",")], a.runs):
            label = f"{s.endpoints:,}" + (f" (ulimit -n {s.ulimit})" if s.ulimit else "")
            print(
                f"| {label} | {s.wall:.2f} s | {s.cpu:.2f} s | {s.cpu_ms_per_endpoint:.2f} ms | {s.rss_mb:.0f} MB "
                f"| {s.wrong} | {s.errors} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
