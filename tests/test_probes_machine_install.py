"""The FAQ's install checks against fake TWS folders made here: read-only folders, offline and
auto-updating layouts with their versions, quarantine marks as recorded inputs; and `netcheck run`."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netcheck.model import Check, Reason, Status
from netcheck.planner import checks as plan
from netcheck.platform import Platform
from netcheck.probes import machine, machine_install
from netcheck.probes.base import ProbeContext
from netcheck.probes.machine_install import Identity

CTX = ProbeContext()
REPO = Path(__file__).resolve().parent.parent
NOBODY = Identity(65534, frozenset({65534}))  # a user who owns nothing here


def check(what: str, tws_dirs: tuple[str, ...], wanted: tuple[tuple[str, str], ...] = ()) -> Check:
    return next(c for c in plan.machine_checks(tws_dirs, wanted) if c.params["what"] == what)


def run(c: Check, ctx: ProbeContext = CTX) -> object:
    return asyncio.run(machine.probe(c, ctx))


def offline(root: Path, build: str = "1045", kind: str = "tws") -> Path:
    folder = root / build if kind == "tws" else root / "ibgateway" / build
    (folder / "jars").mkdir(parents=True)
    (folder / f"{'tws' if kind == 'tws' else 'ibgateway'}.vmoptions").write_text("-Xmx2048m\n")
    return folder


def auto_updating(root: Path) -> Path:
    (root / "jars").mkdir(parents=True)
    (root / "tws.vmoptions").write_text("-Xmx1024m\n### keep on update\n")
    return root


def test_layout_and_version_from_the_folder_name() -> None:
    assert machine_install.layout("/home/u/Jts/1045") == ("offline", "10.45")
    assert machine_install.layout("/Users/u/Applications/Trader Workstation 10.30") == ("offline", "10.30")
    assert machine_install.layout("/home/u/Jts/ibgateway/1019") == ("offline", "10.19")
    assert machine_install.layout("/home/u/Jts/972") == ("offline", "9.72")
    assert machine_install.layout("C:/Jts") == ("auto-updating", None)
    assert machine_install.layout("/opt/ibgateway") == ("unknown", None)
    assert [machine_install.normalise(v) for v in ("10.45.1c", "1045", "TWS 10.30", "10.45")] == [
        "10.45",
        "10.45",
        "10.30",
        "10.45",
    ]


def test_version_of_offline_and_auto_updating_installs(tmp_path: Path) -> None:
    jts = auto_updating(tmp_path / "Jts")
    offline(jts, "1030")
    out = run(check("tws-version", (str(jts),)))
    assert out.status is Status.PASS  # type: ignore[attr-defined]
    got = {(d["build"], d["version"]) for d in out.detail["installations"]}  # type: ignore[attr-defined]
    assert got == {("auto-updating", None), ("offline", "10.30")}


def test_an_apps_version_is_compared_with_the_offline_tws(tmp_path: Path) -> None:
    jts = tmp_path / "Jts"
    offline(jts, "1030")
    ok = run(check("tws-version", (str(jts),), (("NinjaTrader", "10.30"),)))
    assert ok.status is Status.PASS  # type: ignore[attr-defined]
    bad = run(check("tws-version", (str(jts),), (("NinjaTrader", "10.19.2a"),)))
    assert bad.status is Status.WARN and bad.reason is Reason.MISCONFIGURED  # type: ignore[attr-defined]
    assert bad.detail["mismatches"] == [  # type: ignore[attr-defined]
        {"app": "NinjaTrader", "wanted": "10.19", "installed": "offline 10.30"}
    ]


def test_only_an_auto_updating_tws_never_matches_an_app(tmp_path: Path) -> None:
    jts = auto_updating(tmp_path / "Jts")
    bad = run(check("tws-version", (str(jts),), (("NinjaTrader", "10.30"),)))
    assert bad.detail["mismatches"][0]["installed"] == "auto-updating"  # type: ignore[attr-defined]


def test_read_only_folder_is_named_for_a_user_who_may_not_write(tmp_path: Path) -> None:
    jts = tmp_path / "Jts"
    folder = offline(jts, "1045")
    (jts / "jts.ini").write_text("[Logon]\nLocale=en\n")
    folders = machine_install.tws_folders((str(jts),))
    assert folders == sorted([str(jts), str(folder)])
    os.chmod(jts, 0o777)  # the settings folder: anyone may write
    os.chmod(folder, 0o555)  # the program folder: nobody but root
    try:
        assert machine_install.read_only(folders, NOBODY) == [str(folder)]
        assert machine_install.read_only(folders, Identity(0)) == []  # root writes anywhere
    finally:
        os.chmod(folder, 0o755)
    assert machine_install.read_only(folders, NOBODY) == [str(folder)]  # 755 of another owner: still not


def test_the_owner_and_the_group_are_judged_by_their_own_bits(tmp_path: Path) -> None:
    folder = offline(tmp_path / "Jts", "1045")
    st = os.stat(folder)
    owner, group = Identity(st.st_uid if st.st_uid else 4242), Identity(4343, frozenset({st.st_gid}))
    if st.st_uid == 0:  # as root in CI: give the folder to a plain user so the owner bits decide
        os.chown(folder, 4242, st.st_gid)
    os.chmod(folder, 0o575)  # owner may not write, group may
    try:
        assert machine_install.read_only([str(folder)], owner) == [str(folder)]
        assert machine_install.read_only([str(folder)], group) == []
    finally:
        os.chmod(folder, 0o755)


def test_writable_check_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = offline(tmp_path / "Jts", "1045")
    assert run(check("tws-writable", (str(tmp_path / "Jts"),))).status is Status.PASS  # type: ignore[attr-defined]
    monkeypatch.setattr(machine_install, "current_identity", lambda: NOBODY)
    os.chmod(folder, 0o555)
    try:
        out = run(check("tws-writable", (str(tmp_path / "Jts"),)))
    finally:
        os.chmod(folder, 0o755)
    assert out.reason is Reason.MISCONFIGURED and out.detail["read_only"] == [str(folder)]  # type: ignore[attr-defined]


def test_no_tws_is_not_applicable(tmp_path: Path) -> None:
    for what in ("tws-writable", "tws-version"):
        assert run(check(what, (str(tmp_path),))).reason is Reason.NOT_APPLICABLE  # type: ignore[attr-defined]


def test_quarantine_from_recorded_attribute_listings(tmp_path: Path) -> None:
    # `xattr -l` as recorded on a Mac: the app bundle still carries the download mark, the folder does not.
    recorded = {
        "/Users/u/Applications/Trader Workstation 10.30": [],
        "/Users/u/Applications/Trader Workstation 10.30/Trader Workstation 10.30.app": [
            "com.apple.quarantine",
            "com.apple.provenance",
        ],
        "/Users/u/Downloads/tws-stable-macos-x64.dmg": ["com.apple.quarantine"],
    }
    marked = machine_install.quarantined(recorded, lambda p: machine_install.QUARANTINE in recorded[p])
    assert marked == [
        "/Users/u/Applications/Trader Workstation 10.30/Trader Workstation 10.30.app",
        "/Users/u/Downloads/tws-stable-macos-x64.dmg",
    ]


def test_quarantine_check_on_a_mac_and_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_dir = tmp_path / "Applications" / "Trader Workstation 10.30"
    app_dir.mkdir(parents=True)
    (app_dir / "tws.vmoptions").write_text("-Xmx2048m\n")
    (app_dir / "Trader Workstation 10.30.app").mkdir()
    c = check("tws-quarantine", (str(tmp_path / "Applications"),))
    assert run(c).reason is Reason.NOT_APPLICABLE  # type: ignore[attr-defined]
    monkeypatch.setattr(machine_install, "has_quarantine", lambda p: p.endswith(".app"))
    out = run(c, ProbeContext(platform=Platform("darwin")))
    assert out.detail["quarantined"] == [str(app_dir / "Trader Workstation 10.30.app")]  # type: ignore[attr-defined]


def test_has_quarantine_is_false_without_the_tool_or_the_mark(tmp_path: Path) -> None:
    assert machine_install.has_quarantine(str(tmp_path)) is False


def test_cli_names_the_version_mismatch_in_a_fake_folder(tmp_path: Path) -> None:
    offline(tmp_path / "Jts", "1030")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    args = [
        "run",
        "--local-only",
        "--no-history",
        "--format",
        "json",
        "--tws-dir",
        str(tmp_path / "Jts"),
        "--tws-version-for",
        "NinjaTrader=10.19",
    ]
    r = subprocess.run([sys.executable, "-m", "netcheck", *args], capture_output=True, text=True, env=env, timeout=120)
    doc = json.loads(r.stdout)
    found = {f["id"]: f for f in doc["findings"]}
    assert "NinjaTrader (TWS 10.19)" in found["tws-version-mismatch"]["title"]
    assert "offline 10.30" in found["tws-version-mismatch"]["remediation"]
    assert "TWS 10.30 (offline" in found["tws-installed"]["title"]
    bad = subprocess.run(
        [sys.executable, "-m", "netcheck", "run", "--local-only", "--tws-version-for", "Ninja"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2 and "APP=VERSION" in bad.stderr
