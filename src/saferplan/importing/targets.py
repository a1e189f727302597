"""Target tables: indicators with baseline, target, actual and printed change.

Two seed shapes: a review of last year (``Action/target | Baseline 2008/9 |
2009/10 target | 2009/10 actual crimes | Percentage reduction/increase
achieved``) and this year's targets (``Outcome | Links to national/local
targets | Baseline figure | Target for 2010/11``).  Rows with only their first
cell filled ("Crime targets") are sub-headings: they are added to the section
of the rows under them.
"""

from __future__ import annotations

from .context import Context
from .document import ParsedTarget
from .tables import (
    ACTUAL,
    BASELINE,
    CHANGE,
    REFERENCE,
    TARGET,
    TITLE,
    Block,
    Row,
    header_roles,
    only_first,
)
from .tables import is_target_header as _is_target_header


def is_target_block(block: Block) -> bool:
    return bool(block.rows) and _is_target_header(header_roles(block.rows[0].cells))


def parse_target_block(ctx: Context, block: Block, section: str | None) -> None:
    """Append the block's rows to ``ctx.plan.targets``; ``section`` is the heading above."""
    roles = header_roles(block.rows[0].cells)
    subsection: str | None = None
    for row in block.rows[1:]:
        if _is_target_header(header_roles(row.cells)):
            roles = header_roles(row.cells)  # repeated after a page break
            continue
        heading = only_first(row)
        if heading is not None:
            subsection = heading
            continue
        target = _target(row, roles, _section(section, subsection))
        if target is None:
            ctx.warn(
                row.line, "target row without a title, skipped: " + repr(" | ".join(row.cells)[:80])
            )
            continue
        ctx.plan.targets.append(target)
        _report_unplaced(ctx, row, roles)


def _section(section: str | None, subsection: str | None) -> str | None:
    if section and subsection:
        return f"{section}: {subsection}"
    return subsection or section


def _target(row: Row, roles: dict[str, int], section: str | None) -> ParsedTarget | None:
    title = row.cell(roles.get(TITLE))
    if not title:
        return None

    def cell(role: str) -> str | None:
        return row.cell(roles.get(role)) or None

    return ParsedTarget(
        title=title,
        reference=cell(REFERENCE),
        baseline=cell(BASELINE),
        target=cell(TARGET),
        actual=cell(ACTUAL),
        printed_change=cell(CHANGE),
        section=section,
    )


def _report_unplaced(ctx: Context, row: Row, roles: dict[str, int]) -> None:
    used = set(roles.values())
    for index, cell in enumerate(row.cells):
        if cell and index not in used:
            ctx.warn(row.line, f"target cell in column {index + 1} not imported: {cell[:60]!r}")
