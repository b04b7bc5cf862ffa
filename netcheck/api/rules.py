"""Pure: API outcomes -> findings. Each names the ports, the evidence and the setting to change."""

from __future__ import annotations

from typing import Any

from netcheck.api.targets import PRODUCT
from netcheck.facts import failed
from netcheck.model import Kind, Outcome, Severity
from netcheck.rules import State

CLOSED_PORT = ("refused",)
ANSWERED = ("handshake", "ready", "too-old", "client-id-in-use", "closed-after-start", "no-start-reply")


def _api(s: State, *reasons: str) -> list[Outcome]:
    return [o for o in s.facts.kind(Kind.API) if not reasons or o.detail.get("api") in reasons]


def _severity(outs: list[Outcome]) -> Severity:
    """A port the user named (or `netcheck api`) must work: fail; in `run` a standard port only warns."""
    return Severity.FAIL if any(o.check.required for o in outs) else Severity.WARN


def where(o: Outcome) -> str:
    c = o.check
    name = " ".join(x for x in (PRODUCT.get(str(c.params.get("product")), ""), str(c.params.get("mode") or "")) if x)
    shown = f"[{c.host}]:{c.port}" if ":" in c.host else f"{c.host}:{c.port}"
    return f"{shown} ({name})" if name else shown


def _where(outs: list[Outcome]) -> str:
    return ", ".join(where(o) for o in outs)


def _add(s: State, fid: str, outs: list[Outcome], **params: Any) -> None:
    s.add(fid, _severity(outs), outs, targets=_where(outs), **params)


def api_untrusted(s: State) -> None:
    outs = [o for o in _api(s, "closed-no-reply") if failed(o) and not _stranger(o)]
    if outs:
        answered = _where(_api(s, *ANSWERED)) or "-"
        direct = [o for o in outs if not _forwarded(o)] or outs  # behind a forwarder TWS sees the forwarder
        _add(s, "api-untrusted", outs, source=_sources(direct), answered=answered, via=_holder_names(outs) or "-")


def api_waiting_for_accept(s: State) -> None:
    outs = [o for o in _api(s, "silent") if failed(o) and not _stranger(o)]
    if outs:
        _add(s, "api-waiting-for-accept", outs, source=_sources(outs), waited_ms=outs[0].detail.get("waited_ms"))


def api_port_taken(s: State) -> None:
    """Foreign bytes; or silence / a close from a port a known non-TWS program holds (a line-based
    server such as HTTP waits for a newline the handshake never sends)."""
    outs = [o for o in _api(s, "not-api", "silent", "closed-no-reply") if failed(o)]
    outs = [o for o in outs if o.detail.get("api") == "not-api" or _stranger(o)]
    if outs:
        holder = _holder_names(outs) or "another program"
        _add(s, "api-port-taken", outs, holder=holder, seen=outs[0].detail.get("why", ""))


def _forwarded(o: Outcome) -> bool:
    return any(h.get("kind") == "forwarder" for h in o.detail.get("holders") or [])


def _stranger(o: Outcome) -> bool:
    """Held by a process psutil names that is neither TWS / IB Gateway nor a known forwarder."""
    tws = {a.get("pid") for a in o.check.params.get("running") or ()}
    holders = o.detail.get("holders") or []
    return any(h.get("pid") is not None and h.get("kind") is None and h["pid"] not in tws for h in holders)


def api_client_id_in_use(s: State) -> None:
    outs = [o for o in _api(s, "client-id-in-use") if failed(o)]
    if outs:
        _add(s, "api-client-id-in-use", outs, client_id=outs[0].detail.get("client_id"))


def api_too_old(s: State) -> None:
    outs = [o for o in _api(s, "too-old") if failed(o)]
    if outs:
        _add(s, "api-too-old", outs, version=outs[0].detail.get("server_version"), minimum=157)


def api_unreachable(s: State) -> None:
    outs = [o for o in _api(s, "no-answer", "unreachable") if failed(o)]
    if outs:
        _add(s, "api-unreachable", outs)


def api_wrong_port(s: State) -> None:
    mine = [o for o in _api(s, *CLOSED_PORT) if o.check.params.get("source") == "user" and failed(o)]
    others = _api(s, *ANSWERED)
    if mine and others:
        _add(s, "api-wrong-port", mine, answering=_where(others))


def api_disabled(s: State) -> None:
    """TWS runs (or the user named a port) and nothing on any API port accepts."""
    outs = _api(s)
    if not outs or any(o.detail.get("api") not in CLOSED_PORT for o in outs):
        return
    running = _running(outs)
    mine = [o for o in outs if o.check.params.get("source") == "user"]
    if running or mine:
        s.add(
            "api-disabled",
            _severity(mine) if mine else Severity.WARN,
            mine or outs,
            targets=_where(mine or outs),
            running=running or "-",
        )


def api_not_running(s: State) -> None:
    outs = _api(s)
    if outs and not _running(outs) and all(o.detail.get("api") in CLOSED_PORT for o in outs):
        if not any(o.check.params.get("source") == "user" for o in outs):
            s.add("api-not-running", Severity.INFO, [], ports="7496/7497/4001/4002")


def api_ready(s: State) -> None:
    for o in _api(s, "handshake", "ready"):
        d = o.detail
        bound = d.get("bound") or ([o.check.params["bound"]] if o.check.params.get("bound") else [])
        scope = _scope(list(bound))
        s.add(
            "api-ready",
            Severity.INFO,
            [o],
            target=where(o),
            version=d.get("server_version"),
            generation=d.get("generation", ""),
            mode=d.get("account_mode") or o.check.params.get("mode") or "?",
            listening=scope,
        )


def _scope(bound: list[str]) -> str:
    """Evidence words (English, like every evidence line): who can reach the socket at all."""
    if not bound:
        return "listening addresses unknown"
    if all(b in ("127.0.0.1", "::1") for b in bound):
        return "listens on this computer only (" + ", ".join(bound) + ")"
    return "listens on " + ", ".join(bound) + ": other computers can connect if Trusted IPs allow them"


def _sources(outs: list[Outcome]) -> str:
    return ", ".join(sorted({str(o.detail.get("source")) for o in outs if o.detail.get("source")})) or "?"


def _holder_names(outs: list[Outcome]) -> str:
    names = {f"{h.get('name') or '?'} (pid {h.get('pid')})" for o in outs for h in o.detail.get("holders", [])}
    return ", ".join(sorted(names))


def _running(outs: list[Outcome]) -> str:
    apps = outs[0].check.params.get("running") or ()
    return ", ".join(f"{PRODUCT.get(a['kind'], a['kind'])} (pid {a['pid']})" for a in apps)


RULES = (
    api_untrusted,
    api_waiting_for_accept,
    api_port_taken,
    api_client_id_in_use,
    api_too_old,
    api_unreachable,
    api_wrong_port,
    api_disabled,
    api_not_running,
    api_ready,
)
