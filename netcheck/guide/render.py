"""Pure rendering of guide topics to text in the user's language."""

from __future__ import annotations

import textwrap

from netcheck.guide import groups, texts
from netcheck.guide.model import Answer, Node, Topic
from netcheck.guide.topics import TOPICS
from netcheck.messages import Translator, fill

WIDTH = 96


def wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]


def answer_lines(a: Answer, tr: Translator, indent: str = "") -> list[str]:
    step = fill(tr.gettext(texts.NEXT_STEP), {"step": tr.gettext(a.next_step)})
    return wrap(tr.gettext(a.text), indent) + wrap(step, indent)


def node_lines(node: Node, tr: Translator, indent: str = "") -> list[str]:
    """The whole tree below `node`: every branch with its answer, for non-interactive use."""
    if isinstance(node, Answer):
        return answer_lines(node, tr, indent)
    lines = wrap(tr.gettext(node.text), indent)
    for b in node.branches:
        lines += [""] + wrap("• " + tr.gettext(b.label), indent + "  ")
        lines += node_lines(b.node, tr, indent + "    ")
    return lines


def topic_text(topic: Topic, tr: Translator, sources: bool = False) -> str:
    lines = [tr.gettext(topic.title), ""] + node_lines(topic.node, tr)
    if _has_check(topic.node):
        lines += ["", *wrap(tr.gettext(texts.INTERACTIVE_HINT))]
    if sources:
        lines += ["", tr.gettext(groups.SOURCES_HEADER), *source_lines(topic, tr)]
    return "\n".join(lines) + "\n"


def source_lines(topic: Topic, tr: Translator, indent: str = "  ") -> list[str]:
    """Titles and addresses stay as published (they name IBKR's pages, which are in English)."""
    if not topic.source:
        return [indent + tr.gettext(groups.NO_SOURCE)]
    return [line for s in topic.source for line in (f"{indent}- {s.title}", f"{indent}  {s.url}")]


def by_group(topics: tuple[Topic, ...] = TOPICS) -> list[tuple[str, list[Topic]]]:
    keys = groups.ordered([t.group for t in topics])
    return [(g, [t for t in topics if t.group == g]) for g in keys]


def group_title(group: str, tr: Translator) -> str:
    title = groups.GROUPS.get(group)
    return tr.gettext(title) if title else group


def topic_list(tr: Translator, sources: bool = False) -> str:
    width = max(len(t.id) for t in TOPICS)
    lines = [tr.gettext(groups.LIST_HEADER)]
    for group, topics in by_group():
        lines += ["", group_title(group, tr)]
        for t in topics:
            lines.append(f"  {t.id:{width}}  {tr.gettext(t.title)}")
            lines += source_lines(t, tr, " " * (width + 4)) if sources else []
    return "\n".join(lines) + "\n"


def _has_check(node: Node) -> bool:
    if isinstance(node, Answer):
        return bool(node.check)
    return any(_has_check(b.node) for b in node.branches)
