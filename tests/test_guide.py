"""netcheck guide: topic data, offline format checks, and the CLI driven end to end with CliRunner."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from netcheck.cli import main
from netcheck.guide.formatcheck import CODE_LOWER, EMPTY, OTHER, SPACES, USER_UPPER, code_problems, username_problems
from netcheck.guide.model import Answer, Node, Question
from netcheck.guide.shell import start_question
from netcheck.guide.topics import BY_ID, TOPICS
from netcheck.messages import translator


def _answers(node: Node) -> list[Answer]:
    if isinstance(node, Answer):
        return [node]
    return [a for b in node.branches for a in _answers(b.node)]


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, env={"LANG": "C", "LANGUAGE": "", "LC_ALL": ""})


def test_topic_ids_are_stable_slugs_and_unique() -> None:
    ids = [t.id for t in TOPICS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*|[0-9]{3,4}", i) for i in ids)  # slugs, or API error codes


def test_every_answer_ends_with_a_next_step() -> None:
    for t in TOPICS:
        for a in _answers(t.node):
            assert a.text and a.next_step, t.id
            assert a.check in ("", "username", "code")


def test_the_situations_of_the_issue_are_covered() -> None:
    text = " ".join(a.text + " " + a.next_step for t in TOPICS for a in _answers(t.node))
    for fact in (
        "ten failed attempts",
        "24 hours",
        "upper case",
        "without spaces",
        "telephone",
        "2 days",
        "10 more days",
        "21 days",
        "3 to 14 days",
        "about 2 weeks",
        "automatically",
        "stop working",
        "letters and digits",
        "cut-off",
        "closed account",
        "paper-trading",
    ):
        assert fact in text, fact
    assert isinstance(BY_ID["portal-not-platform"].node, Question)


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("jsmith123", ()),
        ("", (EMPTY,)),
        ("JSmith", (USER_UPPER,)),
        ("j smith", (SPACES,)),
        ("j.smith", (OTHER,)),
        ("J. Smith", (SPACES, USER_UPPER, OTHER)),
        ("jürgen", (OTHER,)),
    ],
)
def test_username_format(value: str, problems: tuple[str, ...]) -> None:
    assert username_problems(value) == problems


@pytest.mark.parametrize(
    ("value", "problems"),
    [("AB12CD", ()), ("123456", ()), ("ab12cd", (CODE_LOWER,)), ("123 456", (SPACES,)), ("12-34", (OTHER,))],
)
def test_code_format(value: str, problems: tuple[str, ...]) -> None:
    assert code_problems(value) == problems


def test_list_prints_every_topic() -> None:
    r = invoke("guide", "--list")
    assert r.exit_code == 0
    for t in TOPICS:
        assert t.id in r.output


def test_topic_prints_the_whole_tree_non_interactively() -> None:
    r = invoke("guide", "portal-not-platform")
    assert r.exit_code == 0
    assert "The account is closed" in r.output and r.output.count("Next step:") == 5


def test_unknown_topic_is_a_usage_error() -> None:
    r = invoke("guide", "no-such-topic")
    assert r.exit_code == 2 and "netcheck guide --list" in r.output


def test_interactive_walks_to_an_answer_and_checks_the_format() -> None:
    n = [t.id for t in TOPICS].index("wrong-password") + 1
    r = invoke("guide", input=f"{n}\ny\nJohn Smith\n")
    assert r.exit_code == 0, r.output
    assert "ten failed attempts" in r.output and "Next step:" in r.output
    assert "user names are lower case" in r.output and "without spaces" in r.output
    assert "John Smith" not in r.output  # hidden input is never echoed


def test_interactive_nested_question() -> None:
    n = [t.id for t in TOPICS].index("portal-not-platform") + 1
    r = invoke("guide", input=f"{n}\n3\n")
    assert r.exit_code == 0, r.output
    assert "Which of these applies?" in r.output and "Paper Trading mode" in r.output


def test_interactive_rejects_bad_choice_then_quits() -> None:
    r = invoke("guide", input="99\nq\n")
    assert r.exit_code == 0 and "Next step" not in r.output


def test_interactive_declined_format_check_asks_nothing_secret() -> None:
    n = [t.id for t in TOPICS].index("code-rejected") + 1
    r = invoke("guide", input=f"{n}\n\n")
    assert r.exit_code == 0 and "Code (hidden)" not in r.output


def test_interactive_code_check_ok() -> None:
    n = [t.id for t in TOPICS].index("code-rejected") + 1
    r = invoke("guide", input=f"{n}\ny\nAB12CD\n")
    assert "The format of the code looks right" in r.output and "AB12CD" not in r.output


def test_start_question_reaches_every_topic_login_first() -> None:
    start = start_question(translator("en"))
    login = [t for t in TOPICS if t.group == "login"]
    assert [b.label for b in start.branches[: len(login)]] == [t.title for t in login]
    reached = {b.node for b in start.branches} | {
        g.node for b in start.branches if isinstance(b.node, Question) for g in b.node.branches
    }
    assert all(t.node in reached for t in TOPICS)


def test_guide_in_german() -> None:
    r = invoke("guide", "--lang", "de", "--list")
    assert r.exit_code == 0 and "Sicherheitsgerät nicht zur Hand" in r.output
    n = [t.id for t in TOPICS].index("wrong-password") + 1
    r = invoke("--lang", "de", "guide", input=f"{n}\nj\nJohn\n")
    assert "Nächster Schritt:" in r.output and "Großbuchstaben" in r.output, r.output


def test_the_schedule_topics_name_the_weekly_reset_and_the_competing_session() -> None:
    weekly, relogin = BY_ID["weekly-relogin"].node, BY_ID["relogin-required"].node
    assert isinstance(weekly, Answer) and "Sunday at 1:00 am New York time" in weekly.text
    assert isinstance(relogin, Answer) and "one trading session at a time" in relogin.text
    assert "netcheck run" in relogin.next_step
