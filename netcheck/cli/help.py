"""Click help in the user's language: command classes that translate help texts when printed.

Help strings stay plain English in netcheck/cli/; `netcheck.messages.tools` collects them from the command
tree, so commands and options added later are extracted without any markup."""

from __future__ import annotations

import copy
import inspect
from typing import Any

import click

from netcheck.messages import Translator, translator
from netcheck.messages.base import N_
from netcheck.platform.locale import SUPPORTED, choose

META_KEY = "netcheck.lang"
USAGE, OPTIONS, COMMANDS = N_("Usage:"), N_("Options"), N_("Commands")
LANG_HELP = N_("Language of the output: en or de (default: from the system's locale).")


def remember_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Eager --lang callback: later --help output and the command itself use this language."""
    if value:
        ctx.meta[META_KEY] = value
    return value


def lang_option(f: Any) -> Any:
    return click.option(
        "--lang",
        type=click.Choice(SUPPORTED),
        default=None,
        is_eager=True,
        expose_value=False,
        callback=remember_lang,
        help=LANG_HELP,
    )(f)


def lang_of(ctx: click.Context | None) -> str:
    return choose(ctx.meta.get(META_KEY) if ctx else None)


def tr_of(ctx: click.Context | None) -> Translator:
    return translator(lang_of(ctx))


def help_text(cmd: click.Command) -> str:
    """The help text click shows for `cmd` (the msgid the catalog holds)."""
    return inspect.cleandoc(cmd.help).partition("\f")[0] if cmd.help else ""


def _t(tr: Translator, text: str | None) -> str:
    return tr.gettext(text) if text else ""


class TrCommand(click.Command):
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        prefix = _t(tr_of(ctx), USAGE) + " "
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=prefix)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _t(tr_of(ctx), help_text(self))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        tr = tr_of(ctx)
        rows = [rv for p in self.get_params(ctx) if (rv := _translated(p, tr).get_help_record(ctx))]
        if rows:
            with formatter.section(_t(tr, OPTIONS)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


def _translated(p: click.Parameter, tr: Translator) -> click.Parameter:
    if not isinstance(p, click.Option) or not p.help:
        return p
    q = copy.copy(p)
    q.help = tr.gettext(p.help)
    return q


class TrGroup(TrCommand, click.Group):
    command_class = TrCommand

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        tr = tr_of(ctx)
        cmds = [(n, c) for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) and not c.hidden]
        if not cmds:
            return
        limit = formatter.width - 6 - max(len(n) for n, _ in cmds)
        rows = [(n, _short(c, tr, limit)) for n, c in cmds]
        with formatter.section(_t(tr, COMMANDS)):
            formatter.write_dl(rows)


TrGroup.group_class = TrGroup


def _short(cmd: click.Command, tr: Translator, limit: int) -> str:
    if cmd.short_help:
        return _t(tr, inspect.cleandoc(cmd.short_help))
    return short_help(_t(tr, help_text(cmd)), limit)


def short_help(text: str, limit: int) -> str:
    """The first sentence of `text`, cut at a word within `limit` columns ("..." marks a cut).

    Our own, because click 8.2 deprecated its helper for this (removed in click 9)."""
    kept: list[str] = []
    for word in text.split():
        if sum(len(w) + 1 for w in kept) + len(word) > limit - 3:
            return " ".join(kept) + "..."
        kept.append(word)
        if word.endswith("."):
            return " ".join(kept)[:-1]
    return " ".join(kept)
