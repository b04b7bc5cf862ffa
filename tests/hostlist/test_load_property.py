"""Property: any bytes or TOML-shaped text given to the host loader give a HostList or a ConfigError."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netcheck import hostlist
from netcheck.errors import ConfigError
from netcheck.model import HostList

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORKDIR = Path(tempfile.mkdtemp(prefix="nch-prop-"))  # hypothesis reruns one test body: no tmp_path
atexit.register(shutil.rmtree, WORKDIR, True)

# Mostly plausible values, so that some documents load and the validator's deeper branches run.
good_names = st.from_regex(r"[a-z0-9]([a-z0-9_-]{0,8}[a-z0-9])?\.(example\.com|ibllc\.com|[a-z]{2,5})", fullmatch=True)
odd_names = st.sampled_from(["203.0.113.5", "2001:db8::1", "", "x", "a..b", "A.B.", "[::1]", "h:1"])
names = st.one_of(good_names, good_names, odd_names, st.text(max_size=30))
ports = st.one_of(st.integers(1, 65535), st.integers(-2, 70000), st.text(max_size=4), st.booleans(), st.floats())
scalars = st.one_of(st.integers(-(2**70), 2**70), st.text(max_size=20), st.booleans(), st.floats(), names)
_host_optional = {
    "purpose": scalars,
    "region": st.one_of(st.sampled_from(["europe", "Asia", "a b", ""]), scalars),
    "required": st.one_of(st.booleans(), scalars),
}
host_tables = st.one_of(
    st.fixed_dictionaries(
        {"name": names, "ports": st.lists(st.integers(1, 65535), min_size=1, max_size=3, unique=True)},
        optional={k: st.just("x") if k != "required" else st.booleans() for k in ("purpose", "required")},
    ),
    st.fixed_dictionaries(
        {},
        optional={"name": names, "ports": st.one_of(st.lists(ports, max_size=4), ports), **_host_optional},
    ),
)
reach_tables = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(
            st.sampled_from(["http://a.example.com/", "https://[::1/", "http://u:p@a.example.com/", "ftp://x/"]),
            st.text(max_size=40),
        ),
        "expect_status": scalars,
        "expect_body": scalars,
    },
)
wild_documents = st.fixed_dictionaries(
    {},
    optional={
        "host": st.one_of(st.lists(host_tables, max_size=4), scalars),
        "reachability": st.one_of(st.lists(reach_tables, max_size=2), scalars),
        "dns": st.one_of(st.fixed_dictionaries({}, optional={"public": st.lists(scalars, max_size=3)}), scalars),
        "list": st.one_of(st.fixed_dictionaries({}, optional={"name": st.text(max_size=9)}), scalars),
    },
)
plausible_documents = st.fixed_dictionaries(
    {"host": st.lists(host_tables, min_size=1, max_size=4)},
    optional={
        "reachability": st.lists(reach_tables, max_size=2),
        "dns": st.fixed_dictionaries({}, optional={"public": st.lists(st.ip_addresses().map(str), max_size=3)}),
        "list": st.fixed_dictionaries({}, optional={"name": st.text(max_size=9)}),
    },
)
documents = st.one_of(wild_documents, plausible_documents)


def toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(v), repr(v))
    if isinstance(v, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def to_toml(doc: dict[str, object]) -> str:
    """Arrays of tables become [[name]] blocks, so line lookup in the loader is exercised too."""
    lines = [f"{k} = {toml_value(v)}" for k, v in doc.items() if not _is_table_array(v) and not isinstance(v, dict)]
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += [f"[{k}]"] + [f"{kk} = {toml_value(vv)}" for kk, vv in v.items()]
        elif _is_table_array(v):
            for table in v:  # type: ignore[attr-defined]
                lines += [f"[[{k}]]"] + [f"{kk} = {toml_value(vv)}" for kk, vv in table.items()]
    return "\n".join(lines) + "\n"


def _is_table_array(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def load_bytes(data: bytes) -> HostList | ConfigError:
    path = WORKDIR / "list.toml"
    path.write_bytes(data)
    try:
        return hostlist.load([path])
    except ConfigError as exc:
        assert exc.file == str(path) and exc.message
        assert exc.line is None or 1 <= exc.line <= data.count(b"\n") + 1
        return exc


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    assert isinstance(load_bytes(data), (HostList, ConfigError))


@SETTINGS
@given(st.text(alphabet=st.sampled_from('[]{}=".,#\n ahostnport0149-_:'), max_size=200))
def test_random_toml_like_text(text: str) -> None:
    assert isinstance(load_bytes(text.encode()), (HostList, ConfigError))


@SETTINGS
@given(documents)
def test_random_documents(doc: dict[str, object]) -> None:
    result = load_bytes(to_toml(doc).encode())
    event("loaded" if isinstance(result, HostList) else "refused")
    if isinstance(result, HostList):  # whatever loads is fully valid
        assert result.hosts or result.reachability
        for h in result.hosts:
            assert h.ports and all(1 <= p <= 65535 for p in h.ports) and h.name == h.name.lower()
        assert len({h.name for h in result.hosts}) == len(result.hosts)
