"""Live progress on stderr while probes run; only on a terminal, erased before the report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, TextIO

from netcheck.model import Outcome


@dataclass
class Progress:
    stream: TextIO
    last: float = 0.0
    shown: bool = False

    @classmethod
    def for_stream(cls, stream: TextIO) -> Progress | None:
        return cls(stream) if stream.isatty() else None

    def update(self, outcome: Outcome, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last, self.shown = now, True
        self.stream.write(f"\r\033[Kchecking… {done}/{total}  {outcome.check.target[:60]}")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


__all__: list[Any] = ["Progress"]
