"""The public API is exactly `netcheck.__all__` (httpx's exported-members test), each name documented."""

from __future__ import annotations

import inspect
import pkgutil
import subprocess
import sys

import netcheck


def test_all_is_sorted_and_unique() -> None:
    assert netcheck.__all__ == sorted(set(netcheck.__all__))


def test_every_exported_name_exists() -> None:
    for name in netcheck.__all__:
        assert getattr(netcheck, name) is not None, name
    assert set(netcheck.__all__) <= set(dir(netcheck))


def test_nothing_else_public_is_exported() -> None:
    for name in netcheck.__all__:
        getattr(netcheck, name)  # bind every lazy name first
    public = {n for n, v in vars(netcheck).items() if not n.startswith("_") and not inspect.ismodule(v)}
    assert public == set(netcheck.__all__) - {"__version__"}


def test_every_exported_name_is_documented_in_the_package_docstring() -> None:
    doc = netcheck.__doc__ or ""
    undocumented = [n for n in netcheck.__all__ if f"- ``{n}``: " not in doc]
    assert undocumented == []


def test_no_exported_name_is_also_a_submodule() -> None:
    # importing the submodule would rebind the package attribute to the module, shadowing the export
    submodules = {m.name for m in pkgutil.iter_modules(netcheck.__path__)}
    assert set(netcheck.__all__) & submodules == set()


def test_unknown_names_raise_attribute_error_and_submodules_still_import() -> None:
    assert not hasattr(netcheck, "no_such_name")
    from netcheck import hostlist as hosts  # resolved as the submodule, not by __getattr__

    assert inspect.ismodule(hosts)


def test_import_exposes_nothing_public_and_loads_no_engine() -> None:
    code = (
        "import sys, netcheck\n"
        "print(sorted(n for n in vars(netcheck) if not n.startswith('_')))\n"
        "print(sorted(m for m in sys.modules if m.startswith('netcheck.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "[]"]


def test_exports_are_the_objects_they_name() -> None:
    from netcheck import hostlist as hosts
    from netcheck import model, report_model, runner

    assert netcheck.load_hosts is hosts.load
    assert netcheck.run is runner.run and netcheck.RunOptions is runner.RunOptions
    assert netcheck.Report is report_model.Report and netcheck.Status is model.Status
