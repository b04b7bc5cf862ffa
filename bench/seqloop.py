"""The baseline: a plain sequential connect loop over host:port pairs (argv: timeout addr:port ...)."""

from __future__ import annotations

import socket
import sys


def main() -> None:
    timeout, targets = float(sys.argv[1]), sys.argv[2:]
    ok = 0
    for t in targets:
        addr, _, port = t.rpartition(":")
        try:
            socket.create_connection((addr.strip("[]"), int(port)), timeout=timeout).close()
            ok += 1
        except OSError:
            pass
    print(f"{ok}/{len(targets)} open")


if __name__ == "__main__":
    main()
