"""Write a file atomically, so a collector never reads half of it (netcheck.cli.run decides where output goes)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Temp file in the same directory (same filesystem), fsync, then os.replace: readers see old or new, never half."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        _replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(directory)


def _replace(tmp: str, target: Path, attempts: int = 20) -> None:
    """On Windows a reader holding the target open makes os.replace fail for a moment; POSIX never does."""
    for i in range(attempts):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if i == attempts - 1:
                raise
            time.sleep(0.05)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 minus umask (mkstemp makes 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    """Makes the rename itself durable on POSIX; Windows cannot open directories, which is fine there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
