"""Terminal checklist: findings with remediation first, then checks grouped by kind."""

from __future__ import annotations

from netcheck import allowlist
from netcheck.details import explanation, integer, texts
from netcheck.messages import finding_texts, heading, label, reason_word, summary
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Finding, Outcome, Severity, Status
from netcheck.redact import redact
from netcheck.report_model import Report
from netcheck.reporters import checklist, regions_section
from netcheck.reporters.base import RenderOptions
from netcheck.schedule import header as schedule_header

_MARK = {Status.PASS: "✔", Status.FAIL: "✘", Status.WARN: "!", Status.SKIP: "-"}
_COLOR = {Status.PASS: "32", Status.FAIL: "31", Status.WARN: "33", Status.SKIP: "2"}
_SEV_STATUS = {Severity.FAIL: Status.FAIL, Severity.WARN: Status.WARN, Severity.INFO: Status.SKIP}
_ORDER = ("local", "machine", "http", "dns", "dns-cross", "tcp")


def render(report: Report, opts: RenderOptions) -> str:
    if checklist.wanted(report, opts):  # a problem: the one-screen checklist, not every check
        return checklist.render(report, opts)
    lines = [_paint(summary(report.status.value, opts.tr), report.status, opts, bold=True), ""]
    if report.interrupted:
        lines += [label("interrupted", opts.tr, why=report.meta.get("stop_reason", "deadline")), ""]
    lines += schedule_header.lines(report, opts)
    problems = [f for f in report.findings if f.severity is not Severity.INFO]
    notes = [f for f in report.findings if f.severity is Severity.INFO]
    for key, group in (("findings", problems), ("notes", notes)):  # an FYI is not "what is wrong"
        if group:
            lines += [label(key, opts.tr)] + [ln for f in group for ln in _finding(f, opts)]
    lines += _allow(report, opts)
    lines += regions_section.lines(report, opts)
    lines += [label("checks", opts.tr)] + _checks(report, opts) + ["", _totals(report, opts)]
    if report.diagnosis.guide_hint:
        lines += ["", label("guide_hint", opts.tr)]
    return redact("\n".join(lines)) + "\n"


def _finding(f: Finding, opts: RenderOptions) -> list[str]:
    title, remediation, admin = finding_texts(f, opts.tr)
    st = _SEV_STATUS[f.severity]
    out = ["", "  " + _paint(f"{_MARK[st]} {title}  [{f.id}]", st, opts, bold=True)]
    shows = [opts.tr.gettext(SYMPTOMS[k]) for k in f.symptoms]
    if shows:
        out += _wrap(f"{label('tws_shows', opts.tr)}: " + "; ".join(shows), "    ")
    out += _wrap(remediation, "    ")
    out += _wrap(f"{label('for_it', opts.tr)}: {admin}", "    ")
    out += [f"      · {e}" for e in f.evidence]
    return out + [""]


def _allow(report: Report, opts: RenderOptions) -> list[str]:
    entries = report.diagnosis.allow_list
    if not entries:
        return []
    head = [label("allow_heading", opts.tr)] + _wrap(label("allow_intro", opts.tr), "  ")
    return head + [f"    {ln}" for ln in allowlist.lines(entries)] + [""]


def _checks(report: Report, opts: RenderOptions) -> list[str]:
    groups: dict[str, list[Outcome]] = {}
    for o in report.outcomes:
        groups.setdefault(o.check.kind.value, []).append(o)
    lines: list[str] = []
    for kind in sorted(groups, key=lambda k: _ORDER.index(k) if k in _ORDER else 99):
        outs = groups[kind]
        lines += ["", f"  {heading(kind, opts.tr)}"]
        shown = outs if opts.verbose else _condense(outs)
        lines += [_check_line(o, opts) for o in shown]
        hidden = len(outs) - len(shown)
        if hidden:
            lines.append("    ✔ " + label("more_passed", opts.tr, hidden=hidden))
    return lines


def _condense(outs: list[Outcome]) -> list[Outcome]:
    """Show every problem, but only a few of the many passing lines."""
    bad = [o for o in outs if o.status is not Status.PASS]
    good = [o for o in outs if o.status is Status.PASS]
    return bad + good[: max(0, 8 - len(bad))]


def _check_line(o: Outcome, opts: RenderOptions) -> str:
    mark = _paint(_MARK[o.status], o.status, opts)
    why = reason_word(o.reason.value, opts.tr) if o.status is not Status.PASS else _pass_detail(o, opts)
    extra = explanation(o)
    tail = f" — {extra}" if extra and o.status is not Status.PASS else ""
    return f"    {mark} {o.check.target}  {why}{tail}  ({o.duration_ms:.0f} ms)"


def _pass_detail(o: Outcome, opts: RenderOptions) -> str:
    addrs = texts(o.detail, "addresses")  # DNS answers, or this computer's own addresses
    if addrs:
        return ", ".join(addrs[:4]) + (" …" if len(addrs) > 4 else "")
    status = integer(o.detail, "http_status")  # HTTP checks and proxies
    if status is not None:
        return f"HTTP {status}"
    return label("pass_open" if o.check.kind.value == "tcp" else "pass_ok", opts.tr)


def _totals(report: Report, opts: RenderOptions) -> str:
    n = report.diagnosis.summary
    return label(
        "passed_count",
        opts.tr,
        passed=n.passed,
        failed=n.failed,
        warned=n.warned,
        skipped=n.skipped,
        seconds=report.duration_ms / 1000,
    )


def _paint(text: str, status: Status, opts: RenderOptions, bold: bool = False) -> str:
    if not opts.color:
        return text
    code = _COLOR[status] + (";1" if bold else "")
    return f"\033[{code}m{text}\033[0m"


def _wrap(text: str, indent: str, width: int = 96) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]
