"""netcheck/cli/ is the only face: nothing below it prints, prompts or exits, and nothing below it imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "netcheck"
FACE = ("cli/", "__main__.py")
# Dev-time catalog tool, not shipped behaviour; it moves out of the package (issue 13, messages part).
LEAVING = ("messages/tools.py",)
CALLS = {"print", "input", "exit", "quit", "sys.exit", "os._exit"}
CALLS |= {f"click.{name}" for name in ("echo", "secho", "prompt", "confirm", "getchar", "pause", "edit", "launch")}


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def _imports_cli(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == "netcheck.cli" or a.name.startswith("netcheck.cli.") for a in node.names)
    module = node.module or ""
    return module == "netcheck.cli" or module.startswith("netcheck.cli.") or (module == "netcheck" and _names_cli(node))


def _names_cli(node: ast.ImportFrom) -> bool:
    return any(a.name == "cli" for a in node.names)


def violations(source: str) -> list[str]:
    """What in `source` only netcheck/cli/ may do: print, prompt, exit, or import netcheck.cli."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _dotted(node.func) in CALLS:
            found.append(f"{node.lineno}: {_dotted(node.func)}()")
        elif isinstance(node, ast.Import | ast.ImportFrom) and _imports_cli(node):
            found.append(f"{node.lineno}: imports netcheck.cli")
    return found


def _below_cli() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    rel = [p.relative_to(PACKAGE).as_posix() for p in files]
    return [p for p, r in zip(files, rel, strict=True) if not r.startswith(FACE) and r not in LEAVING]


@pytest.mark.parametrize("path", _below_cli(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_nothing_below_cli_prints_prompts_exits_or_imports_it(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "print('x')",
        "import click\nclick.echo('x')",
        "click.secho('x')",
        "click.prompt('x')",
        "click.confirm('x')",
        "input()",
        "import sys\nsys.exit(3)",
        "exit(1)",
        "import os\nos._exit(1)",
        "from netcheck.cli import main",
        "from netcheck.cli.exitcodes import EXIT_CONFIG",
        "import netcheck.cli.run",
        "from netcheck import cli",
    ],
)
def test_the_walk_catches_each_kind(source: str) -> None:
    assert violations(source)


def test_the_walk_sees_the_whole_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _below_cli()}
    assert {"runner.py", "guide/shell.py", "serve/agent.py", "output.py"} <= names
    assert not any(n.startswith("cli/") for n in names)
