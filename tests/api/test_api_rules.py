"""API findings from constructed outcomes: severity by who named the port, and the edge cases."""

from __future__ import annotations

from typing import Any

from netcheck.api.classify import COARSE, ApiReason
from netcheck.api.report import RULES
from netcheck.api.targets import Running, checks
from netcheck.diagnose import diagnose
from netcheck.model import Finding, Outcome, Severity, Status


def outs(
    results: dict[str, dict[str, Any]], running: tuple[Running, ...] = (), required: bool = False
) -> list[Outcome]:
    """Outcomes as the probe makes them: COARSE reason, PASS / SKIP (refused) / FAIL or WARN."""
    out = []
    for c in checks(running, required=required):
        d = results.get(c.id, {"api": "refused"})
        reason, healthy = COARSE[ApiReason(d["api"])]
        bad = Status.FAIL if c.required else Status.WARN
        status = Status.PASS if healthy else Status.SKIP if d["api"] == "refused" else bad
        out.append(Outcome(c, status, reason, 1.0, d))
    return out


def ids(findings: list[Any]) -> dict[str, Severity]:
    return {f.id: f.severity for f in findings}


def test_nothing_running_nothing_listening_is_information() -> None:
    assert ids(diagnose_api(outs({}))) == {"api-not-running": Severity.INFO}


def test_tws_running_with_the_api_off_warns_in_run() -> None:
    found = [f for f in diagnose(outs({}, (Running("tws", 9),))).findings if f.id.startswith("api")]
    assert ids(found) == {"api-disabled": Severity.WARN} and found[0].params["running"] == "TWS (pid 9)"


def test_a_silent_port_held_by_a_stranger_is_taken_not_waiting() -> None:
    stranger = {"api": "silent", "why": "no reply", "holders": [{"pid": 5, "name": "nginx", "kind": None}]}
    found = diagnose_api(outs({"api:127.0.0.1:7497": stranger}, required=True))
    assert ids(found) == {"api-port-taken": Severity.FAIL} and found[0].params["holder"] == "nginx (pid 5)"


def test_the_tws_process_itself_is_no_stranger() -> None:
    own = {"api": "silent", "source": "127.0.0.1", "holders": [{"pid": 9, "name": "java", "kind": None}]}
    found = diagnose_api(outs({"api:127.0.0.1:7497": own}, (Running("tws", 9, (("127.0.0.1", 7497),)),)))
    assert "api-waiting-for-accept" in ids(found)


def test_ready_says_who_can_connect() -> None:
    ready = {"api": "ready", "server_version": 176, "account_mode": "paper", "bound": ["0.0.0.0"]}
    (f,) = diagnose_api(outs({"api:127.0.0.1:7497": ready}))
    assert f.id == "api-ready" and f.params["mode"] == "paper" and "other computers" in f.params["listening"]


def diagnose_api(outcomes: Any) -> list[Finding]:
    return list(diagnose(outcomes, rules=RULES).findings)
