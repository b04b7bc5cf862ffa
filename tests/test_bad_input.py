"""Bad host files and option values: an exact message naming file, line and key, exit 3 (2 for options)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netcheck import cli
from netcheck.cli import run as cli_run
from netcheck.hostlist import read as hostfile

DATA = Path(__file__).parent / "data" / "bad_hosts"
# Loopback only: if a bad value were accepted by mistake, the run would still touch nothing real.
SAFE = ["--no-local", "--public-dns", "127.0.0.1", "--deadline", "2"]


def _table() -> list[tuple[str, str]]:
    lines = (DATA / "expected.tsv").read_text().splitlines()
    return [(name, rest) for name, _, rest in (ln.partition("\t") for ln in lines if not ln.startswith("#"))]


TABLE = _table()


@pytest.fixture
def no_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad input must stop netcheck before any probe runs."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("netcheck started probing despite bad input")

    monkeypatch.setattr(cli_run, "execute", refuse)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def assert_config_error(result: Result, path: str, rest: str) -> None:
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit)  # anything else would be a traceback
    assert result.stderr == f"netcheck: error: {path}{rest}\n"
    assert result.stdout == ""


def test_every_data_file_has_an_expected_message() -> None:
    files = {p.name for p in DATA.iterdir() if p.name != "expected.tsv"}
    assert files == {name for name, _ in TABLE}
    assert len(TABLE) >= 30


@pytest.mark.parametrize(("name", "rest"), TABLE, ids=[n for n, _ in TABLE])
@pytest.mark.parametrize("command", ["run", "hosts"])
def test_bad_host_file(no_run: None, command: str, name: str, rest: str) -> None:
    path = str(DATA / name)
    extra = SAFE if command == "run" else []
    assert_config_error(invoke(command, "--hosts", path, *extra), path, rest)


def _make_fifo(d: Path) -> Path:
    os.mkfifo(d / "fifo.toml")
    return d / "fifo.toml"


def _make_huge(d: Path) -> Path:
    p = d / "huge.toml"
    p.write_text("# padding\n" * (hostfile.MAX_FILE_BYTES // 10 + 1))
    return p


GENERATED = [
    ("missing", lambda d: d / "nope.toml", ": file not found"),
    ("under-a-file", lambda d: DATA / "empty.toml" / "x.toml", ": cannot read: Not a directory"),
    ("fifo", _make_fifo, ": is not a regular file (a pipe or device?); save the host list to a file"),
    ("huge", _make_huge, f": file is larger than the limit of {hostfile.MAX_FILE_BYTES} bytes"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types")
@pytest.mark.parametrize(("make", "rest"), [g[1:] for g in GENERATED], ids=[g[0] for g in GENERATED])
def test_generated_bad_files(no_run: None, tmp_path: Path, make, rest: str) -> None:  # type: ignore[no-untyped-def]
    path = str(make(tmp_path))
    assert_config_error(invoke("run", "--hosts", path, *SAFE), path, rest)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_not_read(no_run: None) -> None:
    rest = ": is not a regular file (a pipe or device?); save the host list to a file"
    assert_config_error(invoke("hosts", "--hosts", "/dev/zero"), "/dev/zero", rest)


def test_same_host_in_two_files(no_run: None, tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    for p in (a, b):
        p.write_text('[[host]]\nname = "gw.example.com"\nports = [4001]\n')
    rest = f": host.name: host 'gw.example.com' is also defined in {a}:1"
    assert_config_error(invoke("hosts", "--hosts", str(a), "--hosts", str(b)), f"{b}:1", rest)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unreadable_file() -> None:
    """chmod 000 does not stop root, so the loader runs as nobody in a child process."""
    d = Path(tempfile.mkdtemp(prefix="nch-perm-"))
    try:
        d.chmod(0o755)
        p = d / "secret.toml"
        p.write_text('[[host]]\nname = "a.example.com"\nports = [443]\n')
        p.chmod(0)
        # import first: the interpreter itself may live where nobody cannot read (/root/.pyenv)
        code = "import os, contextlib\nfrom netcheck import cli, hostlist\nimport netcheck.hostlist.view\n"
        code += "with contextlib.suppress(SystemExit):\n    cli.main(['hosts', '--hosts', '/nonexistent'])\n"
        if os.geteuid() == 0:
            code += "os.setgid(65534)\nos.setuid(65534)\n"
        code += f"cli.main(['hosts', '--hosts', {str(p)!r}])\n"
        cp = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd="/")
        assert cp.stderr.startswith("netcheck: error: /nonexistent: file not found\n")
        cp.stderr = cp.stderr.split("\n", 1)[1]
        assert (cp.returncode, cp.stderr) == (3, f"netcheck: error: {p}: permission denied\n")
    finally:
        (d / "secret.toml").unlink()
        d.rmdir()


CHOICES = ", ".join(repr(f) for f in cli.FORMATS)
# (arguments, exact last line of stderr); click reports usage errors with exit 2.
OPTIONS = [
    (["--timeout", "abc"], "Error: Invalid value for '--timeout': 'abc' is not a valid float range."),
    (["--timeout", "-1"], "Error: Invalid value for '--timeout': -1.0 is not in the range 0.05<=x<=60."),
    (["--timeout", "0"], "Error: Invalid value for '--timeout': 0.0 is not in the range 0.05<=x<=60."),
    (["--timeout", "nan"], "Error: Invalid value for '--timeout': must be a number of seconds, not NaN"),
    (["--timeout", "inf"], "Error: Invalid value for '--timeout': inf is not in the range 0.05<=x<=60."),
    (["--timeout", "1e999"], "Error: Invalid value for '--timeout': inf is not in the range 0.05<=x<=60."),
    (["--deadline", "0"], "Error: Invalid value for '--deadline': 0.0 is not in the range 0.5<=x<=600."),
    (["--deadline", "601"], "Error: Invalid value for '--deadline': 601.0 is not in the range 0.5<=x<=600."),
    (["--deadline", "NaN"], "Error: Invalid value for '--deadline': must be a number of seconds, not NaN"),
    (["--deadline", ""], "Error: Invalid value for '--deadline': '' is not a valid float range."),
    (
        ["--public-dns", "9.9.9"],
        "Error: Invalid value for '--public-dns': '9.9.9' is not an IP address (e.g. 9.9.9.9 or 2620:fe::fe)",  # noqa: E501 (validation only: nothing is sent)
    ),
    (
        ["--public-dns", "9.9.9.9:53"],  # rejected by option validation: nothing is sent
        "Error: Invalid value for '--public-dns': '9.9.9.9:53' is not an IP address (e.g. 9.9.9.9 or 2620:fe::fe)",  # noqa: E501 (validation only: nothing is sent)
    ),
    (
        ["--public-dns", ""],
        "Error: Invalid value for '--public-dns': '' is not an IP address (e.g. 9.9.9.9 or 2620:fe::fe)",  # noqa: E501 (validation only: nothing is sent)
    ),
    (["--format", "xml"], f"Error: Invalid value for '--format': 'xml' is not one of {CHOICES}."),
    (["--format", "JSON"], f"Error: Invalid value for '--format': 'JSON' is not one of {CHOICES}."),
    (["--concurrency", "0"], "Error: Invalid value for '--concurrency': 0 is not in the range 1<=x<=4096."),
    (["--concurrency", "x"], "Error: Invalid value for '--concurrency': 'x' is not a valid integer range."),
    (
        ["--ca-bundle", "/nonexistent.pem"],
        "Error: Invalid value for '--ca-bundle': File '/nonexistent.pem' does not exist.",
    ),
    (["--hosts"], "Error: Option '--hosts' requires an argument."),
]


def test_unknown_option_names_the_closest_one(no_run: None) -> None:
    """click words this itself, differently across 8.2-8.4: pin the facts, not click's punctuation."""
    result = invoke("run", *SAFE, "--bogus")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: No such option") and "--bogus" in last and "--verbose" in last


