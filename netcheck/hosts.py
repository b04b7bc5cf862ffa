"""Load host-list TOML files and validate them completely; every error names file, line and key."""

from __future__ import annotations

import codecs
import ipaddress
import re
import stat
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from netcheck.errors import ConfigError
from netcheck.model import HostEntry, HostList, Reachability

MAX_FILE_BYTES = 1_000_000
DEFAULT_LIST = "tws.toml"
# DNS labels: letters, digits, hyphen and underscore (IBKR's backups are spelled ndc1_hb1).
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")
_TOP_KEYS = {"list", "dns", "host", "reachability"}
_HOST_KEYS = {"name", "ports", "purpose", "region", "required"}
_REACH_KEYS = {"url", "expect_status", "expect_body"}
_LIST_KEYS = {"name", "description"}


def default_path() -> Path:
    """The bundled list: packaged copy in a wheel, the repo's hosts/ in a source checkout."""
    packaged = resources.files("netcheck") / "_hosts" / DEFAULT_LIST
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "hosts" / DEFAULT_LIST


def load(paths: list[Path] | None = None) -> HostList:
    """Load and merge host lists; a host named twice (same name) across files is an error."""
    files = paths or [default_path()]
    parts = [_load_one(p) for p in files]
    merged = _merge(parts)
    return merged


def _merge(parts: list[HostList]) -> HostList:
    seen: dict[str, str] = {}
    for part in parts:
        for h in part.hosts:
            if h.name.lower() in seen:
                raise ConfigError(
                    h.source, f"host {h.name!r} is also defined in {seen[h.name.lower()]}", key="host.name"
                )
            seen[h.name.lower()] = h.source
    public = tuple(dict.fromkeys(ip for p in parts for ip in p.public_dns))
    return HostList(
        hosts=tuple(h for p in parts for h in p.hosts),
        reachability=tuple(r for p in parts for r in p.reachability),
        public_dns=public,
        sources=tuple(s for p in parts for s in p.sources),
    )


