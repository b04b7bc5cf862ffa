"""The FAQ topics as data: grouped, reachable, sourced, each ends in a next step naming commands that exist."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from netcheck.cli import main
from netcheck.guide import faq_help, faq_install, faq_startup, faq_thirdparty
from netcheck.guide.groups import GROUPS
from netcheck.guide.model import Answer, Node
from netcheck.guide.render import by_group
from netcheck.guide.topics import BY_ID, TOPICS

FAQ = (*faq_startup.TOPICS, *faq_install.TOPICS, *faq_thirdparty.TOPICS, *faq_help.TOPICS)
# Every item of issue 19's list, by the id that answers it: --list must show each one.
ISSUE_ITEMS = {
    "system requirements": "system-requirements",
    "offline vs auto-updating": "offline-or-auto",
    "Download Settings from server failed": "settings-download-failed",
    "Update failed": "update-failed",
    "Could not create the Java Virtual Machine": "jvm-not-created",
    "freezes from too little memory": "tws-freezes",
    "IPv6 priority and the vmoptions line": "ipv6-priority",
    "installer cannot write a file": "installer-cannot-write",
    "signature of the file is corrupt or invalid": "signature-invalid",
    "macOS installer is damaged, Gatekeeper": "mac-installer-damaged",
    "two TWS instances on a Mac": "two-tws-mac",
    "one session per user name": "one-session",
    "Ddedll.dll on 64-bit TWS": "dde-ddedll",
    "corporate machine stuck in reconnection attempts": "reconnecting",
    "which desk, what facts to have ready": "which-desk",
    "facts to have ready": "contact-ready",
    "closing positions by phone": "close-by-phone",
    "uploading logs with Ctrl+Alt+H, behind a proxy": "upload-logs",
    "NinjaTrader API compatibility": "ninja-compatible",
    "only the offline TWS and certain versions": "ninja-tws-version",
    "the demo's delayed data": "ninja-demo",
    "real-time data subscriptions": "realtime-data",
    "pacing limits on historical data": "historical-pacing",
    "paper accounts": "paper-account-data",
    "the API tab that shows app orders": "api-tab-orders",
    "advisor accounts": "advisor-accounts",
    "rejected orders": "orders-rejected",
}
# "netcheck" as the subject of a sentence ("netcheck checks ..."): not a command. Any other word after it must be one.
PROSE = frozenset({"checks", "compares", "found", "did", "does", "or", "has", "gives", "names", "shows", "says"})
_END = re.compile(r"[:,;)]|\. |\.$| and | or | then | if ")


def _answers(node: Node) -> list[Answer]:
    if isinstance(node, Answer):
        return [node]
    return [a for b in node.branches for a in _answers(b.node)]


def _commands(text: str) -> list[tuple[str, list[str], str]]:
    """Each `netcheck CMD ...` in a text: the command, the options written after it, and its first argument."""
    out = []
    for m in re.finditer(r"netcheck ([a-z]+)", text):
        if m.group(1) in PROSE:
            continue
        rest = _END.split(text[m.end() :], maxsplit=1)[0]
        flags = re.findall(r"(?<![\w-])--?[a-z][-a-z]*", rest)
        arg = rest.split()[0] if rest.split() and not rest.split()[0].startswith("-") else ""
        out.append((m.group(1), flags, arg))
    return out


def test_every_issue_item_has_its_topic_in_its_group() -> None:
    assert set(ISSUE_ITEMS.values()) <= set(BY_ID)
    assert {t.group for t in FAQ} == set(GROUPS) - {"login", "api-errors"}


def test_every_faq_topic_names_its_sources() -> None:
    for t in FAQ:
        assert t.source, t.id
        assert all(s.title and s.url for s in t.source), t.id


def test_every_answer_ends_in_a_next_step() -> None:
    for t in TOPICS:
        for a in _answers(t.node):
            assert a.text.strip() and a.next_step.strip(), t.id


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_every_referenced_command_and_option_exists(topic: object) -> None:
    assert isinstance(main, click.Group)
    for a in _answers(topic.node):  # type: ignore[attr-defined]
        for cmd, flags, arg in _commands(a.text + " " + a.next_step):
            assert cmd in main.commands, (cmd, a.next_step)
            known = {o for p in main.commands[cmd].params for o in (*p.opts, *p.secondary_opts)}
            assert set(flags) <= known, (cmd, flags)
            if cmd == "guide" and arg:
                assert arg.rstrip(".") in BY_ID, arg


def test_groups_come_in_their_order() -> None:
    assert [g for g, _ in by_group()] == list(GROUPS)


def test_list_shows_groups_and_every_topic() -> None:
    r = CliRunner().invoke(main, ["guide", "--list"])
    assert r.exit_code == 0
    titles = [r.output.index(title) for title in GROUPS.values()]
    assert titles == sorted(titles)
    assert all(f"  {t.id} " in r.output for t in TOPICS)


def test_sources_for_one_topic_and_for_all() -> None:
    r = CliRunner().invoke(main, ["guide", "dde-ddedll", "--sources"])
    assert r.exit_code == 0 and "Sources:" in r.output
    assert "http://ibkb.interactivebrokers.com/taxonomy/term/76" in r.output
    r = CliRunner().invoke(main, ["guide", "--sources"])
    assert r.exit_code == 0
    assert all(s.url in r.output for t in TOPICS for s in t.source)
    assert "no source recorded" in r.output  # honest about the login topics written before sources were kept


def test_a_topic_without_sources_flag_shows_no_sources() -> None:
    r = CliRunner().invoke(main, ["guide", "historical-pacing"])
    assert r.exit_code == 0 and "Next step:" in r.output and "Sources:" not in r.output
