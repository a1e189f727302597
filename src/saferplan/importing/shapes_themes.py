"""Theme blocks: a priority split into themes, each a small two-column table.

::

    Targeting persistent offenders – Lead agency Kent Probation
    Overview                      <prose>
    Activities                    <lead-in> • activity • activity ...
    Performance measures/targets  <measures>
    Intended outcomes             <outcomes>
    Key partners                  <names>

Each theme becomes a ``ParsedPriority`` whose ``group`` is the parent
priority's heading printed above the themes.  Bulleted activities (and any
activity paragraph that is not just the lead-in to the list) are its actions.
The plan prints performance measures per theme, not per activity, so each of
the theme's actions carries the theme's measures in ``measure``.
"""

from __future__ import annotations

import re

from .cleanup import BULLET, strip_bullet
from .context import Context
from .document import ParsedAction, ParsedPriority
from .leads import split_agencies
from .tables import Block, Row

_THEME_TITLE = re.compile(
    r"^(?P<title>.+?)\s*[–—\-:]\s*lead\s+(?:agency|agencies|partner)s?\s*:?\s*(?P<lead>.*)$", re.I
)
_FIELDS = {
    "overview": "overview",
    "background": "overview",
    "activities": "activities",
    "actions": "activities",
    "performance measures": "measures",
    "performance measures/targets": "measures",
    "measures": "measures",
    "targets": "measures",
    "intended outcomes": "outcomes",
    "outcomes": "outcomes",
    "key partners": "partners",
    "partners": "partners",
}


def _field(cell: str) -> str | None:
    return _FIELDS.get(cell.strip().lower().rstrip(":"))


def is_theme_block(block: Block) -> bool:
    """Rows naming a theme's lead agency, or labelled Overview/Activities/... rows."""
    labelled = sum(1 for row in block.rows if _field(row.cell(0)))
    titled = sum(1 for row in block.rows if _THEME_TITLE.match(row.cell(0)))
    return titled >= 1 and labelled >= 2


def parse_theme_block(ctx: Context, block: Block, group: str | None) -> None:
    """Read the themes in ``block``; ``group`` is the heading printed above them."""
    theme: ParsedPriority | None = None
    measures: str | None = None
    for row in block.rows:
        title = _THEME_TITLE.match(row.cell(0)) if len(row.filled()) <= 1 else None
        if title:
            if theme is not None:
                _finish(theme, measures)
            theme = _start(ctx, title, group)
            measures = None
            continue
        name = _field(row.cell(0))
        value = "\n".join(c for c in row.cells[1:] if c)
        if theme is None or name is None:
            ctx.warn(row.line, f"row not understood in a theme table, skipped: {_excerpt(row)}")
            continue
        if name == "measures":
            measures = value or None
        else:
            _fill(theme, name, value)
    if theme is not None:
        _finish(theme, measures)


def _start(ctx: Context, match: re.Match[str], group: str | None) -> ParsedPriority:
    theme = ParsedPriority(ref=None, title=match.group("title").strip(), group=group)
    theme.leads = split_agencies(match.group("lead"))
    ctx.plan.priorities.append(theme)
    ctx.priority = theme
    return theme


def _fill(theme: ParsedPriority, name: str, value: str) -> None:
    if not value:
        return
    if name == "overview":
        theme.rationale = _join(theme.rationale, value)
    elif name == "outcomes":
        theme.intended_outcomes = _join(theme.intended_outcomes, value)
    elif name == "partners":
        theme.key_partners = _join(theme.key_partners, value.replace("\n", ", "))
    elif name == "activities":
        theme.actions.extend(ParsedAction(ref=None, text=t) for t in activities(value))


def _finish(theme: ParsedPriority, measures: str | None) -> None:
    """The theme's measures apply to all its activities."""
    if measures:
        for action in theme.actions:
            action.measure = measures


def activities(cell: str) -> list[str]:
    """The activities in an Activities cell: its bullets, plus paragraphs that are
    not merely the sentence introducing the list ("... These will include:")."""
    lines = cell.split("\n")
    has_bullets = any(line.startswith(BULLET) for line in lines)
    found: list[str] = []
    for line in lines:
        if line.startswith(BULLET):
            text = strip_bullet(line)
        elif has_bullets and line.rstrip().endswith(":"):
            continue  # the lead-in to the bulleted list, not an activity
        else:
            text = line.strip()
        if text:
            found.append(text)
    return found


def _join(first: str | None, second: str) -> str:
    return f"{first}\n{second}" if first else second


def _excerpt(row: Row) -> str:
    text = " | ".join(c for c in row.cells if c)
    return repr(text[:80])
