"""Accept-and-close TCP listener for the scale benchmark (run inside its namespace). No repo imports."""

from __future__ import annotations

import selectors
import socket
import sys


def main(first: int, count: int, ready: str) -> None:
    sel = selectors.DefaultSelector()
    for port in range(first, first + count):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", port))
        s.listen(4096)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    open(ready, "w").close()
    while True:
        for key, _ in sel.select():
            try:
                conn, _ = key.fileobj.accept()  # type: ignore[union-attr]
                conn.close()
            except OSError:
                pass


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
