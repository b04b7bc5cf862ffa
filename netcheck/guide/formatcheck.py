"""Offline format checks of a user name and a security code: pure, nothing is kept or sent."""

from __future__ import annotations

import string

from netcheck.messages.base import N_

_LOWER = frozenset(string.ascii_lowercase)
_UPPER = frozenset(string.ascii_uppercase)
_DIGITS = frozenset(string.digits)

EMPTY = N_("Nothing was entered.")
SPACES = N_("It contains spaces: type it without spaces.")
USER_UPPER = N_("It contains capital letters: user names are lower case (is Caps Lock on?).")
CODE_LOWER = N_("It contains lower-case letters: letters in a temporary code are capitals.")
OTHER = N_("It contains characters other than letters and digits (check the keyboard layout).")
USER_OK = N_("The format of the user name looks right: lower-case letters and digits, no spaces.")
CODE_OK = N_("The format of the code looks right: capital letters and digits, no spaces.")


def username_problems(value: str) -> tuple[str, ...]:
    """Messages for what is wrong with the user name's format; empty when it looks right."""
    return _problems(value, allowed=_LOWER | _DIGITS, wrong_case=_UPPER, case_msg=USER_UPPER)


def code_problems(value: str) -> tuple[str, ...]:
    """Temporary codes have capital letters and digits; card and device codes digits only."""
    return _problems(value, allowed=_UPPER | _DIGITS, wrong_case=_LOWER, case_msg=CODE_LOWER)


def _problems(value: str, allowed: frozenset[str], wrong_case: frozenset[str], case_msg: str) -> tuple[str, ...]:
    if not value:
        return (EMPTY,)
    chars = set(value)
    found = []
    if any(c.isspace() for c in chars):
        found.append(SPACES)
    if chars & wrong_case:
        found.append(case_msg)
    if chars - allowed - wrong_case - {c for c in chars if c.isspace()}:
        found.append(OTHER)
    return tuple(found)
