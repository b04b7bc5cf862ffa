"""Basic auth for `serve`: bcrypt hashes from the web config, checked in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

AUTH_CACHE_SIZE = 64  # verified (user, password) digests: bcrypt costs ~0.1 s, a scrape must not


class Authenticator:
    """Checks `Authorization: Basic` against bcrypt hashes, in constant time, with a small cache of
    verified credentials (exporter-toolkit does the same) so a scrape does not pay bcrypt's cost."""

    def __init__(self, users: Mapping[str, bytes]) -> None:
        self._users = dict(users)
        self._ok: dict[bytes, None] = {}
        self._dummy = next(iter(self._users.values()), b"")

    def allows(self, header: str | None) -> bool:
        if not self._users:
            return True
        user, password = _basic(header)
        if not user:
            return False  # no Basic credentials at all: nothing to verify, nothing to pay bcrypt for
        digest = hashlib.sha256(f"{user}\0{password}".encode()).digest()
        if any(hmac.compare_digest(digest, known) for known in self._ok):
            return True
        if not self._verify(user, password):
            return False
        if len(self._ok) >= AUTH_CACHE_SIZE:
            self._ok.pop(next(iter(self._ok)))
        self._ok[digest] = None
        return True

    def _verify(self, user: str, password: str) -> bool:
        import bcrypt

        hashed = self._users.get(user)
        # An unknown user still costs one bcrypt check: the answer's timing does not tell who exists.
        ok = bcrypt.checkpw(password.encode(), hashed or self._dummy)
        return ok and hashed is not None


def _basic(header: str | None) -> tuple[str, str]:
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    try:
        user, _, password = base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return "", ""
    return user, password
