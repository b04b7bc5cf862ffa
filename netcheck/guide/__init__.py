"""`netcheck guide`: a login troubleshooter; topics are data, the interactive shell is thin."""

from __future__ import annotations

from netcheck.guide.render import topic_list, topic_text
from netcheck.guide.shell import interactive
from netcheck.guide.topics import BY_ID, TOPICS

__all__ = ["BY_ID", "TOPICS", "interactive", "topic_list", "topic_text"]
