"""Action tables: one row per action, under priority headings.

Covers every action-table shape in the seeds, told apart only by their header
rows: ``<ref> | Action | Baseline | Target | Lead agency | Qrt 1 | Qrt 2 |
Progress`` (quarterly returns), ``Action | Primary agency/agencies | Measure``,
``Aim | Action | Main Partner | Targets | Evidence`` (aims span rows) and
``<ref> | Action | Lead | Measure``.  A priority starts at a heading line just
before the table, or at a title row inside it ("Priority 1: Domestic abuse",
"Acquisitive Crime"); "Lead Partner: X" rows give the priority's lead.
"""

from __future__ import annotations

import re

from saferplan.monitoring.rules import status_from_text

from .context import Context, is_priority_heading
from .document import ParsedAction, ParsedUpdate
from .leads import split_agencies_checked
from .tables import (
    AIM,
    BASELINE,
    EVIDENCE,
    LEADS,
    MEASURE,
    PARTNERS,
    PROGRESS,
    REF,
    REF_RE,
    TARGET,
    TEXT,
    Block,
    Row,
    header_roles,
    is_action_header,
    merge_continuations,
    only_first,
)

_LEAD_ROW = re.compile(
    r"^(?:lead\s+(?:partner|agency|agencies|officer)s?|lead)\s*[:\-–]\s*(.+)$", re.I
)
_QUARTERS = ("q1", "q2", "q3", "q4")


def block_has_action_header(block: Block) -> bool:
    return any(is_action_header(header_roles(row.cells)) for row in block.rows)


def _first_roles(block: Block) -> dict[str, int]:
    for row in block.rows:
        roles = header_roles(row.cells)
        if is_action_header(roles):
            return roles
    return {}


def _ref_column(roles: dict[str, int]) -> int | None:
    return roles.get(REF)


def parse_action_block(ctx: Context, block: Block, heading: str | None) -> None:
    """Read one run of table rows holding action tables into ``ctx.plan``."""
    first = _first_roles(block)
    rows = merge_continuations(block.rows, _ref_column(first))
    roles: dict[str, int] = {}
    pending = heading if heading and _is_priority_title(heading) else None
    after_header = False
    aim: str | None = None
    for index, row in enumerate(rows):
        found = header_roles(row.cells)
        if is_action_header(found):
            roles, after_header = found, True
            if pending:
                ctx.start_priority(pending)
                pending, aim = None, None
            continue
        title = only_first(row)
        if not roles:
            pending = _before_header(ctx, row, title, pending)
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        if title is not None and not REF_RE.match(title):
            if _title_row(ctx, row, title, after_header, following, roles):
                aim = None
            elif AIM in roles and roles[AIM] == 0:
                aim = title
                ctx.warn(row.line, f"aim with no action in its row: {title!r}")
            after_header = False
            continue
        after_header = False
        aim = _action_row(ctx, row, roles, aim)
    if pending:
        ctx.start_priority(pending)


def _is_priority_title(text: str) -> bool:
    return bool(text) and not text.endswith((".", ":"))


def _before_header(ctx: Context, row: Row, title: str | None, pending: str | None) -> str | None:
    """Rows before the first header: priority title rows; anything else is reported."""
    if title is not None:
        return title
    ctx.warn(row.line, f"table row before any header row, skipped: {_excerpt(row)}")
    return pending


def _title_row(
    ctx: Context,
    row: Row,
    title: str,
    after_header: bool,
    following: Row | None,
    roles: dict[str, int],
) -> bool:
    """Handle a one-cell row inside a table: lead row or priority title.  False
    when it is neither (then it is an aim printed on its own)."""
    lead = _LEAD_ROW.match(title)
    if lead:
        priority = ctx.ensure_priority(row.line, None)
        priority.leads = _agencies(ctx, row, lead.group(1))
        return True
    next_title = only_first(following) if following is not None else None
    next_is_lead = bool(next_title and _LEAD_ROW.match(next_title))
    if is_priority_heading(title) or after_header or next_is_lead or AIM not in roles:
        ctx.start_priority(title)
        return True
    return False


def _cell(row: Row, roles: dict[str, int], role: str) -> str | None:
    return row.cell(roles.get(role)) or None


def _action_row(ctx: Context, row: Row, roles: dict[str, int], aim: str | None) -> str | None:
    """Append the action in ``row`` to the current priority; returns the aim in force."""
    new_aim = _cell(row, roles, AIM)
    if new_aim:
        aim = new_aim
    text = _cell(row, roles, TEXT)
    if not text:
        ctx.warn(row.line, f"row without action text, skipped: {_excerpt(row)}")
        return aim
    priority = ctx.ensure_priority(row.line, None)
    action = ParsedAction(
        ref=_ref(row, roles),
        text=text,
        leads=_agencies(ctx, row, _cell(row, roles, LEADS)),
        partners=_agencies(ctx, row, _cell(row, roles, PARTNERS)),
        aim=aim if AIM in roles else None,
        baseline=_cell(row, roles, BASELINE),
        target=_cell(row, roles, TARGET),
        measure=_cell(row, roles, MEASURE),
        evidence=_cell(row, roles, EVIDENCE),
        updates=_updates(row, roles, ctx.plan.year),
    )
    priority.actions.append(action)
    _report_unplaced(ctx, row, roles)
    return aim


def _agencies(ctx: Context, row: Row, cell: str | None) -> list[str]:
    names, guessed = split_agencies_checked(cell)
    if guessed:
        ctx.warn(row.line, f"{cell!r} has no separators: read as {len(names)} agencies {names}")
    return names


def _ref(row: Row, roles: dict[str, int]) -> str | None:
    ref = _cell(row, roles, REF)
    return ref.rstrip(".)") if ref else None


def _updates(row: Row, roles: dict[str, int], year: str | None) -> list[ParsedUpdate]:
    """Quarterly cells as updates.  An empty cell is no update: nothing was
    reported for that quarter, and an update with no text would only add noise."""
    updates: list[ParsedUpdate] = []
    for quarter in _QUARTERS:
        text = _cell(row, roles, quarter)
        if text:
            period = f"{year} {quarter.upper()}" if year else quarter.upper()
            updates.append(ParsedUpdate(period=period, text=text, status=status_from_text(text)))
    progress = _cell(row, roles, PROGRESS)
    if progress:
        updates.append(
            ParsedUpdate(
                period=year or "Progress", text=progress, status=status_from_text(progress)
            )
        )
    return updates


def _report_unplaced(ctx: Context, row: Row, roles: dict[str, int]) -> None:
    """Cells in columns no role claims are not stored: say so."""
    used = set(roles.values())
    for index, cell in enumerate(row.cells):
        if cell and index not in used:
            ctx.warn(
                row.line,
                f"cell in column {index + 1} has no matching heading, not imported: {cell[:60]!r}",
            )


def _excerpt(row: Row) -> str:
    text = " | ".join(c for c in row.cells if c)
    return repr(text[:80] + ("…" if len(text) > 80 else ""))
