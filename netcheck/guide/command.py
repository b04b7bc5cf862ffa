"""`netcheck guide [TOPIC] [--list]`: pick the mode and print; returns the exit code."""

from __future__ import annotations

import sys

import click

from netcheck.guide import texts
from netcheck.guide.render import topic_list, topic_text
from netcheck.guide.shell import interactive
from netcheck.guide.topics import BY_ID
from netcheck.messages import Translator, fill

EXIT_OK, EXIT_USAGE = 0, 2


def run(topic: str | None, list_topics: bool, tr: Translator) -> int:
    if list_topics:
        click.echo(topic_list(tr), nl=False)
        return EXIT_OK
    if topic:
        found = BY_ID.get(topic.strip().lower())
        if found is None:
            click.echo(fill(tr.gettext(texts.UNKNOWN_TOPIC), {"topic": topic}), err=True)
            return EXIT_USAGE
        click.echo(topic_text(found, tr), nl=False)
        return EXIT_OK
    try:
        interactive(tr)
    except (click.Abort, EOFError):  # Ctrl-C / Ctrl-D at a prompt: leave quietly
        click.echo("", err=True)
        return 130 if sys.stdin.isatty() else EXIT_OK
    return EXIT_OK
