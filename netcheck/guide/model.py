"""The guide's value objects: a topic is a tree of questions whose leaves are answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    text: str
    next_step: str  # every answer ends with what to do next
    check: str = ""  # "username" | "code": offer the offline format check after this answer


@dataclass(frozen=True)
class Branch:
    label: str
    node: Answer | Question


@dataclass(frozen=True)
class Question:
    text: str
    branches: tuple[Branch, ...]


Node = Answer | Question


@dataclass(frozen=True)
class Source:
    """A published text an answer is based on: the guide never states a fact without one."""

    title: str
    url: str


@dataclass(frozen=True)
class Topic:
    id: str  # stable: `netcheck guide <id>`
    title: str  # the situation in the user's words
    node: Node
    group: str = "login"  # a key of netcheck.guide.groups.GROUPS
    source: tuple[Source, ...] = ()  # the texts the answers come from
