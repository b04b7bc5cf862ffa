"""Load host lists: the bundled default or the user's files, merged and validated in full."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

from netcheck.errors import ConfigError
from netcheck.hostlist.read import parse
from netcheck.hostlist.validate import Validator
from netcheck.model import HostList

DEFAULT_LIST = "tws.toml"


def default_path() -> Path:
    """The bundled list: packaged copy in a wheel, the repo's hosts/ in a source checkout."""
    packaged = resources.files("netcheck") / "_hosts" / DEFAULT_LIST
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "hosts" / DEFAULT_LIST


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
        canary=_canaries(parts),
    )


def _canaries(parts: list[HostList]) -> tuple[str, ...] | None:
    """Every file's own [intercept] canary, in order; None when no file names any (the default applies)."""
    named = [p.canary for p in parts if p.canary is not None]
    return tuple(dict.fromkeys(ip for c in named for ip in c)) if named else None


def _load_one(path: Path) -> HostList:
    text, doc = parse(path)
    return Validator(str(path), text).host_list(doc)


def select_regions(hl: HostList, regions: tuple[str, ...]) -> HostList:
    """--region limits the gateways; hosts without a region (web, update) always stay."""
    if not regions:
        return hl
    unknown = [r for r in regions if r not in hl.regions]
    if unknown:
        allowed = ", ".join(hl.regions) or "none (this host list defines no regions)"
        raise ConfigError("--region", f"unknown region {unknown[0]!r}; allowed: {allowed}")
    keep = tuple(h for h in hl.hosts if not h.region or h.region in regions)
    return replace(hl, hosts=keep)
