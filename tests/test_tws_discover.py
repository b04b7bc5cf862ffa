"""Finding installations and jts.ini in fake TWS folders laid out as each OS installs them."""

from __future__ import annotations

import os
from pathlib import Path

from netcheck.tws import discover


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_linux_layout_tws_and_gateway(tmp_path: Path) -> None:
    jts = tmp_path / "Jts"
    write(jts / "1019" / "tws.vmoptions", "-Xmx4096m\n### keep on update\n")
    write(jts / "ibgateway" / "1019" / "ibgateway.vmoptions", "-Xmx768m\n")
    found = {i.kind: i for i in discover.installations([str(jts)])}
    assert found["tws"].options.xmx_mb == 4096 and found["tws"].folder == str(jts / "1019")
    assert found["gateway"].options.xmx_mb == 768


def test_macos_and_windows_flat_layouts(tmp_path: Path) -> None:
    apps = tmp_path / "Applications"
    write(apps / "Trader Workstation 10.30" / "tws.vmoptions", "-Xmx2g\n")
    flat = tmp_path / "Jts"  # C:\Jts with tws.exe: the auto-updating install keeps vmoptions at the top
    write(flat / "tws.vmoptions", "-Xmx1024m\n")
    found = discover.installations([str(apps), str(flat), str(flat)])  # a folder named twice counts once
    assert sorted(i.options.xmx_mb for i in found) == [1024, 2048]


def test_missing_and_unreadable_folders_are_not_errors(tmp_path: Path) -> None:
    assert discover.installations([str(tmp_path / "nope"), str(tmp_path)]) == []
    assert discover.settings([str(tmp_path / "nope")]) is None


def test_too_deep_or_too_big_is_ignored(tmp_path: Path) -> None:
    write(tmp_path / "a" / "b" / "c" / "tws.vmoptions", "-Xmx1g\n")
    write(tmp_path / "tws.vmoptions", "x" * (discover.MAX_BYTES + 1))
    assert discover.installations([str(tmp_path)]) == []


def test_jvm_bits_from_install4j_record(tmp_path: Path) -> None:
    jre = tmp_path / "i4j_jres" / "tws-jre"
    write(jre / "release", 'JAVA_VERSION="1.8.0_202"\nOS_NAME="Windows"\nOS_ARCH="i586"\n')
    inst = tmp_path / "Jts" / "972"
    write(inst / "tws.vmoptions", "-Xmx3000m\n")
    write(inst / ".install4j" / "inst_jre.cfg", f"{jre}\n")
    (found,) = discover.installations([str(tmp_path / "Jts")])
    assert found.jvm_bits == 32
    assert discover.release_bits('OS_ARCH="amd64"\n') == 64
    assert discover.release_bits("nothing\n") is None


def test_newest_jts_ini_with_a_peer_wins(tmp_path: Path) -> None:
    old = write(tmp_path / "a" / "jts.ini", "[Logon]\nPeer=ndc1.ibllc.com:4001\n")
    new = write(tmp_path / "b" / "jts.ini", "[Logon]\nPeer=zdc1.ibllc.com:4001\n")
    write(tmp_path / "c" / "jts.ini", "[Logon]\nLocale=en\n")  # newest, but names no server
    os.utime(old, (1, 1))
    found = discover.settings([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c")])
    assert found is not None and found.ini.peer_host == "zdc1.ibllc.com" and found.path == str(new)


def test_jts_ini_one_level_down(tmp_path: Path) -> None:
    write(tmp_path / "Jts" / "jts.ini", "[Logon]\nPeer=hdc1.ibllc.com:4001\n")
    found = discover.settings([str(tmp_path)])
    assert found is not None and found.ini.peer_host == "hdc1.ibllc.com"
