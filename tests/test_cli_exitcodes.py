"""The one exit-code table: ready 0, fail 1, signals 130 / 143; the Nagios convention only under --format nagios."""

from __future__ import annotations

import dataclasses

from netcheck.cli.exitcodes import EXIT_SIGNAL, exit_code
from netcheck.model import Reason
from netcheck.report_model import Report
from netcheck.reporters import RenderOptions, nagios
from tests.helpers import cross, healthy, report
from tests.test_reporters_nagios import BLOCKED


def warned() -> Report:
    outs = healthy()
    i = next(i for i, o in enumerate(outs) if o.check.kind.value == "dns-cross")
    outs[i] = cross("ndc1.ibllc.com", "203.0.113.153", reason=Reason.NXDOMAIN)
    return report(outs)


def test_exit_codes_follow_the_plugin_convention_only_for_nagios() -> None:
    ok, warn, crit = report(healthy()), warned(), report(healthy(**BLOCKED))
    assert warn.status.value == "warn"
    assert [exit_code(r, "nagios") for r in (ok, warn, crit)] == [0, 1, 2]
    assert [exit_code(r, "json") for r in (ok, warn, crit)] == [0, 0, 1]
    assert [exit_code(r) for r in (ok, warn, crit)] == [0, 0, 1]
    for why in ("SIGINT", "deadline"):
        cut = dataclasses.replace(ok, interrupted=True, meta={"stop_reason": why})
        assert exit_code(cut, "nagios") == 3
        assert nagios.render(cut, RenderOptions()).startswith(f"NETCHECK UNKNOWN - Interrupted ({why})")
    assert exit_code(dataclasses.replace(ok, interrupted=True, meta={"stop_reason": "SIGINT"})) == 130


def test_signals_are_128_plus_the_signal_number() -> None:
    import signal

    assert EXIT_SIGNAL == {name: 128 + int(getattr(signal, name)) for name in ("SIGINT", "SIGTERM")}
    cut = dataclasses.replace(report(healthy()), interrupted=True, meta={"stop_reason": "SIGTERM"})
    assert exit_code(cut) == 143 and exit_code(dataclasses.replace(cut, meta={"stop_reason": "deadline"})) == 0
