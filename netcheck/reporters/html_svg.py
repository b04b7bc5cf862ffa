"""Inline SVG charts of the HTML report: the regions' connect times and the availability strip per server."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from netcheck.report_model import RegionRow

ROW_H, LABEL_W, BAR_W = 26, 190, 380
_OK, _BAD, _PART, _NONE = "#2e7d32", "#c62828", "#f9a825", "#e0e0e0"


def regions_chart(rows: Sequence[RegionRow], names: Sequence[str], title: str, no_connect: str) -> str:
    """Horizontal bars: median connect time per region; a region with no connection says so in red."""
    top = max((r.median_connect_ms or 0.0 for r in rows), default=0.0) or 1.0
    height = ROW_H * len(rows) + 8
    bars = [_region_bar(i, r, name, top, no_connect) for i, (r, name) in enumerate(zip(rows, names, strict=True))]
    return _svg(LABEL_W + BAR_W + 150, height, title, "regions-chart", bars)


def _region_bar(i: int, r: RegionRow, name: str, top: float, no_connect: str) -> str:
    y = i * ROW_H + 4
    label = _text(8, y + 17, f"{name} ({r.reachable}/{r.gateways})", "bold" if r.home else "normal")
    if r.median_connect_ms is None:
        return label + _text(LABEL_W, y + 17, no_connect, "normal", _BAD)
    width = max(2.0, BAR_W * r.median_connect_ms / top)
    colour = _OK if r.reachable == r.gateways else _PART
    bar = f'<rect class="bar" x="{LABEL_W}" y="{y + 4}" width="{width:.1f}" height="{ROW_H - 10}" fill="{colour}"/>'
    return label + bar + _text(LABEL_W + width + 6, y + 17, f"{r.median_connect_ms:.0f} ms", "normal")


def strips_chart(rows: Sequence[tuple[str, Sequence[float | None]]], title: str, axis: tuple[str, str]) -> str:
    """One row of cells per server: green up, red down, amber partly, grey not tested; axis = (from, to)."""
    n = max((len(r) for _, r in rows), default=1)
    cell, left = BAR_W / n, max(LABEL_W, 16 + 8 * max((len(t) for t, _ in rows), default=0))  # ~8 px a character
    out = [_text(left, 12, axis[0], "normal"), _text(left + BAR_W, 12, axis[1], "normal", anchor="end")]
    for i, (target, ratios) in enumerate(rows):
        y = 18 + i * ROW_H
        out.append(_text(8, y + 15, target, "normal"))
        out += [_cell(left + j * cell, y + 2, cell, r) for j, r in enumerate(ratios)]
    return _svg(left + BAR_W + 20, 24 + ROW_H * len(rows), title, "history-chart", out)


def _cell(x: float, y: float, w: float, ratio: float | None) -> str:
    colour = _NONE if ratio is None else _OK if ratio == 1 else _BAD if ratio == 0 else _PART
    return f'<rect class="cell" x="{x:.1f}" y="{y}" width="{w + 0.2:.1f}" height="{ROW_H - 8}" fill="{colour}"/>'


def _text(x: float, y: float, text: str, weight: str, fill: str = "#212121", anchor: str = "start") -> str:
    attrs = f'x="{x:.1f}" y="{y}" font-weight="{weight}" fill="{fill}" text-anchor="{anchor}"'
    return f"<text {attrs}>{escape(text)}</text>"


def _svg(width: float, height: float, title: str, css_id: str, body: list[str]) -> str:
    head = (
        f'<svg id="{css_id}" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" font-family="sans-serif" font-size="13">'
    )
    return head + f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
