"""The committed gettext catalogs are current with the source and German is complete."""

from __future__ import annotations

import gettext
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("babel", reason="Babel is a test dependency (pip install -e '.[test]')")

from babel.messages.pofile import read_po, write_po  # noqa: E402

TOOL = Path(__file__).resolve().parent.parent / "packaging" / "i18n" / "catalog.py"


def _load_tool() -> ModuleType:
    """The catalog tool lives outside the package (it is not shipped), so it is loaded from its file."""
    spec = importlib.util.spec_from_file_location("netcheck_i18n_catalog", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tools = _load_tool()


@pytest.fixture(scope="module")
def template():  # type: ignore[no-untyped-def]
    return tools.extract()


def _ids(cat) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id for m in cat if m.id}


def test_fresh_extraction_matches_committed_catalogs(template, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pot = tmp_path / "netcheck.pot"
    with open(pot, "wb") as f:
        write_po(f, template)
    with open(pot, "rb") as f:
        fresh = _ids(read_po(f))
    with open(tools.POT, "rb") as f:
        committed_pot = _ids(read_po(f))
    with open(tools.po_path("de"), "rb") as f:
        committed_de = _ids(read_po(f))
    hint = "catalog is stale: run `python packaging/i18n/catalog.py update` and translate the new strings"
    assert fresh - committed_de == set(), hint
    assert committed_de - fresh == set(), hint
    assert fresh == committed_pot, hint


def test_every_message_has_a_german_translation(template) -> None:  # type: ignore[no-untyped-def]
    assert tools.problems(template, "de") == []


def test_extraction_covers_the_main_sources(template) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(template)
    assert "Ready: TWS should connect from this network." in ids  # messages/report.py (N_)
    assert "Security device not at hand" in ids  # guide topics
    assert "Seconds each connect or query may take." in ids  # click option help, no markup in cli.py
    assert "Show this message and exit." in ids  # click's own help option


def test_compiled_catalog_loads_and_translates() -> None:
    with open(tools.po_path("de").with_suffix(".mo"), "rb") as f:
        de = gettext.GNUTranslations(f)
    assert de.gettext("Checks") == "Prüfungen"
    assert de.info().get("language") == "de"
