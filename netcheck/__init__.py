"""netcheck: will Interactive Brokers' TWS connect from here; if not, why, and what to do.

The public API for a Python program that embeds netcheck (every other module is internal and may change):

- ``check``: load the host lists (default: the bundled list) and run every check; blocks; returns a Report.
- ``run``: the run as a coroutine, ``await run(hosts, options)``, for a program with its own event loop.
- ``load_hosts``: read and fully validate host-list TOML files into a HostList; bad files raise ConfigError.
- ``render``: a finished Report as text in one of the CLI's formats (terminal, json, junit, nagios, ...).
- ``RunOptions``: timeouts, deadline, resolvers and which local checks to run, for ``check`` and ``run``.
- ``HostList``: the validated hosts, ports and resolvers a run checks.
- ``Report``: one run's outcomes, findings, overall status and metadata.
- ``Outcome``: what one check observed: status, reason, duration, detail.
- ``Finding``: one root cause with its severity; ``render`` turns it into title and remediation.
- ``Status``: pass, warn, fail or skip, of a check and of the whole run.
- ``Severity``: info, warn or fail, of a finding.
- ``Reason``: why a check ended as it did (refused, timeout, nxdomain, ...).
- ``NetcheckError``: the base of every exception netcheck raises on purpose.
- ``ConfigError``: a bad host list or option value; names the file, line and key.
- ``__version__``: the installed version.

Network failures are never exceptions: they are Outcomes in the Report. The names are imported on first
use, so ``netcheck --help`` does not pay for the engine.
"""

import typing as _typing

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Finding",
    "HostList",
    "NetcheckError",
    "Outcome",
    "Reason",
    "Report",
    "RunOptions",
    "Severity",
    "Status",
    "__version__",
    "check",
    "load_hosts",
    "render",
    "run",
]

# name -> (module, attribute); the modules below are internal, these names are the contract.
_LAZY = {
    "ConfigError": ("netcheck.errors", "ConfigError"),
    "Finding": ("netcheck.model", "Finding"),
    "HostList": ("netcheck.model", "HostList"),
    "NetcheckError": ("netcheck.errors", "NetcheckError"),
    "Outcome": ("netcheck.model", "Outcome"),
    "Reason": ("netcheck.model", "Reason"),
    "Report": ("netcheck.report_model", "Report"),
    "RunOptions": ("netcheck.runner", "RunOptions"),
    "Severity": ("netcheck.model", "Severity"),
    "Status": ("netcheck.model", "Status"),
    "check": ("netcheck._embed", "check"),
    "load_hosts": ("netcheck.hostlist", "load"),
    "render": ("netcheck._embed", "render"),
    "run": ("netcheck.runner", "run"),
}

if _typing.TYPE_CHECKING:  # static checkers see the real objects; at run time __getattr__ fetches them
    from netcheck._embed import check, render
    from netcheck.errors import ConfigError, NetcheckError
    from netcheck.hostlist import load as load_hosts
    from netcheck.model import Finding, HostList, Outcome, Reason, Severity, Status
    from netcheck.report_model import Report
    from netcheck.runner import RunOptions, run


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'netcheck' has no attribute {name!r}")
    import importlib

    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
