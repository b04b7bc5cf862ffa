"""Exceptions netcheck raises on purpose. Network failures are never exceptions: they are Outcomes.

NetcheckError
└── ConfigError     bad host list or option value: exit code 3, message names file, line, key
"""

from __future__ import annotations


class NetcheckError(Exception):
    pass


class ConfigError(NetcheckError):
    def __init__(self, file: str, message: str, line: int | None = None, key: str = "") -> None:
        self.file, self.line, self.key, self.message = file, line, key, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.key}: " if self.key else ""
        return f"{where}: {what}{self.message}"
