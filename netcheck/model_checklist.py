"""Value objects of the short failure checklist: the tally in words and the folded check groups."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tally:
    """The run in a trader's words: a failed check that a finding explains is counted with that finding."""

    checks: int = 0
    passed: int = 0
    explained: int = 0  # failed or warned, and a finding names it
    unexplained: int = 0  # failed or warned, and no finding names it: listed one by one
    not_tested: int = 0  # skipped: a check it needs failed, the run ended, or not applicable here

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class CheckGroup:
    """Checks the short checklist folds into one line: all passed, all explained, or skipped for one reason."""

    outcome: str  # "passed" | "explained" | "skipped"
    count: int
    kind: str = ""  # skipped groups: the check kind
    reason: str = ""  # skipped groups: the Reason value
    why: str = ""  # skipped groups: the engine's why, e.g. "the name did not resolve"


__all__ = ["CheckGroup", "Tally"]
