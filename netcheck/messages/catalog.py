"""The message tables the renderers look up, assembled from each area's own table.

Every text module owns its tables and imports only netcheck.messages.base; this module is the one
place that puts them together (no module adds to another's table). A key defined by two areas would
make one text silently win, so tests/test_messages_catalog.py checks that the areas never overlap."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TypeVar

from netcheck.api import texts as api
from netcheck.messages import (
    agent,
    checklist,
    glance,
    install,
    intercept,
    link,
    local,
    network,
    output,
    path,
    report,
    symptoms,
    web,
    words,
)
from netcheck.messages.base import FindingText
from netcheck.schedule import texts as schedule

T = TypeVar("T")


def union(tables: Iterable[Mapping[str, T]]) -> Mapping[str, T]:
    """One read-only table holding every entry of `tables` (they are disjoint: see the module docstring)."""
    return MappingProxyType({key: text for table in tables for key, text in table.items()})


FINDING_TABLES: tuple[Mapping[str, FindingText], ...] = (
    network.FINDINGS,
    link.FINDINGS,
    local.FINDINGS,
    web.FINDINGS,
    api.FINDINGS,
    install.FINDINGS,
    schedule.FINDINGS,
    path.FINDINGS,
    intercept.FINDINGS,
)
LABEL_TABLES: tuple[Mapping[str, str], ...] = (
    report.LABELS,
    output.LABELS,
    symptoms.LABELS,
    agent.LABELS,
    local.LABELS,
    words.LABELS,
    checklist.LABELS,
    glance.LABELS,
)
HEADING_TABLES: tuple[Mapping[str, str], ...] = (
    report.KIND_HEADING,
    local.KIND_HEADING,
    web.KIND_HEADING,
    api.KIND_HEADING,
    intercept.KIND_HEADING,
)

FINDINGS = union(FINDING_TABLES)
LABELS = union(LABEL_TABLES)
KIND_HEADING = union(HEADING_TABLES)
SUMMARY = report.SUMMARY
STATUS_WORD = report.STATUS_WORD
REASON_WORD = words.REASON_WORD
SYMPTOMS = symptoms.SYMPTOMS
REGION_NAMES = local.REGION_NAMES
