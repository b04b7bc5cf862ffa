"""JSON reporter: the documented, versioned machine format (schema netcheck/report/v1)."""

from __future__ import annotations

import json
from typing import Any

from netcheck import report as report_doc
from netcheck.report_model import Report
from netcheck.reporters.base import RenderOptions


def render(report: Report, opts: RenderOptions) -> str:
    return json.dumps(to_dict(report, opts), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: Report, opts: RenderOptions) -> dict[str, Any]:
    """The Report's own serialization (netcheck.report.to_dict), in the reader's language."""
    return report_doc.to_dict(report, opts.tr)
