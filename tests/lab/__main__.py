"""Manual use of the lab: ``python -m tests.lab up|down|shell|netcheck|set ...`` (as root).

python -m tests.lab up                 build it and leave it running
python -m tests.lab shell              a shell inside the client namespace
python -m tests.lab netcheck -- --timeout 1 --deadline 8
python -m tests.lab set ports reset    turn a knob (see ``set --help``), ``set healthy`` to undo
python -m tests.lab down               remove namespaces, processes and /etc/netns dirs
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .addressing import CLIENT_NS, DEFAULT_HOST_LIST
from .lab import LOCK_PATH, Lab

KNOBS = {
    "healthy": lambda lab, a: lab.reset(),
    "ports": lambda lab, a: lab.block_ports([4000, 4001], a[0] if a else "drop"),
    "drop-all": lambda lab, a: lab.drop_all_beyond_router(),
    "block-host": lambda lab, a: lab.block_host(*a),
    "blackhole-ipv6": lambda lab, a: lab.blackhole_ipv6(),
    "dns": lambda lab, a: lab.dns(a[0]),
    "captive": lambda lab, a: lab.captive_portal(not a or a[0] != "off"),
    "impair": lambda lab, a: lab.impair(float(a[0]), float(a[1]) if len(a) > 1 else 0.0) if a else lab.impair(None),
    "skew": lambda lab, a: lab.set_clock_skew(float(a[0])),
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.lab", description=__doc__.splitlines()[0])
    p.add_argument("--hosts", type=Path, default=DEFAULT_HOST_LIST, help="host-list TOML the lab serves")
    p.add_argument("command", choices=["up", "down", "shell", "netcheck", "set"])
    p.add_argument("args", nargs="*", help="for set: KNOB [ARG...], knobs: " + ", ".join(KNOBS))
    a = p.parse_args(argv)
    lab = Lab(a.hosts)
    if a.command != "up" and Lab.in_use():  # never turn knobs on, or tear down, a pytest session's lab
        print(f"the lab is in use by another session (lock {LOCK_PATH}); try again when it ends", file=sys.stderr)
        return 1
    if a.command == "up":
        lab.up()
        print(
            f"lab is up; CA {lab.ca_pem_path}; proxy {lab.proxy_url}; resolver {lab.local_dns}, "
            f"public {lab.public_dns}\nshell:    python -m tests.lab shell\n"
            f"netcheck: python -m tests.lab netcheck -- --timeout 1 --deadline 8\n"
            f"down:     python -m tests.lab down"
        )
        return 0
    if a.command == "down":
        lab.lock(wait=0)
        lab.down()
        return 0
    if a.command == "shell":
        env = lab.client_env()
        env["PS1"] = f"({CLIENT_NS}) \\w# "
        os.execvpe("ip", ["ip", "netns", "exec", CLIENT_NS, "bash", "--norc", "-i"], env)
    if a.command == "netcheck":
        os.chdir(Path(__file__).resolve().parents[2])
        argv_ = lab.netcheck_argv(*a.args)
        os.execvpe("ip", ["ip", "netns", "exec", CLIENT_NS, *argv_], lab.client_env())
    if not a.args or a.args[0] not in KNOBS:
        p.error(f"set needs one of: {', '.join(KNOBS)}")
    KNOBS[a.args[0]](lab, a.args[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
