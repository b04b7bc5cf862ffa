"""The HTML report's history section: an availability strip per server and the outages, when history exists."""

from __future__ import annotations

from html import escape

from netcheck.history import fold, timeline
from netcheck.history.glance_text import outage_text
from netcheck.messages import label
from netcheck.reporters import html_svg
from netcheck.reporters.base import RenderOptions

BUCKETS = 48


def history_section(opts: RenderOptions) -> list[str]:
    g = opts.history
    if g is None or not g.lines:
        return []
    rows = [(t.target, timeline.buckets(t.samples, g.start, g.now, BUCKETS)) for t in fold.ports(g.lines)]
    title = label("html_history", opts.tr, since=g.since)
    axis = tuple(t.astimezone(g.tz).strftime("%Y-%m-%d %H:%M") for t in (g.start, g.now))  # local time
    chart = html_svg.strips_chart(rows, title, (axis[0], axis[1]))
    outages = [f"<li>{escape(outage_text(o, g, opts.tr))}</li>" for o in g.outages]
    listing = f"<h3>{escape(label('glance_outages', opts.tr))}</h3><ul>{''.join(outages)}</ul>" if outages else ""
    return [f'<section id="history"><h2>{escape(title)}</h2>{chart}{listing}</section>']
