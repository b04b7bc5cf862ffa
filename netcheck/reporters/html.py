"""One self-contained HTML file for IBKR support or IT: inline CSS and SVG, nothing fetched, prints on A4/Letter."""

from __future__ import annotations

from html import escape

from netcheck import allowlist
from netcheck.messages import finding_texts, label, status_word, summary
from netcheck.messages.catalog import SYMPTOMS
from netcheck.model import Finding, Outcome, Status
from netcheck.redact import redact
from netcheck.report_model import Report
from netcheck.reporters import html_svg
from netcheck.reporters.base import RenderOptions
from netcheck.reporters.checklist import group_text
from netcheck.reporters.html_history import history_section
from netcheck.reporters.regions_section import region_name

# Nothing may be fetched: the policy makes a browser refuse any script, font, image or style from elsewhere.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#212121;max-width:60em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.5em;margin:.2em 0} h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
h3{font-size:1em;margin:.2em 0} code{font-size:.92em}
.verdict{padding:.6em 1em;border-left:.45em solid;border-radius:.2em}
.pass{border-color:#2e7d32;background:#e8f5e9} .warn{border-color:#f9a825;background:#fff8e1}
.fail{border-color:#c62828;background:#ffebee} .info,.skip{border-color:#9e9e9e;background:#f5f5f5}
.finding{margin:.8em 0;padding:.5em 1em;border-left:.3em solid;break-inside:avoid}
table{border-collapse:collapse;width:100%} td,th{text-align:left;padding:.15em .5em;border-bottom:1px solid #eee}
ul.evidence{font-family:monospace;font-size:.85em} .meta{color:#616161;font-size:.9em}
@page{size:A4;margin:14mm} @media print{body{margin:0;max-width:none;font-size:11pt} details{display:block}}
"""


def render(report: Report, opts: RenderOptions) -> str:
    tr, st = opts.tr, report.status.value
    body = [f'<header class="verdict {st}"><h1>{_e(summary(st, tr))}</h1>', _meta_line(report, opts), "</header>"]
    body += _findings(report, opts) + _allow(report, opts) + _regions(report, opts)
    body += history_section(opts) + _checks(report, opts)
    return redact(_page(label("md_title", tr), "\n".join(body), _lang(opts))) + "\n"


def _page(title: str, body: str, lang: str) -> str:
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
    )
    return f"{head}\n<body>\n{body}\n</body></html>"


def _meta_line(report: Report, opts: RenderOptions) -> str:
    started = label("md_started", opts.tr)
    version = report.meta.get("version", "")
    when = f"{_e(report.started_at)} · {report.duration_ms / 1000:.1f} s"
    return f'<p class="meta">{_e(started)}: {when} · netcheck {_e(str(version))}</p>'


def _findings(report: Report, opts: RenderOptions) -> list[str]:
    out = [f'<section id="findings"><h2>{_e(label("findings", opts.tr))}</h2>']
    out += [_finding(f, opts) for f in report.findings] or [f"<p>{_e(label('md_no_findings', opts.tr))}</p>"]
    return [*out, "</section>"]


def _finding(f: Finding, opts: RenderOptions) -> str:
    title, remediation, admin = finding_texts(f, opts.tr)
    sev = f.severity.value
    parts = [f'<article class="finding {sev}" id="finding-{_e(f.id)}">']
    parts.append(f"<h3>{_e(status_word(sev, opts.tr))}: {_e(title)} <code>{_e(f.id)}</code></h3>")
    shows = [opts.tr.gettext(SYMPTOMS[k]) for k in f.symptoms]
    if shows:
        parts.append(f"<p><strong>{_e(label('tws_shows', opts.tr))}:</strong> {_e('; '.join(shows))}</p>")
    parts.append(f'<p class="remediation">{_e(remediation)}</p>')
    parts.append(f'<p class="it"><strong>{_e(label("for_it", opts.tr))}:</strong> {_e(admin)}</p>')
    if f.evidence:
        items = "".join(f"<li>{_e(e)}</li>" for e in f.evidence)
        parts.append(f'<p><strong>{_e(label("md_evidence", opts.tr))}:</strong></p><ul class="evidence">{items}</ul>')
    return "".join([*parts, "</article>"])


def _allow(report: Report, opts: RenderOptions) -> list[str]:
    entries = report.diagnosis.allow_list
    if not entries:
        return []
    rows = "".join(f"<li><code>{_e(ln)}</code></li>" for ln in allowlist.lines(entries))
    head = f'<section id="allow"><h2>{_e(label("allow_heading", opts.tr))}</h2>'
    return [f"{head}<p>{_e(label('allow_intro', opts.tr))}</p><ul>{rows}</ul></section>"]


def _regions(report: Report, opts: RenderOptions) -> list[str]:
    rows = report.diagnosis.regions
    if not rows:
        return []
    title = label("regions", opts.tr)
    names = [region_name(r.region, opts) for r in rows]
    chart = html_svg.regions_chart(rows, names, title, label("no_connect", opts.tr))
    return [f'<section id="regions"><h2>{_e(title)}</h2>{chart}</section>']


def _checks(report: Report, opts: RenderOptions) -> list[str]:
    """Every check for IT, problems first; the folded summary above it for the reader in a hurry."""
    groups = "".join(f"<li>{_e(group_text(g, opts))}</li>" for g in report.diagnosis.folded)
    rows = [_row(o.check.target, o.status, o.reason.value, o.duration_ms, opts) for o in _problems_first(report)]
    table = f"<table><tbody>{''.join(rows)}</tbody></table>"
    head = f'<section id="checks"><h2>{_e(label("checks", opts.tr))}</h2><ul>{groups}</ul>'
    summary_text = _e(label("html_all_checks", opts.tr, count=len(rows)))
    return [f"{head}<details><summary>{summary_text}</summary>{table}</details></section>"]


def _problems_first(report: Report) -> list[Outcome]:
    return sorted(report.outcomes, key=lambda o: o.status is Status.PASS)


def _row(target: str, status: Status, reason: str, ms: float, opts: RenderOptions) -> str:
    word = _e(status_word(status.value, opts.tr))
    return (
        f'<tr class="{status.value}"><td>{_e(target)}</td><td>{word}</td><td>{_e(reason)}</td><td>{ms:.0f} ms</td></tr>'
    )


def _lang(opts: RenderOptions) -> str:
    return label("html_lang", opts.tr)


def _e(text: str) -> str:
    return escape(text, quote=True)
