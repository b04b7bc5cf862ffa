"""Reachability URLs in a host list: what makes one unusable, in the words the error message shows."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_problem(url: str) -> str:
    """Why `url` cannot be a reachability check ("" when it can)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port outside 0-65535)
    except ValueError as exc:
        return f"not a valid URL: {exc}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL with a host"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password"  # it would end up in check ids, reports, history
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        return "must not contain spaces or control characters"
    return ""
