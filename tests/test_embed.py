"""netcheck.check and netcheck.render: a real run against a loopback listener, rendered as the CLI would."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import netcheck

# Loopback only: an IP-literal host (no DNS), no local checks, the cross-check resolver on loopback too.
SAFE = netcheck.RunOptions(timeout=1, deadline=10, local=False, public_dns=("127.0.0.1",))


@pytest.fixture(scope="module")
def listener() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)  # connects complete in the kernel backlog; nobody needs to accept
        yield s.getsockname()[1]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def host_list(tmp_path: Path, port: int) -> Path:
    path = tmp_path / "lo.toml"
    path.write_text(f'[[host]]\nname = "127.0.0.1"\nports = [{port}]\n')
    return path


def test_check_runs_the_host_list_and_passes_on_an_open_port(tmp_path: Path, listener: int) -> None:
    report = netcheck.check([host_list(tmp_path, listener)], SAFE)
    assert report.status is netcheck.Status.PASS
    assert [o.check.id for o in report.outcomes] == [f"tcp:127.0.0.1:{listener}@127.0.0.1"]


def test_a_refused_port_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    report = netcheck.check([str(host_list(tmp_path, closed_port()))], SAFE)
    assert report.status is netcheck.Status.FAIL
    assert report.outcomes[0].reason is netcheck.Reason.REFUSED
    assert report.findings and all(isinstance(f, netcheck.Finding) for f in report.findings)


def test_a_bad_host_list_raises_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[host]]\nports = [1]\n")
    with pytest.raises(netcheck.ConfigError):
        netcheck.check([bad], SAFE)


def test_render_gives_the_cli_formats_in_the_chosen_language(tmp_path: Path) -> None:
    report = netcheck.check([host_list(tmp_path, closed_port())], SAFE)
    assert json.loads(netcheck.render(report, "json"))["status"] == "fail"
    assert "Not ready" in netcheck.render(report)
    assert "Nicht bereit" in netcheck.render(report, lang="de")
    with pytest.raises(ValueError, match="unknown format"):
        netcheck.render(report, "yaml")
