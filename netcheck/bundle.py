"""`netcheck bundle`: one zip with what IBKR support or IT asks for, every file redacted before it is written.

Support asks for the time frame, the pattern (always, or at certain times) and the operating system: the
reports say what failed and when, the history shows the pattern, system.json the OS and versions.
"""

from __future__ import annotations

import io
import json
import os
import platform
import time
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netcheck.redact import redact, redact_value

PROXY_VARS = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SOCKS_PROXY")
HISTORY_RUNS = 50
README = """netcheck support bundle
=======================
report.md     the checklist: what failed, why, and what to do (paste into a support ticket)
report.json   the same run, machine-readable (schema netcheck/report/v1)
report.html   the same run for a browser: findings, allow-list, charts; prints on A4/Letter (not with --from-last)
history.json  the last runs: when each ran and what it found (the time frame and the pattern)
system.json   operating system, Python and netcheck versions, time zone, when this bundle was made
problem.json  what IBKR's desks ask for: since when the problem occurs, the pattern noticed, and the OS
proxy.json    proxy settings from the environment, credentials removed
hosts/        the host lists that were checked
Passwords, tokens and proxy credentials are removed from every file.
"""


def system_info(now: datetime | None = None) -> dict[str, Any]:
    from netcheck import __version__

    now = now or datetime.now(UTC)
    return {
        "netcheck": __version__,
        "os": platform.platform(),
        "system": platform.system(),
        "release": platform.release(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "created_utc": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "created_local": now.astimezone().isoformat(timespec="seconds"),
        "timezone": time.tzname[time.daylight and time.localtime().tm_isdst > 0],
    }


def proxy_settings(environ: Mapping[str, str]) -> dict[str, str]:
    """Both spellings, as tools differ in which they read; values redacted (user:password@ -> ***@)."""
    found = {}
    for name in PROXY_VARS:
        for key in (name, name.lower()):
            if environ.get(key):
                found[key] = redact(environ[key])
    return found


def problem(time_frame: str, pattern: str, system: Mapping[str, Any]) -> dict[str, Any]:
    """The user's own words for the desk (both optional), beside the OS they will ask about next."""
    return {"time_frame": time_frame.strip(), "pattern": pattern.strip(), "os": system.get("os", "")}


def history_summary(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest first: when, result, which findings, which checks failed; enough to see a pattern."""
    return [
        {
            "started_at": r.get("started_at"),
            "status": r.get("status"),
            "duration_ms": r.get("duration_ms"),
            "interrupted": r.get("interrupted"),
            "findings": [f.get("id") for f in r.get("findings", [])],
            "failed_checks": [c.get("id") for c in r.get("checks", []) if c.get("status") in ("fail", "warn")],
        }
        for r in runs
    ]


def markdown_from_json(doc: Mapping[str, Any]) -> str:
    """For --from-last: the stored JSON already carries the rendered texts; lay them out for a ticket."""
    lines = ["# netcheck report (last recorded run)", "", f"- **Status:** {doc.get('status')}"]
    lines += [f"- **Started:** {doc.get('started_at')} ({(doc.get('duration_ms') or 0) / 1000:.1f} s)", ""]
    for f in doc.get("findings", []):
        lines += [f"## {f.get('title')} (`{f.get('id')}`)", "", str(f.get("remediation", "")), ""]
        lines += [f"**For IT:** {f.get('admin', '')}", ""] + [f"- `{e}`" for e in f.get("evidence", [])] + [""]
    lines += ["## Checks", "", "| check | status | reason |", "|---|---|---|"]
    lines += [f"| `{c.get('id')}` | {c.get('status')} | {c.get('reason')} |" for c in doc.get("checks", [])]
    return "\n".join(lines) + "\n"


def build_zip(files: Mapping[str, str]) -> bytes:
    """Pure: the archive bytes; every text is redacted once more here, whatever its source."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=time.gmtime()[:6])
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            z.writestr(info, redact(text))
    return buf.getvalue()


def collect(
    report_json: Mapping[str, Any],
    report_md: str,
    history: list[dict[str, Any]],
    host_files: list[str],
    environ: Mapping[str, str],
    time_frame: str = "",
    pattern: str = "",
    report_html: str = "",
) -> dict[str, str]:
    system = system_info()
    files = {
        "README.txt": README,
        "report.json": _dump(redact_value(dict(report_json))),
        "report.md": report_md,
        "history.json": _dump(history_summary(history)),
        "system.json": _dump(system),
        "problem.json": _dump(problem(time_frame, pattern, system)),
        "proxy.json": _dump(proxy_settings(environ)),
    }
    if report_html:
        files["report.html"] = redact(report_html)
    for i, src in enumerate(host_files):
        files[f"hosts/{i + 1}-{Path(src).name}"] = _read_text(src)
    return files


_SECRET_KEYS = ("password", "passwd", "secret", "token", "authorization", "api_key", "apikey")


def _hide_secret_keys(value: Any) -> Any:
    """redact() finds `password=x` in text; in a JSON document the secret sits under a key instead."""
    if isinstance(value, dict):
        return {
            k: "***" if any(s in str(k).lower() for s in _SECRET_KEYS) else _hide_secret_keys(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_hide_secret_keys(v) for v in value]
    return value


def _dump(value: Any) -> str:
    return json.dumps(_hide_secret_keys(value), indent=2, ensure_ascii=False) + "\n"


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return f.read(1_000_000).decode("utf-8", "replace")
    except OSError as exc:
        return f"# could not read {path}: {exc.strerror or exc}\n"


def write(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically, like --output: a half-written zip never appears under the final name."""
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)  # it describes this computer's network: private by default
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
