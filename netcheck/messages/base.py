"""The leaf of netcheck.messages: the extraction marker and the text value types every text module uses.

It imports nothing from netcheck, so any text module (and any package with its own texts) can import it
without pulling in the assembled catalog or creating an import cycle."""

from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Mark `text` for extraction into the gettext catalog; it is translated at render time, not here."""
    return text


@dataclass(frozen=True)
class FindingText:
    """The English source texts of one finding, with {placeholders} filled from the finding's params."""

    title: str
    remediation: str  # for the trader: plain words, what to do now
    admin: str  # for the IT admin: exact hosts, ports, protocols
