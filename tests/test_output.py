"""Atomic --output writes: readers see the old or the new file, never half of one."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from netcheck.output import write_atomic


def test_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "netcheck.prom"
    write_atomic(target, "old\n")
    write_atomic(target, "new ✔\n")
    assert target.read_text(encoding="utf-8") == "new ✔\n"
    assert [p.name for p in tmp_path.iterdir()] == ["netcheck.prom"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_new_files_are_world_readable_and_existing_modes_are_kept(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a", "x")  # node_exporter runs as another user and must read it
        assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o644
        os.chmod(tmp_path / "a", 0o600)
        write_atomic(tmp_path / "a", "y")
        assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    write_atomic(target, "good")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_atomic(target, "half")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_concurrent_reader_never_sees_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    versions = [(chr(ord("a") + i) * 200_000) for i in range(6)]
    write_atomic(target, versions[0])
    seen: set[str] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(target.read_text())

    reader = threading.Thread(target=read)
    reader.start()
    for v in versions * 3:
        write_atomic(target, v)
    done.set()
    reader.join()
    assert seen <= set(versions)


def test_missing_directory_is_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "nope" / "f", "x")


def test_replace_retries_while_a_reader_holds_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real, calls = os.replace, []

    def busy_twice(src: str, dst: Path) -> None:  # what Windows does while a collector has the file open
        calls.append(src)
        if len(calls) < 3:
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)

    monkeypatch.setattr(os, "replace", busy_twice)
    write_atomic(tmp_path / "m.prom", "x 1\n")
    assert len(calls) == 3 and (tmp_path / "m.prom").read_text() == "x 1\n"
