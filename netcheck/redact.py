"""Remove secrets before anything is shown or stored: proxy credentials, user names, tokens."""

from __future__ import annotations

import re
from typing import Any

# scheme://user:password@host  ->  scheme://***@host
_URL_CREDS = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s:]+(?::[^/@\s]*)?@")
_KEY_VALUE = re.compile(r"(?i)\b(password|passwd|pwd|token|secret|api[_-]?key|authorization)\s*[=:]\s*\S+")


def redact(text: str) -> str:
    text = _URL_CREDS.sub(lambda m: m.group("scheme") + "***@", text)
    return _KEY_VALUE.sub(lambda m: m.group(1) + "=***", text)


def redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_value(v) for v in value]
    return value
