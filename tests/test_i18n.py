"""Language choice (--lang, locale variables, Windows UI language) and translated output end to end."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from netcheck import cli
from netcheck.cli import run as cli_run
from netcheck.messages import translator
from netcheck.messages.catalog import SUMMARY
from netcheck.model import Reason
from netcheck.platform import locale as plocale
from netcheck.reporters import REGISTRY, RenderOptions
from tests.helpers import healthy, report

C_ENV = {"LANG": "C", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, None),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, None),  # LC_ALL wins, and C means English
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_CH.UTF-8"}, "de"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:de"}, "de"),  # GNU LANGUAGE priority list
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr"}, "de"),
        ({"LC_ALL": "de_DE@euro"}, "de"),
    ],
)
def test_language_from_locale_variables(env: dict[str, str], lang: str | None) -> None:
    assert plocale.from_env(env) == lang


@pytest.mark.parametrize(("langid", "lang"), [(0x0407, "de"), (0x0C07, "de"), (0x0409, "en"), (0x040C, None)])
def test_windows_ui_language(langid: int, lang: str | None) -> None:
    assert plocale.from_windows_langid(langid) == lang


def test_system_language_falls_back_to_windows_then_english() -> None:
    assert plocale.system_language({}, windows=lambda: "de") == "de"
    assert plocale.system_language({}, windows=lambda: None) == "en"
    assert plocale.system_language({"LANG": "C"}, windows=lambda: "de") == "en"  # a set locale wins
    assert plocale.choose("de", {"LANG": "C"}) == "de"
    assert plocale.windows_ui_language() is None or plocale.windows_ui_language() in ("en", "de")


def test_translator() -> None:
    assert translator("de").gettext(SUMMARY["pass"]) == "Bereit: TWS sollte sich aus diesem Netzwerk verbinden."
    assert translator("en").gettext(SUMMARY["pass"]) == SUMMARY["pass"]
    assert translator(None).gettext(SUMMARY["pass"]) == SUMMARY["pass"]
    assert translator("xx").gettext(SUMMARY["pass"]) == SUMMARY["pass"]


def _blocked() -> Any:
    return report(
        healthy(
            **{
                f"{h}:{p}": Reason.TIMEOUT
                for h in ("ndc1.ibllc.com", "zdc1.ibllc.com", "hdc1.ibllc.com")
                for p in (4000, 4001)
            }
        )
    )


def test_terminal_report_in_german() -> None:
    out = REGISTRY["terminal"](_blocked(), RenderOptions(tr=translator("de")))
    assert "Nicht bereit" in out and "Was nicht stimmt und was zu tun ist" in out
    assert "sind in diesem Netzwerk gesperrt" in out and "Prüfungen: 18 von 25 bestanden" in out
    assert "[ports-blocked]" in out  # the stable id stays
    verbose = REGISTRY["terminal"](_blocked(), RenderOptions(tr=translator("de"), verbose=True))
    assert "Zeitüberschreitung" in verbose  # reason words of the per-check lines


def test_json_keeps_ids_and_carries_translated_text() -> None:
    doc = json.loads(REGISTRY["json"](_blocked(), RenderOptions(tr=translator("de"))))
    f = doc["findings"][0]
    assert f["id"] == "ports-blocked" and "gesperrt" in f["title"] and f["remediation"] and f["admin"]
    assert {c["reason"] for c in doc["checks"]} >= {"timeout", "ok"}  # machine values are never translated


def test_guide_pointer_only_when_every_network_check_passes() -> None:
    ok = REGISTRY["terminal"](report(healthy()), RenderOptions())
    assert "Run netcheck guide for login problems" in ok
    assert "netcheck guide" not in REGISTRY["terminal"](_blocked(), RenderOptions())
    de = REGISTRY["terminal"](report(healthy()), RenderOptions(tr=translator("de")))
    assert "Starten Sie netcheck guide" in de


def _run_cli(monkeypatch: pytest.MonkeyPatch, rep: Any, args: list[str], env: dict[str, str]) -> Any:
    monkeypatch.setattr(cli_run, "execute", lambda hl, opts, live: rep)  # no network: a built report
    return CliRunner().invoke(cli.main, ["run", "--no-local", "--no-history", *args], env=env)


def test_run_lang_de(monkeypatch: pytest.MonkeyPatch) -> None:
    r = _run_cli(monkeypatch, _blocked(), ["--lang", "de"], C_ENV)
    assert r.exit_code == 1 and "Nicht bereit" in r.output
    r = _run_cli(monkeypatch, _blocked(), ["--lang", "de", "--format", "json"], C_ENV)
    assert json.loads(r.output)["findings"][0]["id"] == "ports-blocked" and "gesperrt" in r.output


def test_run_follows_locale_and_lang_overrides_it(monkeypatch: pytest.MonkeyPatch) -> None:
    de_env = {**C_ENV, "LANG": "de_DE.UTF-8"}
    assert "Bereit: TWS" in _run_cli(monkeypatch, report(healthy()), [], de_env).output
    assert "Ready: TWS" in _run_cli(monkeypatch, report(healthy()), ["--lang", "en"], de_env).output
    assert "Ready: TWS" in _run_cli(monkeypatch, report(healthy()), [], C_ENV).output


def test_group_level_lang_and_german_help() -> None:
    r = CliRunner().invoke(cli.main, ["--lang", "de", "run", "--help"], env=C_ENV)
    assert r.exit_code == 0
    assert "Aufruf:" in r.output and "Optionen:" in r.output and "Sekunden, die jeder" in r.output
    r = CliRunner().invoke(cli.main, ["--help"], env={**C_ENV, "LANG": "de_DE.UTF-8"})
    assert "Befehle:" in r.output and "Anmeldeprobleme" in r.output


def test_hosts_accepts_lang() -> None:
    r = CliRunner().invoke(cli.main, ["hosts", "--lang", "de", "--help"], env=C_ENV)
    assert r.exit_code == 0 and "Die wirksame Hostliste ausgeben" in r.output


def test_live_progress_line_is_translated() -> None:
    import io

    from netcheck.messages import label
    from netcheck.progress import Progress
    from tests.helpers import tcp

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    progress = Progress.for_stream(stream, label("progress", translator("de")))
    assert progress is not None
    progress.update(tcp("zdc1.ibllc.com", 4001, "198.51.100.20"), 3, 9)
    assert "prüfe … 3/9" in stream.getvalue()


def test_hosts_text_in_german() -> None:
    r = CliRunner().invoke(cli.main, ["hosts", "--lang", "de"], env=C_ENV)
    assert r.exit_code == 0 and r.output.startswith("# aus: ") and "Pflicht" in r.output
    assert "öffentliche Resolver:" in r.output
    r = CliRunner().invoke(cli.main, ["hosts"], env=C_ENV)
    assert r.output.startswith("# from: ") and "public resolvers:" in r.output
