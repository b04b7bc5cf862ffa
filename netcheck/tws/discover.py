"""Find TWS / IB Gateway installations and jts.ini below the given folders (file I/O only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netcheck.tws import jtsini, vmoptions

VMOPTIONS = {"tws.vmoptions": "tws", "ibgateway.vmoptions": "gateway"}
MAX_BYTES = 256_000  # vmoptions and jts.ini are a few KB; anything bigger is not theirs
MAX_DEPTH = 2  # ~/Jts/ibgateway/1019/ibgateway.vmoptions is two levels below ~/Jts


@dataclass(frozen=True)
class Installation:
    kind: str  # "tws" | "gateway"
    folder: str
    vmoptions_path: str
    options: vmoptions.VmOptions
    jvm_bits: int | None = None  # from the bundled JRE's `release` file


@dataclass(frozen=True)
class Settings:
    path: str
    ini: jtsini.JtsIni


def installations(roots: list[str] | tuple[str, ...]) -> list[Installation]:
    found: dict[str, Installation] = {}
    for root in roots:
        for path in _vmoptions_files(Path(root).expanduser()):
            text = _read(path)
            if text is not None and str(path) not in found:
                opts = vmoptions.parse(text)
                found[str(path)] = Installation(
                    VMOPTIONS[path.name], str(path.parent), str(path), opts, _jvm_bits(path.parent, opts)
                )
    return list(found.values())


def settings(roots: list[str] | tuple[str, ...]) -> Settings | None:
    """The jts.ini that names a server; the newest one when several folders have one."""
    candidates = []
    for root in roots:
        base = Path(root).expanduser()
        for path in (base / "jts.ini", *_children(base, "jts.ini")):
            text = _read(path)
            if text is not None:
                candidates.append((_mtime(path), str(path), jtsini.parse(text)))
    with_peer = [c for c in candidates if c[2].peer_host] or candidates
    if not with_peer:
        return None
    _, newest, ini = max(with_peer, key=lambda c: c[0])
    return Settings(newest, ini)


def _vmoptions_files(root: Path) -> list[Path]:
    out: list[Path] = []
    level = [root]
    for _ in range(MAX_DEPTH + 1):
        out += [d / name for d in level for name in VMOPTIONS if (d / name).is_file()]
        level = [c for d in level for c in _subdirs(d)]
    return out


def _subdirs(d: Path) -> list[Path]:
    try:
        return sorted(c for c in d.iterdir() if c.is_dir() and not c.name.startswith("."))[:200]
    except OSError:
        return []


def _children(base: Path, name: str) -> list[Path]:
    return [d / name for d in _subdirs(base)]


def _jvm_bits(folder: Path, opts: vmoptions.VmOptions) -> int | None:
    """install4j records the JRE it installed in .install4j/inst_jre.cfg; its `release` names the arch."""
    if opts.d32:
        return 32
    jres = [folder / "jre"]
    cfg = _read(folder / ".install4j" / "inst_jre.cfg")
    if cfg and cfg.strip():
        jres.insert(0, Path(cfg.strip().splitlines()[0].strip()))
    for jre in jres:
        text = _read(jre / "release")
        if text is not None:
            return release_bits(text)
    return None


def release_bits(text: str) -> int | None:
    for line in text.splitlines():
        if line.startswith("OS_ARCH="):
            arch = line.partition("=")[2].strip().strip('"').lower()
            return 32 if arch in ("i386", "i586", "i686", "x86", "arm", "armv7l") else 64
    return None


def _read(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
