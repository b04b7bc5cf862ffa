"""Validate a parsed host list completely: every error names file, line and key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from netcheck.errors import ConfigError
from netcheck.hostlist.locate import locate
from netcheck.hostlist.urls import url_problem
from netcheck.ipaddr import is_ip
from netcheck.model import HostEntry, HostList, Reachability

# DNS labels: letters, digits, hyphen and underscore (IBKR's backups are spelled ndc1_hb1).
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")
_TOP_KEYS = {"list", "dns", "host", "reachability", "intercept"}
_HOST_KEYS = {"name", "ports", "purpose", "region", "required", "backup_of"}
_REACH_KEYS = {"url", "expect_status", "expect_body"}
_LIST_KEYS = {"name", "description"}


@dataclass
class Validator:
    """Checks a parsed document; tomllib loses positions, so lines are found again in the text."""

    file: str
    text: str

    def fail(self, key: str, message: str, table: str = "", index: int = -1, field: str = "") -> ConfigError:
        return ConfigError(self.file, message, line=self.locate(table, index, field), key=key)

    def locate(self, table: str, index: int, field: str) -> int | None:
        return locate(self.text, table, index, field)

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
        self._backups(entries)
        reach = tuple(self.reach(i, r) for i, r in enumerate(self._array(doc, "reachability")))
        return HostList(
            hosts=entries,
            reachability=reach,
            public_dns=self.dns(doc.get("dns", {})),
            sources=(self.file,),
            canary=self.intercept(doc["intercept"]) if "intercept" in doc else None,
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
        backup_of = self._str(h, "backup_of", where, "host", i).lower().rstrip(".")
        if backup_of and region:
            # its RTT would be counted as its primary's region (a Chicago backup reported as "europe")
            raise self.fail(
                f"{where}.region",
                "a backup (backup_of) carries no region: it may live in another data centre",
                "host",
                i,
                "region",
            )
        return HostEntry(
            name=name.lower().rstrip("."),
            ports=ports,
            purpose=purpose,
            region=region,
            required=required,
            source=f"{self.file}:{self.locate('host', i, '') or 0}",
            backup_of=backup_of,
        )

    def _backups(self, entries: tuple[HostEntry, ...]) -> None:
        primaries = {e.name for e in entries if not e.backup_of}
        for i, e in enumerate(entries):
            if e.backup_of and e.backup_of not in primaries:
                why = f"{e.backup_of!r} is not a [[host]] of this list that is not itself a backup"
                raise self.fail(f"host[{i + 1}].backup_of", why, "host", i, "backup_of")

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
        if is_ip(name):
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
        problem = url_problem(url)
        if problem:
            raise self.fail(f"{where}.url", problem, "reachability", i, "url")

    def dns(self, table: Any) -> tuple[str, ...]:
        if not isinstance(table, dict):
            raise self.fail("dns", "must be a table [dns]", "dns", -1, "dns")
        self._known_keys(table, {"public"}, "dns", "dns", -1)
        return self._ips(table, "dns", "public")

    def intercept(self, table: Any) -> tuple[str, ...] | None:
        """[intercept] canary: addresses a connect on 4001 must not reach (default: [dns] public)."""
        if not isinstance(table, dict):
            raise self.fail("intercept", "must be a table [intercept]", "intercept", -1, "intercept")
        self._known_keys(table, {"canary"}, "intercept", "intercept", -1)
        return self._ips(table, "intercept", "canary") if "canary" in table else None

    def _ips(self, table: dict[str, Any], name: str, key: str) -> tuple[str, ...]:
        values = table.get(key, [])
        if not isinstance(values, list):
            raise self.fail(f"{name}.{key}", "must be a list of IP addresses", name, -1, key)
        for v in values:
            if not isinstance(v, str) or not is_ip(v):
                raise self.fail(f"{name}.{key}", f"{v!r} is not an IP address", name, -1, key)
        return tuple(values)
