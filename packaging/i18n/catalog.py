"""Dev-time catalog maintenance (needs Babel); not shipped: `python packaging/i18n/catalog.py update|compile|check`.

update  = extract every N_()/_() string of netcheck/ plus every click help text into
          netcheck/locale/netcheck.pot, merge it into each <lang>/LC_MESSAGES/netcheck.po, compile .mo
compile = compile each .po into the .mo that ships in the wheel
check   = exit 1 when the catalogs are stale, a message lacks a translation, or a .mo is not compiled
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "netcheck"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "netcheck.pot"
LANGS = ("de",)
KEYWORDS = {"N_": None, "_": None, "gettext": None}
_FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "netcheck.po"


def extract() -> Any:
    """A fresh template catalog from the source tree and the click command tree."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    cat = Catalog(project="netcheck", charset="utf-8", fuzzy=False)
    for fname, lineno, msg, comments, _ctx in extract_from_dir(PACKAGE, keywords=KEYWORDS, comment_tags=("i18n:",)):
        if isinstance(msg, str) and msg:
            cat.add(msg, locations=[(f"netcheck/{fname}", lineno)], auto_comments=comments)
    for where, text in click_texts():
        if text not in cat:  # the CLI's help texts: plain strings in cli.py, collected from click
            cat.add(text, locations=[("netcheck/cli.py", 0)], auto_comments=[where])
        elif where not in cat[text].auto_comments:
            cat[text].auto_comments.append(where)
    return cat


def click_texts() -> Iterator[tuple[str, str]]:
    """(location, msgid) for every command help and option help the CLI can print."""
    import click

    from netcheck.cli import main
    from netcheck.cli.help import help_text

    def walk(cmd: click.Command, path: str, parent: click.Context | None) -> Iterator[tuple[str, str]]:
        ctx = click.Context(cmd, info_name=path.split()[-1], parent=parent)
        if help_text(cmd):
            yield f"click: {path}", help_text(cmd)
        if cmd.short_help:
            yield f"click: {path}", cmd.short_help
        for p in cmd.get_params(ctx):
            if isinstance(p, click.Option) and p.help:
                yield f"click: {path} {p.opts[0]}", p.help
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, f"{path} {name}", ctx)

    yield from walk(main, "netcheck", None)


def problems(template: Any, lang: str) -> list[str]:
    """Everything that makes the committed catalog for `lang` wrong (empty list: all good)."""
    import gettext

    from babel.messages.pofile import read_po

    with open(po_path(lang), "rb") as f:
        po = read_po(f, locale=lang)
    want = {m.id for m in template if m.id}
    have = {m.id for m in po if m.id}
    out = [f"{lang}: not in the catalog (run update): {i!r}" for i in sorted(want - have)]
    out += [f"{lang}: no longer in the source (run update): {i!r}" for i in sorted(have - want)]
    with open(po_path(lang).with_suffix(".mo"), "rb") as f:
        mo = gettext.GNUTranslations(f)
    # netcheck has no plural messages: an id that is not a plain str is never one of ours
    return out + [p for m in po if isinstance(m.id, str) and m.id in want for p in _entry_problems(m, mo, lang)]


def _entry_problems(m: Any, mo: Any, lang: str) -> list[str]:
    if not m.string or m.fuzzy:
        return [f"{lang}: untranslated{' (fuzzy)' if m.fuzzy else ''}: {m.id!r}"]
    if _fields(m.id) != _fields(m.string):
        return [f"{lang}: placeholders differ: {m.id!r} -> {m.string!r}"]
    if mo.gettext(m.id) != m.string:
        return [f"{lang}: .mo is stale (run update): {m.id!r}"]
    return []


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def update() -> None:
    from babel.messages.pofile import read_po, write_po

    template = extract()
    POT.parent.mkdir(parents=True, exist_ok=True)
    _write_if_changed(POT, _po_bytes(template, write_po))
    for lang in LANGS:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with open(path, "rb") as f:
                po = read_po(f, locale=lang)
        else:
            from babel.messages.catalog import Catalog

            po = Catalog(locale=lang, project="netcheck", charset="utf-8", fuzzy=False)
        po.update(template, update_header_comment=False)
        _write_if_changed(path, _po_bytes(po, write_po))
    compile_all()


def compile_all() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in LANGS:
        with open(po_path(lang), "rb") as f:
            po = read_po(f, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, po, use_fuzzy=False)
        po_path(lang).with_suffix(".mo").write_bytes(buf.getvalue())


_DATE = re.compile(rb'^"POT-Creation-Date: .*$', re.M)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Leave the file alone when only the creation date would change: no churn in commits."""
    if path.exists() and _DATE.sub(b"", path.read_bytes()) == _DATE.sub(b"", data):
        return
    path.write_bytes(data)


def _po_bytes(cat: Any, write_po: Any) -> bytes:
    buf = io.BytesIO()
    # No line numbers: other engineers' edits would otherwise churn every entry's location comment.
    write_po(buf, cat, width=100, ignore_obsolete=True, include_lineno=False)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd != "check":
        print(__doc__, file=sys.stderr)
        return 2
    found = [p for lang in LANGS for p in problems(extract(), lang)]
    print("\n".join(found) if found else "catalogs complete and current", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    # The click texts must come from the tree whose catalogs are written, not from whatever netcheck is installed.
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
