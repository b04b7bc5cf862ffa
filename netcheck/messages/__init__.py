"""Render user-facing text: look up the English source, translate, fill parameters."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from netcheck.messages.catalog import FINDINGS, KIND_HEADING, LABELS, REASON_WORD, STATUS_WORD, SUMMARY

if TYPE_CHECKING:
    from netcheck.model import Finding


class Translator(Protocol):
    def gettext(self, message: str) -> str: ...


LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "netcheck"


def translator(lang: str | None = None) -> Translator:
    """English unless a compiled catalog for `lang` ships with the package
    (netcheck/locale/<lang>/LC_MESSAGES/netcheck.mo)."""
    if not lang or lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


class _Safe(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: Mapping[str, Any]) -> str:
    return template.format_map(_Safe({k: v for k, v in params.items()}))


def finding_texts(f: Finding, tr: Translator) -> tuple[str, str, str]:
    """(title, remediation for the trader, detail for the IT admin)."""
    text = FINDINGS.get(f.id) or FINDINGS["check-failed"]
    texts = (text.title, text.remediation, text.admin)
    # An empty text must stay empty: gettext("") returns the catalog's header.
    return tuple(fill(tr.gettext(t), f.params) if t else "" for t in texts)  # type: ignore[return-value]


def summary(status: str, tr: Translator) -> str:
    return tr.gettext(SUMMARY[status])


def status_word(status: str, tr: Translator) -> str:
    return tr.gettext(STATUS_WORD[status])


def heading(kind: str, tr: Translator) -> str:
    return tr.gettext(KIND_HEADING.get(kind, kind))


def label(key: str, tr: Translator, **params: Any) -> str:
    return fill(tr.gettext(LABELS[key]), params) if params else tr.gettext(LABELS[key])


def reason_word(reason: str, tr: Translator) -> str:
    return tr.gettext(REASON_WORD[reason]) if reason in REASON_WORD else reason
