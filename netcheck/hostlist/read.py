"""Read one host-list file safely (bounded, regular files only, UTF-8) and parse its TOML."""

from __future__ import annotations

import codecs
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from netcheck.errors import ConfigError

MAX_FILE_BYTES = 1_000_000


def parse(path: Path) -> tuple[str, dict[str, Any]]:
    """(text, document): the text too, because tomllib loses positions and errors must name lines."""
    text = read(path)
    name = str(path)
    try:
        return text, tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nesting level; thousands of [[[ exhaust the stack
        raise ConfigError(name, "invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        if line is None and "end of document" in str(exc):
            line = text.count("\n") + 1  # the error is where the file ends
        raise ConfigError(name, f"invalid TOML: {_strip_position(str(exc))}", line=line) from None


def read(path: Path) -> str:
    name = str(path)
    try:
        st = path.stat()
        _check_file_type(name, st.st_mode, st.st_size)
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # bounded: the file may grow between stat and read
    except FileNotFoundError:
        raise ConfigError(name, "file not found") from None
    except PermissionError:
        raise ConfigError(name, "permission denied") from None
    except OSError as exc:
        raise ConfigError(name, f"cannot read: {exc.strerror or exc}") from None
    _check_file_type(name, stat.S_IFREG, len(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ConfigError(name, "is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)")
    if b"\x00" in data:
        raise ConfigError(name, "binary data (NUL byte), expected a TOML text file")
    data = data.removeprefix(codecs.BOM_UTF8)  # Windows editors prepend a byte-order mark; it is not content
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(name, "not valid UTF-8 text", line=line) from None


def _check_file_type(name: str, mode: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise ConfigError(name, "is a directory, expected a TOML file")
    if not stat.S_ISREG(mode):  # reading a FIFO without a writer blocks forever; a device may never end
        raise ConfigError(name, "is not a regular file (a pipe or device?); save the host list to a file")
    if size > MAX_FILE_BYTES:
        raise ConfigError(name, f"file is larger than the limit of {MAX_FILE_BYTES} bytes")


def _line_from_message(msg: str) -> int | None:
    m = re.search(r"line (\d+)", msg)
    return int(m.group(1)) if m else None


# tomllib's wording for the mistakes people make most, in plain words
_TOML_HINTS = {
    "Illegal character '\\n'": 'a string is not closed on this line (a " is missing)',
    "Cannot overwrite a value": "a key or table is defined twice",
    "Invalid statement": "expected `key = value` or a [table] header",
}


def _strip_position(msg: str) -> str:
    msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) or msg
    return _TOML_HINTS.get(msg, msg)
