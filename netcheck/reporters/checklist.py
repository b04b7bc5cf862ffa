"""The short terminal checklist on failure: one screen for one root cause (the Diagnosis decides what folds)."""

from __future__ import annotations

import textwrap

from netcheck.messages import finding_texts, label, reason_word, summary
from netcheck.messages.catalog import LABELS, SYMPTOMS
from netcheck.messages.checklist import KIND_NOUN, SKIP_WHY
from netcheck.model import Finding, Severity, Status
from netcheck.model_checklist import CheckGroup
from netcheck.redact import redact
from netcheck.report_model import RegionRow, Report
from netcheck.reporters import regions_section
from netcheck.reporters.base import RenderOptions

MARK = {Status.PASS: "✔", Status.FAIL: "✘", Status.WARN: "!", Status.SKIP: "-"}
COLOR = {Status.PASS: "32", Status.FAIL: "31", Status.WARN: "33", Status.SKIP: "2"}
_SEV_STATUS = {Severity.FAIL: Status.FAIL, Severity.WARN: Status.WARN, Severity.INFO: Status.SKIP}
_GROUP_MARK = {"explained": "·", "skipped": "-", "passed": "✔"}
# Shown before "… and N more": enough to recognise the problem, short enough for one screen.
EVIDENCE, ALLOWED, SYMPTOMS_SHOWN = 3, 3, 1


def wanted(report: Report, opts: RenderOptions) -> bool:
    """The short form is for a person facing a problem; --verbose keeps every check."""
    return not opts.verbose and any(f.severity is not Severity.INFO for f in report.findings)


def render(report: Report, opts: RenderOptions) -> str:
    verdict = wrap(summary(report.status.value, opts.tr), "", opts)
    lines = [*(_paint(ln, report.status, opts, bold=True) for ln in verdict), ""]
    if report.interrupted:
        lines += wrap(label("interrupted", opts.tr, why=report.meta.get("stop_reason", "deadline")), "", opts) + [""]
    problems = [f for f in report.findings if f.severity is not Severity.INFO]
    if problems:
        lines += [label("findings", opts.tr)] + [ln for f in problems for ln in _finding(f, opts)]
    lines += _notes([f for f in report.findings if f.severity is Severity.INFO], opts)
    lines += _allow(report, opts) + _regions(report, opts)
    lines += _tally(report, opts) + _unexplained(report, opts) + _groups(report, opts)
    return redact("\n".join(lines)) + "\n"


def _finding(f: Finding, opts: RenderOptions) -> list[str]:
    title, remediation, _ = finding_texts(f, opts.tr)
    st = _SEV_STATUS[f.severity]
    out = [_paint(ln, st, opts, bold=True) for ln in wrap(f"{MARK[st]} {title}  [{f.id}]", "  ", opts)]
    shows = [opts.tr.gettext(SYMPTOMS[k]) for k in f.symptoms[:SYMPTOMS_SHOWN]]
    if shows:
        out += wrap(f"{label('tws_shows', opts.tr)}: " + "; ".join(shows), "    ", opts)
    out += wrap(remediation, "    ", opts)  # "For IT" is in --verbose, the HTML report and the bundle
    return out + _evidence(f, opts) + [""]


def _evidence(f: Finding, opts: RenderOptions) -> list[str]:
    """Whole evidence entries while they fit in EVIDENCE lines; then how many more --verbose shows."""
    out: list[str] = []
    shown = 0
    for e in f.evidence:
        lines = wrap(f"· {e}", "      ", opts, hang="  ")
        room = EVIDENCE - (shown + 1 < len(f.evidence))  # unless this is the last, keep a line for "… and N more"
        if len(out) + len(lines) > room:
            break
        out, shown = out + lines, shown + 1
    more = len(f.evidence) - shown
    return out + (wrap(label("cl_more_evidence", opts.tr, count=more), "      ", opts) if more else [])


def _notes(notes: list[Finding], opts: RenderOptions) -> list[str]:
    """Things good to know, one title each: they are not what is wrong (--verbose explains them)."""
    if not notes:
        return []
    titles = "; ".join(f"{finding_texts(f, opts.tr)[0]} [{f.id}]" for f in notes)
    return [*wrap(f"{label('notes', opts.tr)}: {titles}", "", opts, hang="  "), ""]


