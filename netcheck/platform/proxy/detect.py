"""The one entry point: environment first, then this OS's or desktop's settings."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from netcheck.platform.proxy.desktop import parse_gsettings, parse_kioslaverc, parse_scutil
from netcheck.platform.proxy.env import from_env
from netcheck.platform.proxy.model import ProxyConfig
from netcheck.platform.proxy.windows import read_windows

Run = Callable[[list[str]], str]


def _run(argv: list[str]) -> str:
    """A settings tool's output, or '' when it is missing, slow or fails: detection is best effort."""
    if not shutil.which(argv[0]):
        return ""
    try:
        cp = subprocess.run(argv, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return cp.stdout if cp.returncode == 0 else ""


def detect(environ: Mapping[str, str], os_name: str, run: Run = _run, home: Path | None = None) -> ProxyConfig:
    """Environment first (what command-line tools use), then the desktop/OS settings."""
    cfg = from_env(environ)
    try:
        cfg = cfg.merged(_os_settings(environ, os_name, run, home))
    except Exception:  # a broken desktop setting must not stop the network check
        pass
    return cfg


def _os_settings(environ: Mapping[str, str], os_name: str, run: Run, home: Path | None) -> ProxyConfig:
    if os_name == "windows":
        return read_windows()
    if os_name == "darwin":
        return parse_scutil(run(["scutil", "--proxy"]))
    desktop = environ.get("XDG_CURRENT_DESKTOP", "").upper()
    if "GNOME" in desktop or "UNITY" in desktop or "CINNAMON" in desktop:
        return parse_gsettings(lambda schema, key: run(["gsettings", "get", schema, key]))
    if "KDE" in desktop:
        rc = (home or Path.home()) / ".config" / "kioslaverc"
        return parse_kioslaverc(rc.read_text(errors="replace")) if rc.is_file() else ProxyConfig()
    return ProxyConfig()