@pytest.mark.parametrize(("args", "last"), OPTIONS, ids=[" ".join(a) or "empty" for a, _ in OPTIONS])
def test_bad_option_value(no_run: None, tmp_path: Path, args: list[str], last: str) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[[host]]\nname = "127.0.0.1"\nports = [9]\n')
    before = [] if args == ["--hosts"] else ["--hosts", str(good)]
    result = invoke("run", *before, *SAFE, *args)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines()[-1] == last
    assert "Traceback" not in result.output


def test_ca_bundle_that_is_not_pem(no_run: None, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    result = invoke("run", "--no-local", "--ca-bundle", str(junk))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"Invalid value for '--ca-bundle': {str(junk)!r} is not a readable PEM file" in result.stderr


@pytest.mark.parametrize(
    ("toml", "region", "rest"),
    [
        ('[[host]]\nname = "127.0.0.1"\nports = [9]\n', "mars", "none (this host list defines no regions)"),
        ('[[host]]\nname = "127.0.0.1"\nports = [9]\nregion = "europe"\n', "Europe", "europe"),
    ],
)
def test_unknown_region(no_run: None, tmp_path: Path, toml: str, region: str, rest: str) -> None:
    good = tmp_path / "good.toml"
    good.write_text(toml)
    result = invoke("run", "--hosts", str(good), "--region", region, *SAFE)
    assert_config_error(result, "--region", f": unknown region {region!r}; allowed: {rest}")


@pytest.mark.parametrize("name", ["toml-nested-too-deep.toml", "binary-junk.toml", "reach-url-bad-ipv6.toml"])
def test_real_process_prints_no_traceback(name: str) -> None:
    path = str(DATA / name)
    cp = subprocess.run(
        [sys.executable, "-m", "netcheck", "hosts", "--hosts", path], capture_output=True, text=True, timeout=30
    )
    rest = dict(TABLE)[name]
    assert (cp.returncode, cp.stderr, cp.stdout) == (3, f"netcheck: error: {path}{rest}\n", "")
