"""State shared by the shape readers while one document is parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import ParsedPlan, ParsedPriority

_PRIORITY_HEADING = re.compile(
    r"^(?:priority|theme|objective)\s*"
    r"(?P<ref>\d{1,2}(?:\s*(?:&|and|,|-|–)\s*\d{1,2})*)?\s*[:.\-–—]\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)


@dataclass
class Context:
    """The plan being built, where we are in it, and how to report problems."""

    source: str
    plan: ParsedPlan
    priority: ParsedPriority | None = None
    # Priority title (as printed, compared loosely) -> lead cell, from a
    # "Priority | Lead Agency" summary table; applied to priorities without leads.
    priority_leads: dict[str, tuple[int, str]] = field(default_factory=dict)

    def warn(self, line: int | None, message: str) -> None:
        where = self.source if line is None else f"{self.source}, line {line}"
        self.plan.warnings.append(f"{where}: {message}")

    def start_priority(self, heading: str, *, group: str | None = None) -> ParsedPriority:
        """Open a new priority from a heading such as "Priority 1: Domestic Abuse"."""
        ref, title = split_priority_heading(heading)
        priority = ParsedPriority(ref=ref, title=title, group=group)
        self.plan.priorities.append(priority)
        self.priority = priority
        return priority

    def ensure_priority(self, line: int, fallback: str | None) -> ParsedPriority:
        """The current priority; a placeholder (with a warning) for actions printed
        before any priority heading."""
        if self.priority is None:
            title = fallback or "Actions"
            self.warn(line, f"actions before any priority heading: filed under {title!r}")
            self.start_priority(title)
        assert self.priority is not None
        return self.priority


def split_priority_heading(heading: str) -> tuple[str | None, str]:
    """ "Priority 1: Domestic Abuse" -> ("1", "Domestic Abuse"); other text -> (None, text)."""
    text = heading.strip()
    match = _PRIORITY_HEADING.match(text)
    if match and match.group("title").strip():
        ref = match.group("ref")
        return (ref.strip() if ref else None), match.group("title").strip()
    return None, text


def is_priority_heading(text: str) -> bool:
    return bool(_PRIORITY_HEADING.match(text.strip()))
