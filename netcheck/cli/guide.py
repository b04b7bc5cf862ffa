"""`netcheck guide [TOPIC] [--list]`: pick the mode, print, and own the terminal of the interactive guide."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from netcheck.cli.exitcodes import EXIT_OK, EXIT_SIGINT, EXIT_USAGE
from netcheck.cli.help import TrCommand, lang_option, tr_of
from netcheck.messages import Translator, fill


@click.command("guide", cls=TrCommand)
@click.argument("topic", required=False)
@click.option("--list", "list_topics", is_flag=True, help="List the topics by group and exit.")
@click.option("--sources", is_flag=True, help="Show the published text each answer is based on.")
@lang_option
def guide_cmd(topic: str | None, list_topics: bool, sources: bool) -> None:
    """Troubleshoot IBKR login, start-up, install, third-party and support questions step by step (offline)."""
    sys.exit(guide(topic, list_topics, tr_of(click.get_current_context()), sources))


def guide(topic: str | None, list_topics: bool, tr: Translator, sources: bool = False) -> int:
    from netcheck.guide.render import topic_list

    if topic:
        return _topic(topic, tr, sources)
    if list_topics or sources:
        click.echo(topic_list(tr, sources), nl=False)
        return EXIT_OK
    from netcheck.guide.shell import interactive

    try:
        interactive(tr, ClickDialog())
    except (click.Abort, EOFError):  # Ctrl-C / Ctrl-D at a prompt: leave quietly
        click.echo("", err=True)
        return EXIT_SIGINT if sys.stdin.isatty() else EXIT_OK
    return EXIT_OK


def _topic(topic: str, tr: Translator, sources: bool) -> int:
    from netcheck.guide import texts
    from netcheck.guide.render import topic_text
    from netcheck.guide.topics import BY_ID

    found = BY_ID.get(topic.strip().lower())
    if found is None:
        click.echo(fill(tr.gettext(texts.UNKNOWN_TOPIC), {"topic": topic}), err=True)
        return EXIT_USAGE
    click.echo(topic_text(found, tr, sources), nl=False)
    return EXIT_OK


class ClickDialog:
    """The guide's terminal: click's prompts (case-insensitive choices, hidden input without echo)."""

    def say(self, text: str) -> None:
        click.echo(text)

    def choose(self, prompt: str, choices: Sequence[str], default: str | None = None) -> str:
        kind = click.Choice(list(choices), case_sensitive=False)
        if default is None:
            return str(click.prompt(prompt, type=kind, show_choices=False))
        return str(click.prompt(prompt, default=default, show_default=False, type=kind, show_choices=False))

    def secret(self, prompt: str) -> str:
        return str(click.prompt(prompt, hide_input=True, default="", show_default=False))
