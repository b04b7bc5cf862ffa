"""Options shared by every command that runs the checks (run, serve, bundle): declared once, so they
cannot drift, and gathered into one frozen CheckOptions for the command."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from netcheck.runner import RunOptions

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CheckOptions:
    """What --hosts/--region, the probe options and the history options said (names as click's)."""

    host_files: tuple[Path, ...] = ()
    region: tuple[str, ...] = ()
    timeout: float = 2.0
    deadline: float = 20.0
    public_dns: tuple[str, ...] = ()
    ca_bundle: str | None = None
    no_local: bool = False
    history: bool = True
    history_db: Path | None = None

    def run_options(self, **overrides: Any) -> RunOptions:
        from netcheck.runner import RunOptions  # lazily: --help must not pay for the engine

        opts = RunOptions(
            timeout=self.timeout,
            deadline=self.deadline,
            public_dns=self.public_dns or None,
            ca_bundle=self.ca_bundle,
            local=not self.no_local,
            user_regions=self.region,
        )
        return replace(opts, **overrides)


_FIELDS = tuple(f.name for f in fields(CheckOptions))


def gather(f: Callable[..., Any]) -> Callable[..., Any]:
    """Innermost decorator: the shared options' values reach `f` as one `checks: CheckOptions`."""

    @functools.wraps(f)
    def wrapper(**kwargs: Any) -> Any:
        checks = CheckOptions(**{k: kwargs.pop(k) for k in _FIELDS if k in kwargs})
        return f(checks=checks, **kwargs)

    return wrapper


def _ip(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for v in values:
        try:
            ipaddress.ip_address(v)
        except ValueError:
            raise click.BadParameter(f"{v!r} is not an IP address (e.g. 9.9.9.9 or 2620:fe::fe)") from None
    return values


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if value != value:  # NaN passes FloatRange (every comparison with NaN is false)
        raise click.BadParameter("must be a number of seconds, not NaN")
    return value


def _pem(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import ssl

    if value is not None:
        try:
            ssl.create_default_context(cafile=value)
        except (ssl.SSLError, OSError, ValueError) as exc:
            raise click.BadParameter(f"{value!r} is not a readable PEM file of certificates ({exc})") from None
    return value


def _stack(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Apply in reading order, so --help lists the options as written here."""

    def apply(f: F) -> F:
        for deco in reversed(decorators):
            f = deco(f)
        return f

    return apply


target_options = _stack(
    click.option(
        "--hosts",
        "host_files",
        multiple=True,
        type=click.Path(path_type=Path, readable=False),  # the loader reports unreadable files (exit 3)
        help="Host-list TOML file (repeatable); replaces the bundled TWS list.",
    ),
    click.option("--region", multiple=True, help="Only test the gateways of this region (repeatable)."),
)

probe_options = _stack(
    click.option(
        "--timeout",
        type=click.FloatRange(0.05, 60),
        callback=_finite,
        default=2.0,
        show_default=True,
        help="Seconds each connect or query may take.",
    ),
    click.option(
        "--deadline",
        type=click.FloatRange(0.5, 600),
        callback=_finite,
        default=20.0,
        show_default=True,
        help="Seconds the whole run may take; unfinished checks are reported as skipped.",
    ),
    click.option(
        "--public-dns",
        multiple=True,
        callback=_ip,
        help="Independent resolver IP for the DNS cross-check (repeatable); replaces the list's.",
    ),
    click.option(
        "--ca-bundle",
        type=click.Path(exists=True, dir_okay=False),
        callback=_pem,
        help="PEM file of trusted roots for TLS checks (default: Mozilla roots via certifi).",
    ),
    click.option(
        "--no-local",
        is_flag=True,
        help="Skip the checks of this computer (interfaces, routes, TWS install, memory, API ports).",
    ),
)

history_options = _stack(
    click.option("--history/--no-history", default=True, show_default=True, help="Record this run in the history."),
    click.option(
        "--history-db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="NETCHECK_HISTORY_DB",
        help="History database file (default: history.sqlite3 in the user data directory; env NETCHECK_HISTORY_DB).",
    ),
)
