"""The catalog is assembled from disjoint area tables, read-only, and netcheck.messages has no import cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from netcheck.messages import catalog

MESSAGES = Path(catalog.__file__).resolve().parent
MODULES = sorted(p.stem for p in MESSAGES.glob("*.py"))
# Not text modules: the renderer, the assembly, the leaf itself, and the click help machinery.
NOT_TEXT = {"__init__", "catalog", "base", "clihelp"}
GROUPS = {
    "FINDINGS": (catalog.FINDINGS, catalog.FINDING_TABLES),
    "LABELS": (catalog.LABELS, catalog.LABEL_TABLES),
    "KIND_HEADING": (catalog.KIND_HEADING, catalog.HEADING_TABLES),
}


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_no_key_is_defined_by_two_areas(name: str) -> None:
    _, tables = GROUPS[name]
    keys = [key for table in tables for key in table]
    assert sorted({k for k in keys if keys.count(k) > 1}) == []


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_the_merged_table_is_exactly_the_union_of_the_areas(name: str) -> None:
    merged, tables = GROUPS[name]
    union = {key: text for table in tables for key, text in table.items()}
    assert dict(merged) == union


def test_every_area_table_of_every_text_module_is_merged() -> None:
    merged = {id(t) for _, tables in GROUPS.values() for t in tables}
    for stem in sorted(set(MODULES) - NOT_TEXT):
        module = __import__(f"netcheck.messages.{stem}", fromlist=["_"])
        for name in ("FINDINGS", "LABELS", "KIND_HEADING"):
            table = getattr(module, name, None)
            assert table is None or id(table) in merged, f"{stem}.{name} is not assembled in catalog.py"


def test_merged_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        catalog.LABELS["findings"] = "changed"  # type: ignore[index]


def test_union_keeps_every_entry() -> None:
    assert dict(catalog.union([{"a": "1"}, {"b": "2"}])) == {"a": "1", "b": "2"}
    assert isinstance(catalog.union([]), Mapping)


def _netcheck_imports(stem: str) -> set[str]:
    """The netcheck modules `stem` imports, with `from pkg import sub` resolved to the submodule."""
    found: set[str] = set()
    for node in ast.walk(ast.parse((MESSAGES / f"{stem}.py").read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            subs = {f"{node.module}.{a.name}" for a in node.names if (MESSAGES / f"{a.name}.py").exists()}
            found |= subs if node.module == "netcheck.messages" and subs else {node.module}
    return {m for m in found if m == "netcheck" or m.startswith("netcheck.")}


def test_base_is_a_leaf() -> None:
    assert _netcheck_imports("base") == set()


@pytest.mark.parametrize("stem", sorted(set(MODULES) - NOT_TEXT))
def test_text_modules_import_only_the_leaf(stem: str) -> None:
    assert _netcheck_imports(stem) <= {"netcheck.messages.base", "netcheck.model"}


def test_no_import_cycle_inside_messages() -> None:
    inside = {"netcheck.messages": "__init__"} | {f"netcheck.messages.{stem}": stem for stem in MODULES}
    graph = {stem: {inside[m] for m in _netcheck_imports(stem) if m in inside} for stem in MODULES}
    assert "catalog" in graph["__init__"] and "base" in graph["agent"]  # the walk sees real edges

    def visit(stem: str, path: tuple[str, ...]) -> None:
        assert stem not in path, f"import cycle: {' -> '.join((*path, stem))}"
        for nxt in graph.get(stem, ()):
            visit(nxt, (*path, stem))

    for stem in MODULES:
        visit(stem, ())


@pytest.mark.parametrize("stem", MODULES)
def test_each_module_imports_alone_in_a_fresh_interpreter(stem: str) -> None:
    name = "netcheck.messages" if stem == "__init__" else f"netcheck.messages.{stem}"
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
