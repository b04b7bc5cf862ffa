"""The interactive guide's dialogue without a terminal: a scripted Dialog answers, the shell only asks."""

from __future__ import annotations

from collections.abc import Sequence

from netcheck.guide.shell import interactive, start_question
from netcheck.guide.topics import TOPICS
from netcheck.messages import translator

SECRET = "Zq7secretUSER"


class Scripted:
    """Answers from a list; records what was said and asked (the real one is netcheck.cli.guide.ClickDialog)."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.said: list[str] = []
        self.asked: list[tuple[str, ...]] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def choose(self, prompt: str, choices: Sequence[str], default: str | None = None) -> str:
        self.asked.append(tuple(choices))
        answer = self.answers.pop(0)
        return default if answer == "" and default is not None else answer

    def secret(self, prompt: str) -> str:
        self.asked.append(("secret",))
        return self.answers.pop(0)


def test_wrong_password_checks_the_format_without_repeating_the_value() -> None:
    io = Scripted(str([t.id for t in TOPICS].index("wrong-password") + 1), "y", SECRET)
    interactive(translator("en"), io)
    assert io.asked[0][-1] == "q" and io.asked[-1] == ("secret",) and io.answers == []
    text = "\n".join(io.said)
    assert "capital letters" in text and SECRET not in text


def test_q_leaves_before_any_answer() -> None:
    io = Scripted("q")
    interactive(translator("en"), io)
    last = len(start_question(translator("en")).branches)
    assert len(io.asked) == 1 and io.said[-1].strip().startswith(f"{last}.")


def test_declining_the_check_asks_nothing_secret() -> None:
    io = Scripted(str([t.id for t in TOPICS].index("wrong-password") + 1), "")  # Enter: the default, no
    interactive(translator("en"), io)
    assert ("secret",) not in io.asked
