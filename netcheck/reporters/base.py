"""What every reporter receives besides the Report: the translator and presentation options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netcheck.messages import Translator, translator
from netcheck.report_model import Report

if TYPE_CHECKING:
    from netcheck.history.glance_text import Glance


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    verbose: bool = False
    width: int = 100  # terminal columns: the checklist wraps between words to fit
    history: Glance | None = None  # the recorded history, for the HTML report's timeline (read by the CLI)
    tr: Translator = field(default_factory=translator)


Reporter = Callable[[Report, RenderOptions], str]
