"""Which language the user reads: --lang, else the POSIX locale variables, else the Windows UI language."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

SUPPORTED = ("en", "de")
DEFAULT = "en"
# GNU gettext's order of precedence; LANGUAGE may list several languages separated by colons.
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Primary language ids of Windows LANGIDs (winnt.h LANG_*): the low 10 bits of the LANGID.
_WINDOWS_PRIMARY = {0x07: "de", 0x09: "en"}


def normalize(value: str | None) -> str | None:
    """'de_DE.UTF-8@euro' -> 'de'; unsupported languages and the C/POSIX locale -> None."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED else None


def from_env(env: Mapping[str, str]) -> str | None:
    """The first supported language of the first locale variable that is set (pure)."""
    for var in _ENV_ORDER:
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":") if var == "LANGUAGE" else (value,):
            lang = normalize(part)
            if lang:
                return lang
        if var != "LANGUAGE":
            return None  # the winning variable names an unsupported language or C/POSIX: English
    return None


def from_windows_langid(langid: int) -> str | None:
    return _WINDOWS_PRIMARY.get(langid & 0x3FF)


def windows_ui_language() -> str | None:
    """The Windows display language (GetUserDefaultUILanguage); None elsewhere or on failure."""
    if not sys.platform.startswith("win"):
        return None
    try:
        import ctypes

        kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (windll exists on Windows only; mypy runs on Linux)
        return from_windows_langid(int(kernel32.GetUserDefaultUILanguage()))
    except (AttributeError, OSError, ValueError):
        return None


def system_language(
    env: Mapping[str, str] | None = None,
    windows: Callable[[], str | None] = windows_ui_language,
) -> str:
    """The language netcheck speaks when --lang is not given."""
    env = os.environ if env is None else env
    if any(env.get(v) for v in _ENV_ORDER):
        return from_env(env) or DEFAULT
    return windows() or DEFAULT


def choose(explicit: str | None, env: Mapping[str, str] | None = None) -> str:
    """--lang wins; otherwise the system's language."""
    return normalize(explicit) or system_language(env)
