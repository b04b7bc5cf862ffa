"""The interactive guide: the dialogue over the pure topic tree and format checks; the terminal is injected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from netcheck.guide import groups, texts
from netcheck.guide.formatcheck import CODE_OK, USER_OK, code_problems, username_problems
from netcheck.guide.model import Answer, Branch, Node, Question
from netcheck.guide.render import answer_lines, by_group, group_title, wrap
from netcheck.messages import Translator, fill

_CHECKS = {"username": username_problems, "code": code_problems}


class Dialog(Protocol):
    """The terminal (netcheck.cli.guide): print a line, ask for one of `choices`, read hidden input."""

    def say(self, text: str) -> None: ...

    def choose(self, prompt: str, choices: Sequence[str], default: str | None = None) -> str: ...

    def secret(self, prompt: str) -> str: ...


def start_question(tr: Translator) -> Question:
    """The login situations first (the guide's first purpose, numbered as before), then one entry per other group."""
    branches: list[Branch] = []
    for group, topics in by_group():
        picks = tuple(Branch(t.title, t.node) for t in topics)
        if group == "login":
            branches += picks
        else:
            label = fill(tr.gettext(groups.OTHER), {"group": group_title(group, tr)})
            branches.append(Branch(label, Question(groups.PICK, picks)))
    return Question(texts.START, tuple(branches))


def interactive(tr: Translator, io: Dialog) -> None:
    """Ask until an answer is reached, print it, and offer the offline format check."""
    io.say("\n".join(wrap(tr.gettext(texts.INTRO))))
    node: Node = start_question(tr)
    while isinstance(node, Question):
        picked = _ask(node, tr, io)
        if picked is None:
            return
        node = picked
    io.say("")
    io.say("\n".join(answer_lines(node, tr)))
    if node.check:
        _format_check(node, tr, io)
    io.say("")
    io.say(tr.gettext(texts.NETWORK_HINT))


def _ask(q: Question, tr: Translator, io: Dialog) -> Node | None:
    io.say("")
    io.say(tr.gettext(q.text))
    for i, b in enumerate(q.branches, 1):
        io.say(f"  {i:2}. {tr.gettext(b.label)}")
    keys = [str(i) for i in range(1, len(q.branches) + 1)] + ["q"]
    choice = io.choose(tr.gettext(texts.CHOICE), keys)
    return None if choice.lower() == "q" else q.branches[int(choice) - 1].node


def _format_check(a: Answer, tr: Translator, io: Dialog) -> None:
    io.say("")
    io.say("\n".join(wrap(tr.gettext(texts.OFFLINE_NOTE))))
    if not _yes(tr.gettext(texts.OFFER[a.check]), tr, io):
        return
    # Hidden input; the value lives only in this frame and is never echoed, logged or written.
    value = io.secret(tr.gettext(texts.PROMPT[a.check]))
    problems = _CHECKS[a.check](value)
    del value
    ok = USER_OK if a.check == "username" else CODE_OK
    for msg in problems or (ok,):
        io.say("\n".join(wrap("• " + tr.gettext(msg))))


def _yes(question: str, tr: Translator, io: Dialog) -> bool:
    yes, no = tr.gettext(texts.YES), tr.gettext(texts.NO)
    accepted = {yes, no, "y", "n"}
    answer = io.choose(f"{question} [{yes}/{no.upper()}]", sorted(accepted), default=no)
    return answer.lower() in (yes, "y")
