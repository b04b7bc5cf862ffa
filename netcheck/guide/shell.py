"""The interactive guide: a thin click shell around the pure topic tree and format checks."""

from __future__ import annotations

import click

from netcheck.guide import texts
from netcheck.guide.formatcheck import CODE_OK, USER_OK, code_problems, username_problems
from netcheck.guide.model import Answer, Branch, Node, Question
from netcheck.guide.render import answer_lines, wrap
from netcheck.guide.topics import TOPICS
from netcheck.messages import Translator

_CHECKS = {"username": username_problems, "code": code_problems}


def start_question() -> Question:
    return Question(texts.START, tuple(Branch(t.title, t.node) for t in TOPICS))


def interactive(tr: Translator) -> None:
    """Ask until an answer is reached, print it, and offer the offline format check."""
    click.echo("\n".join(wrap(tr.gettext(texts.INTRO))))
    node: Node = start_question()
    while isinstance(node, Question):
        picked = _ask(node, tr)
        if picked is None:
            return
        node = picked
    click.echo("")
    click.echo("\n".join(answer_lines(node, tr)))
    if node.check:
        _format_check(node, tr)
    click.echo("")
    click.echo(tr.gettext(texts.NETWORK_HINT))


def _ask(q: Question, tr: Translator) -> Node | None:
    click.echo("")
    click.echo(tr.gettext(q.text))
    for i, b in enumerate(q.branches, 1):
        click.echo(f"  {i:2}. {tr.gettext(b.label)}")
    keys = [str(i) for i in range(1, len(q.branches) + 1)] + ["q"]
    choice = click.prompt(tr.gettext(texts.CHOICE), type=click.Choice(keys, case_sensitive=False), show_choices=False)
    return None if choice.lower() == "q" else q.branches[int(choice) - 1].node


def _format_check(a: Answer, tr: Translator) -> None:
    click.echo("")
    click.echo("\n".join(wrap(tr.gettext(texts.OFFLINE_NOTE))))
    if not _yes(tr.gettext(texts.OFFER[a.check]), tr):
        return
    # Hidden input; the value lives only in this frame and is never echoed, logged or written.
    value = click.prompt(tr.gettext(texts.PROMPT[a.check]), hide_input=True, default="", show_default=False)
    problems = _CHECKS[a.check](value)
    del value
    ok = USER_OK if a.check == "username" else CODE_OK
    for msg in problems or (ok,):
        click.echo("\n".join(wrap("• " + tr.gettext(msg))))


def _yes(question: str, tr: Translator) -> bool:
    yes, no = tr.gettext(texts.YES), tr.gettext(texts.NO)
    accepted = {yes, no, "y", "n"}
    answer = click.prompt(
        f"{question} [{yes}/{no.upper()}]",
        default=no,
        show_default=False,
        type=click.Choice(sorted(accepted), case_sensitive=False),
        show_choices=False,
    )
    return answer.lower() in (yes, "y")
