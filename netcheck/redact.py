"""Remove secrets before anything is shown or stored: proxy credentials, user names, tokens."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MASK = "***"
# scheme://user:password@host and scheme://user@host  ->  scheme://***@host
_URL_CREDS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s:]+(?::[^/@\s]*)?@")
# user:password@host without a scheme (curl -x style): the colon tells it from an e-mail; a dot in the
# password part is not matched, so check ids such as dns-cross:host.example.com@203.0.113.53 stay intact
_BARE_CREDS = re.compile(r"(?<![\w/:.@-])[\w.%+~-]+:[^\s/@:.]+@(?=[\w\[])")
# Authorization: Basic xyz / Proxy-Authorization: Bearer xyz  ->  the whole value, to the end of the line
_AUTH_HEADER = re.compile(r"(?i)\b(?P<key>(?:proxy-)?authorization)\s*:\s*[^\r\n\"']+")
# password=x, ?token=x, access_token=x, "user": "x", username=x (query strings, ini files, JSON text)
_WORDS = r"passw(?:or)?d|pwd|pass|secret|token|api[_-]?key|apikey|cookie|session[_-]?id|username|user|login"
_KEY_VALUE = re.compile(
    rf"(?i)(?<![\w-])(?P<key>[\w-]*?(?:{_WORDS})[\w-]*?)(?P<sep>[\"']?\s*=\s*[\"']?|[\"']\s*:\s*[\"'])"
    r"(?P<value>[^\s\"'&;,|)]+)"
)
_PLAIN_COLON = re.compile(
    r"(?i)(?<![\w-])(?P<key>passw(?:or)?d|secret|token|api[_-]?key)(?P<sep>\s*:\s*)(?P<value>\S+)"
)
# keys of JSON/dict documents whose values are secrets whatever they look like
_SECRET_KEY_PARTS = ("password", "passwd", "secret", "token", "authorization", "api_key", "apikey", "cookie")
_SECRET_KEYS = frozenset({"pass", "pwd", "user", "username", "user_name", "login", "proxy_user"})


# Every pattern above needs an "@", an "=" or one of these words: one search rules most strings out.
_MAYBE_SECRET = re.compile(rf"(?i)[@=]|{_WORDS}|authorization")


@lru_cache(maxsize=8192)  # reports repeat the same targets and ids many times
def redact(text: str) -> str:
    if not _MAYBE_SECRET.search(text):
        return text
    text = _URL_CREDS.sub(lambda m: m.group("scheme") + MASK + "@", text)
    text = _BARE_CREDS.sub(MASK + "@", text)
    text = _AUTH_HEADER.sub(lambda m: f"{m.group('key')}: {MASK}", text)
    text = _KEY_VALUE.sub(lambda m: m.group("key") + m.group("sep") + MASK, text)
    return _PLAIN_COLON.sub(lambda m: m.group("key") + m.group("sep") + MASK, text)


def secret_key(key: object) -> bool:
    k = str(key).lower()
    return k in _SECRET_KEYS or any(part in k for part in _SECRET_KEY_PARTS)


def redact_value(value: Any) -> Any:
    """Strings are redacted; values stored under a secret-looking key are masked whole."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: MASK if secret_key(k) and v not in (None, "") else redact_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_value(v) for v in value]
    return value
