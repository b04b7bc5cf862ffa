"""What every reporter receives besides the Report: the translator and presentation options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netcheck.messages import Translator, translator
from netcheck.report_model import Report


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    verbose: bool = False
    tr: Translator = field(default_factory=translator)


Reporter = Callable[[Report, RenderOptions], str]
