"""The TWS install as IBKR's FAQ asks about it: writable folders, offline or auto-updating and which
version, and (macOS) the download quarantine mark Gatekeeper looks at. Same handler signature as machine.py."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netcheck.model import Check, Outcome, Reason, Status
from netcheck.probes.base import ProbeContext, failed, outcome
from netcheck.tws import discover

QUARANTINE = "com.apple.quarantine"
_VERSIONED = re.compile(r"^(?:(?:trader workstation|ib gateway)\s+)?(\d+)(?:\.(\d+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Identity:
    """Who runs TWS; uid None on Windows, where ACLs decide and only the OS can answer."""

    uid: int | None
    gids: frozenset[int] = frozenset()


def current_identity() -> Identity:
    if not hasattr(os, "geteuid"):
        return Identity(None)
    return Identity(os.geteuid(), frozenset({os.getegid(), *os.getgroups()}))


def writable(path: str, who: Identity) -> bool:
    """By the mode bits for `who` (so a test can ask for another user); POSIX ACLs are not read."""
    if who.uid is None:
        return os.access(path, os.W_OK)
    if who.uid == 0:
        return True
    st = os.stat(path)
    if st.st_uid == who.uid:
        return bool(st.st_mode & stat.S_IWUSR)
    if st.st_gid in who.gids:
        return bool(st.st_mode & stat.S_IWGRP)
    return bool(st.st_mode & stat.S_IWOTH)


def tws_folders(dirs: Iterable[str]) -> list[str]:
    """Program folders of every install, and the settings folder that holds jts.ini."""
    found = {i.folder for i in discover.installations(tuple(dirs))}
    settings = discover.settings(tuple(dirs))
    if settings:
        found.add(str(Path(settings.path).parent))
    return sorted(found)


def read_only(folders: list[str], who: Identity) -> list[str]:
    return [f for f in folders if os.path.isdir(f) and not writable(f, who)]


def layout(folder: str) -> tuple[str, str | None]:
    """Pure, from the folder name: offline builds live in a folder per version (Jts/1045, "Trader
    Workstation 10.45"); the auto-updating TWS lives directly in Jts. Anything else: unknown."""
    name = Path(folder).name.strip()
    m = _VERSIONED.match(name)
    if m:
        return "offline", version_of(m.group(1), m.group(2))
    return ("auto-updating", None) if name.lower() == "jts" else ("unknown", None)


def version_of(major_or_build: str, minor: str | None) -> str:
    """'1045' -> '10.45' (IBKR's folder names drop the dot), '10', '45' -> '10.45'."""
    if minor is not None:
        return f"{int(major_or_build)}.{minor}"
    digits = major_or_build.lstrip("0") or "0"
    return f"{digits[:-2] or '0'}.{digits[-2:]}" if len(digits) > 2 else digits


def normalise(version: str) -> str:
    """A version as a user or an app vendor writes it ('10.45.1c', '1045', 'TWS 10.45') -> '10.45'."""
    m = re.search(r"(\d+)\.(\d+)", version) or re.search(r"(\d{3,4})", version)
    if not m:
        return version.strip()
    return version_of(m.group(1), m.group(2) if m.lastindex == 2 else None)


def describe(i: discover.Installation) -> dict[str, Any]:
    build, version = layout(i.folder)
    return {"kind": i.kind, "folder": i.folder, "build": build, "version": version, "jvm_bits": i.jvm_bits}


def mismatches(installs: list[dict[str, Any]], wanted: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Pure: each app whose TWS version is not installed here as an offline TWS."""
    have = {d["version"] for d in installs if d["kind"] == "tws" and d["build"] == "offline"}
    shown = ", ".join(f"{d['build']} {d['version'] or ''}".strip() for d in installs if d["kind"] == "tws")
    return [
        {"app": app, "wanted": normalise(v), "installed": shown or "none"}
        for app, v in wanted
        if normalise(v) not in have
    ]


def quarantined(paths: Iterable[str], has_mark: Callable[[str], bool]) -> list[str]:
    """Pure over the injected attribute reader: recorded listings in tests, `xattr` on a Mac."""
    return [p for p in paths if has_mark(p)]


def has_quarantine(path: str) -> bool:
    """macOS has no os.getxattr; /usr/bin/xattr -p exits 0 when the attribute is present."""
    try:
        done = subprocess.run(["xattr", "-p", QUARANTINE, path], capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def mac_candidates(folders: list[str], home: str) -> list[str]:
    """The TWS / Gateway folders, the .app bundles in them, and installers left in Downloads."""
    out = list(folders)
    for f in folders:
        out += sorted(str(p) for p in Path(f).glob("*.app"))
    downloads = Path(home) / "Downloads"
    for pattern in ("tws-*.dmg", "ibgateway-*.dmg"):
        out += sorted(str(p) for p in downloads.glob(pattern))
    return out


def _dirs(check: Check) -> tuple[str, ...]:
    return tuple(check.params.get("tws_dirs", ()))


def _not_found(check: Check, ctx: ProbeContext, started: float) -> Outcome:
    why = "no TWS or IB Gateway folder found in " + ", ".join(_dirs(check))
    return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx, why=why)


def _writable(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    folders = tws_folders(_dirs(check))
    if not folders:
        return _not_found(check, ctx, started)
    bad = read_only(folders, current_identity())
    if bad:
        return failed(check, Reason.MISCONFIGURED, started, ctx, read_only=bad, folders=folders)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, folders=folders)


def _version(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    installs = [describe(i) for i in discover.installations(_dirs(check))]
    if not installs:
        return _not_found(check, ctx, started)
    wanted = [tuple(w) for w in check.params.get("tws_version_for", ())]
    bad = mismatches(installs, wanted)
    if bad:
        return failed(check, Reason.MISCONFIGURED, started, ctx, installations=installs, mismatches=bad)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, installations=installs)


def _quarantine(check: Check, ctx: ProbeContext) -> Outcome:
    started = ctx.clock()
    if ctx.platform.name != "darwin":
        return outcome(check, Status.SKIP, Reason.NOT_APPLICABLE, started, ctx, why="Gatekeeper is macOS only")
    paths = mac_candidates(tws_folders(_dirs(check)), str(Path.home()))
    marked = quarantined(paths, has_quarantine)
    if marked:
        return failed(check, Reason.MISCONFIGURED, started, ctx, quarantined=marked, checked=paths)
    return outcome(check, Status.PASS, Reason.OK, started, ctx, checked=paths)


HANDLERS: dict[str, Callable[[Check, ProbeContext], Outcome]] = {
    "tws-writable": _writable,
    "tws-version": _version,
    "tws-quarantine": _quarantine,
}