def _read(path: Path) -> str:
    name = str(path)
    try:
        st = path.stat()
        _check_file_type(name, st.st_mode, st.st_size)
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # bounded: the file may grow between stat and read
    except FileNotFoundError:
        raise ConfigError(name, "file not found") from None
    except PermissionError:
        raise ConfigError(name, "permission denied") from None
    except OSError as exc:
        raise ConfigError(name, f"cannot read: {exc.strerror or exc}") from None
    _check_file_type(name, stat.S_IFREG, len(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ConfigError(name, "is UTF-16 text; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)")
    if b"\x00" in data:
        raise ConfigError(name, "binary data (NUL byte), expected a TOML text file")
    data = data.removeprefix(codecs.BOM_UTF8)  # Windows editors prepend a byte-order mark; it is not content
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(name, "not valid UTF-8 text", line=line) from None


def _check_file_type(name: str, mode: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise ConfigError(name, "is a directory, expected a TOML file")
    if not stat.S_ISREG(mode):  # reading a FIFO without a writer blocks forever; a device may never end
        raise ConfigError(name, "is not a regular file (a pipe or device?); save the host list to a file")
    if size > MAX_FILE_BYTES:
        raise ConfigError(name, f"file is larger than the limit of {MAX_FILE_BYTES} bytes")


def _load_one(path: Path) -> HostList:
    text = _read(path)
    name = str(path)
    try:
        doc = tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nesting level; thousands of [[[ exhaust the stack
        raise ConfigError(name, "invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        if line is None and "end of document" in str(exc):
            line = text.count("\n") + 1  # the error is where the file ends
        raise ConfigError(name, f"invalid TOML: {_strip_position(str(exc))}", line=line) from None
    return _Validator(name, text).host_list(doc)


def _line_from_message(msg: str) -> int | None:
    m = re.search(r"line (\d+)", msg)
    return int(m.group(1)) if m else None


# tomllib's wording for the mistakes people make most, in plain words
_TOML_HINTS = {
    "Illegal character '\\n'": 'a string is not closed on this line (a " is missing)',
    "Cannot overwrite a value": "a key or table is defined twice",
    "Invalid statement": "expected `key = value` or a [table] header",
}


def _strip_position(msg: str) -> str:
    msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) or msg
    return _TOML_HINTS.get(msg, msg)


@dataclass
class _Validator:
    """Checks a parsed document; tomllib loses positions, so lines are found again in the text."""

    file: str
    text: str

    def fail(self, key: str, message: str, table: str = "", index: int = -1, field: str = "") -> ConfigError:
        return ConfigError(self.file, message, line=self.locate(table, index, field), key=key)

    def locate(self, table: str, index: int, field: str) -> int | None:
        lines = self.text.splitlines()
        start, end = 0, len(lines)
        if table:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
            hits = [i for i, ln in enumerate(lines) if header.match(ln)]
            if index >= 0 and index < len(hits):
                start = hits[index]
            elif hits:
                start = hits[0]
            elif not field:
                return None
            nxt = [i for i, ln in enumerate(lines) if i > start and re.match(r"^\s*\[", ln)]
            end = nxt[0] if nxt else len(lines)
            if not field:
                return start + 1
        if field:
            pat = re.compile(rf"^\s*{re.escape(field)}\s*=")
            for i in range(start, end):
                if pat.match(lines[i]):
                    return i + 1
        return start + 1 if table else None

    def host_list(self, doc: dict[str, Any]) -> HostList:
        for key in doc:
            if key not in _TOP_KEYS:
                raise self.fail(key, f"unknown key; allowed: {', '.join(sorted(_TOP_KEYS))}", field=key, table=key)
        self.list_table(doc.get("list", {}))
        hosts = self._array(doc, "host")
        if not hosts and not doc.get("reachability"):
            raise self.fail("host", "no [[host]] entries: a host list needs at least one host")
        entries = tuple(self.host(i, h) for i, h in enumerate(hosts))
        self._no_duplicates(entries)
        reach = tuple(self.reach(i, r) for i, r in enumerate(self._array(doc, "reachability")))
        return HostList(
            hosts=entries, reachability=reach, public_dns=self.dns(doc.get("dns", {})), sources=(self.file,)
        )

    def _array(self, doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, f"must be an array of tables written [[{key}]]", table=key, field=key)
        return value

    def list_table(self, table: Any) -> None:
        if not isinstance(table, dict):
            raise self.fail("list", "must be a table [list]", "list", -1, "list")
        self._known_keys(table, _LIST_KEYS, "list", "list", -1)
        for key in table:
            self._str(table, key, "list", "list", -1)

    def host(self, i: int, h: dict[str, Any]) -> HostEntry:
        where = f"host[{i + 1}]"
        self._known_keys(h, _HOST_KEYS, where, "host", i)
        name = self._str(h, "name", where, "host", i, required=True)
        self._hostname(name, where, i)
        ports = self._ports(h, where, i)
        purpose = self._str(h, "purpose", where, "host", i) or name
        region = self._str(h, "region", where, "host", i)
        if region and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", region):
            raise self.fail(f"{where}.region", "use lower-case letters, digits and hyphens", "host", i, "region")
        required = h.get("required", True)
        if not isinstance(required, bool):
            raise self.fail(f"{where}.required", "must be true or false", "host", i, "required")
        return HostEntry(
            name=name.lower().rstrip("."),
            ports=ports,
            purpose=purpose,
            region=region,
            required=required,
            source=f"{self.file}:{self.locate('host', i, '') or 0}",
        )

    def _known_keys(self, table: dict[str, Any], allowed: set[str], where: str, kind: str, i: int) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"{where}.{key}", f"unknown key; allowed: {', '.join(sorted(allowed))}", kind, i, key)

    def _str(self, t: dict[str, Any], key: str, where: str, kind: str, i: int, required: bool = False) -> str:
        if key not in t:
            if required:
                raise self.fail(f"{where}.{key}", "missing", kind, i)
            return ""
        value = t[key]
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"must be a string, got {type(value).__name__}", kind, i, key)
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", "must not be empty", kind, i, key)
        return value.strip()

    def _hostname(self, name: str, where: str, i: int) -> None:
        if _is_ip(name):
            return
        bare = name.rstrip(".")
        labels = bare.split(".")
        if len(bare) > 253 or len(labels) < 2 or not all(_LABEL.match(lb) for lb in labels):
            raise self.fail(f"{where}.name", f"{name!r} is not a valid host name or IP address", "host", i, "name")

    def _ports(self, h: dict[str, Any], where: str, i: int) -> tuple[int, ...]:
        ports = h.get("ports")
        if ports is None:
            raise self.fail(f"{where}.ports", "missing (e.g. ports = [4000, 4001])", "host", i)
        if not isinstance(ports, list) or not ports:
            raise self.fail(f"{where}.ports", "must be a non-empty list of port numbers", "host", i, "ports")
        for p in ports:
            if isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= 65535:
                raise self.fail(f"{where}.ports", f"{p!r} is not a port number 1-65535", "host", i, "ports")
        if len(set(ports)) != len(ports):
            raise self.fail(f"{where}.ports", "lists a port twice", "host", i, "ports")
        return tuple(ports)

    def _no_duplicates(self, entries: tuple[HostEntry, ...]) -> None:
        seen: set[str] = set()
        for i, e in enumerate(entries):
            if e.name in seen:
                raise self.fail(f"host[{i + 1}].name", f"duplicate host {e.name!r}", "host", i, "name")
            seen.add(e.name)

    def reach(self, i: int, r: dict[str, Any]) -> Reachability:
        where = f"reachability[{i + 1}]"
        self._known_keys(r, _REACH_KEYS, where, "reachability", i)
        url = self._str(r, "url", where, "reachability", i, required=True)
        self._url(url, where, i)
        status = r.get("expect_status", 200)
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise self.fail(
                f"{where}.expect_status", "must be an HTTP status 100-599", "reachability", i, "expect_status"
            )
        body = self._str(r, "expect_body", where, "reachability", i)
        return Reachability(url=url, expect_status=status, expect_body=body, source=self.file)

    def _url(self, url: str, where: str, i: int) -> None:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018  (raises ValueError for a port outside 0-65535)
        except ValueError as exc:
            raise self.fail(f"{where}.url", f"not a valid URL: {exc}", "reachability", i, "url") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise self.fail(f"{where}.url", "must be an http:// or https:// URL with a host", "reachability", i, "url")
        if parts.username is not None or parts.password is not None:
            # a password in a host list would end up in check ids, reports and history
            raise self.fail(f"{where}.url", "must not contain a user name or password", "reachability", i, "url")
        if any(ord(c) < 33 or ord(c) == 127 for c in url):
            raise self.fail(f"{where}.url", "must not contain spaces or control characters", "reachability", i, "url")

    def dns(self, table: Any) -> tuple[str, ...]:
        if not isinstance(table, dict):
            raise self.fail("dns", "must be a table [dns]", "dns", -1, "dns")
        self._known_keys(table, {"public"}, "dns", "dns", -1)
        servers = table.get("public", [])
        if not isinstance(servers, list):
            raise self.fail("dns.public", "must be a list of IP addresses", "dns", -1, "public")
        for s in servers:
            if not isinstance(s, str) or not _is_ip(s):
                raise self.fail("dns.public", f"{s!r} is not an IP address", "dns", -1, "public")
        return tuple(servers)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def select_regions(hl: HostList, regions: tuple[str, ...]) -> HostList:
    """--region limits the gateways; hosts without a region (web, update) always stay."""
    if not regions:
        return hl
    unknown = [r for r in regions if r not in hl.regions]
    if unknown:
        allowed = ", ".join(hl.regions) or "none (this host list defines no regions)"
        raise ConfigError("--region", f"unknown region {unknown[0]!r}; allowed: {allowed}")
    keep = tuple(h for h in hl.hosts if not h.region or h.region in regions)
    return HostList(hosts=keep, reachability=hl.reachability, public_dns=hl.public_dns, sources=hl.sources)
