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
    text: str = "checking… {done}/{total}"  # translated by the caller (messages label "progress")

    @classmethod
    def for_stream(cls, stream: TextIO, text: str = "") -> Progress | None:
        if not stream.isatty():
            return None
        return cls(stream, text=text) if text else cls(stream)

    def update(self, outcome: Outcome, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last, self.shown = now, True
        line = self.text.replace("{done}", str(done)).replace("{total}", str(total))
        self.stream.write(f"\r\033[K{line}  {outcome.check.target[:60]}")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


__all__: list[Any] = ["Progress"]