def _allow(report: Report, opts: RenderOptions) -> list[str]:
    """The pairs to allow on one wrapped line; the finding's "For IT" says how, `netcheck hosts export` lists all."""
    entries = report.diagnosis.allow_list
    if not entries:
        return []
    shown = ", ".join(f"{e.protocol.upper()} {e.target}" for e in entries[:ALLOWED])
    more = label("cl_more_allowed", opts.tr, count=len(entries) - ALLOWED) if len(entries) > ALLOWED else ""
    text = f"{label('allow_heading', opts.tr)}: {shown}{more}"
    return [*wrap(text, "", opts, hang="  "), ""]


def _regions(report: Report, opts: RenderOptions) -> list[str]:
    """The region table in one wrapped line; --verbose shows the full table."""
    home, rows = report.diagnosis.home, report.diagnosis.regions
    out: list[str] = []
    if home:
        region = regions_section.region_name(home.region, opts) or "?"
        out += wrap(label("home_server", opts.tr, server=home.host, region=region, jts_ini=home.source), "", opts)
    if rows:
        out += wrap(label("cl_regions", opts.tr, rows=", ".join(_region_cell(r, opts) for r in rows)), "", opts, "  ")
    return [*out, ""] if out else []


def _region_cell(r: RegionRow, opts: RenderOptions) -> str:
    ms = f" ({r.median_connect_ms:.0f} ms)" if r.median_connect_ms is not None else ""
    return f"{regions_section.region_name(r.region, opts)} {r.reachable}/{r.gateways}{ms}"


def _unexplained(report: Report, opts: RenderOptions) -> list[str]:
    wanted_ids = set(report.diagnosis.unexplained)
    out: list[str] = []
    for o in (o for o in report.outcomes if o.check.id in wanted_ids):
        text = f"{MARK[o.status]} {o.check.target}  {reason_word(o.reason.value, opts.tr)}"
        out += wrap(text, "    ", opts, hang="  ")
    return out


def _groups(report: Report, opts: RenderOptions) -> list[str]:
    """Every folded group but the passes: the Checks line already counts those."""
    groups = [g for g in report.diagnosis.folded if g.outcome != "passed"]
    return [ln for g in groups for ln in wrap(group_text(g, opts), "    ", opts, hang="  ")]


def group_text(g: CheckGroup, opts: RenderOptions) -> str:
    if g.outcome != "skipped":
        return f"{_GROUP_MARK[g.outcome]} " + counted(f"cl_{g.outcome}", g.count, opts)
    why = SKIP_WHY.get(g.why) or SKIP_WHY.get(g.reason)
    why_text = opts.tr.gettext(why) if why else reason_word(g.reason, opts.tr)
    checks = opts.tr.gettext(KIND_NOUN.get(g.kind, g.kind))
    return "- " + label("cl_skipped", opts.tr, count=g.count, checks=checks, why=why_text)


def _tally(report: Report, opts: RenderOptions) -> list[str]:
    """The summary line in words: problems a finding explains are counted with it, not as warnings."""
    n = report.diagnosis.tally
    parts = [label("cl_tally_passed", opts.tr, passed=n.passed, checks=n.checks)]
    for key, count in (("explained", n.explained), ("unexplained", n.unexplained), ("not_tested", n.not_tested)):
        if count:
            parts.append(counted(f"cl_tally_{key}", count, opts))
    parts.append(label("cl_tally_seconds", opts.tr, seconds=report.duration_ms / 1000))
    return wrap(label("cl_checks", opts.tr, tally=" · ".join(parts)), "", opts, hang="  ")


def counted(key: str, count: int, opts: RenderOptions) -> str:
    """The singular text where there is one ("1 problem", not "1 problems")."""
    one = f"{key}_one"
    return label(one, opts.tr) if count == 1 and one in LABELS else label(key, opts.tr, count=count)


def wrap(text: str, indent: str, opts: RenderOptions, hang: str = "") -> list[str]:
    """Wrap at the terminal width between words only: a long host name moves whole to the next line."""
    width = max(40, opts.width)
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [indent]


def _paint(text: str, status: Status, opts: RenderOptions, bold: bool = False) -> str:
    if not opts.color:
        return text
    return f"\033[{COLOR[status]}{';1' if bold else ''}m{text}\033[0m"
