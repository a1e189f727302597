"""Reading a plan from its text extract: the entry points.

``parse_text(text, source)`` takes the plain text a Word/PDF extraction
produced (paragraphs as lines, table rows as tab-separated lines) and returns
a ``ParsedPlan``.  ``parse_lines`` does the same from a list of lines, for
readers (``.docx``) that build such lines themselves.

The work is split by what it reads: ``tables`` finds the tables and their
headers, ``actions`` / ``shapes_themes`` / ``targets`` / ``reference`` read
the table shapes, ``prose`` the sections between tables, ``metadata`` the
title, year and partnership, ``leads`` splits agency cells.  Anything not
placed that looked like data is reported in ``ParsedPlan.warnings``.
"""

from __future__ import annotations

import re

from . import actions, prose, reference, shapes_themes, targets
from .cleanup import looks_binary
from .context import Context
from .document import ParsedPlan, PlanImportError
from .metadata import find_partnership, find_plan_year, find_title
from .tables import Block, is_heading, segment

EXPECTED = (
    "expected a plan document's text: priority headings with action tables "
    "(tab-separated rows under a header such as 'Action / Lead / Measure')"
)
_STRAY_REF = re.compile(r"^\d{1,2}\.\d{1,2}\s+[A-Z]")
_MAX_LINES = 200_000


def parse_text(text: str, source: str) -> ParsedPlan:
    """Parse a plan's text extract; raises ``PlanImportError`` if it is not a plan."""
    if not isinstance(text, str):
        raise PlanImportError(f"got {type(text).__name__}, {EXPECTED}", source=source)
    if not text.strip():
        raise PlanImportError(f"the text is empty; {EXPECTED}", source=source)
    if looks_binary(text):
        raise PlanImportError(f"this is binary data, not text; {EXPECTED}", source=source, line=1)
    return parse_lines(text.splitlines(), source)


def parse_lines(lines: list[str], source: str) -> ParsedPlan:
    """Parse a plan from its lines (paragraphs, and table rows with tab-separated cells)."""
    lines = [line if isinstance(line, str) else str(line) for line in lines][:_MAX_LINES]
    if not any(line.strip() for line in lines):
        raise PlanImportError(f"the text is empty; {EXPECTED}", source=source)
    try:
        plan = _parse(lines, source)
    except PlanImportError:
        raise
    except Exception as error:  # the contract: only PlanImportError escapes
        raise PlanImportError(
            f"could not be read as a plan ({type(error).__name__}: {error}); {EXPECTED}",
            source=source,
        ) from error
    if not plan.priorities and not plan.targets:
        raise PlanImportError(
            f"found no priorities, action tables or targets; {EXPECTED}", source=source
        )
    return plan


def _parse(lines: list[str], source: str) -> ParsedPlan:
    title = find_title(lines)
    plan = ParsedPlan(
        partnership=find_partnership(lines),
        title=title,
        year=find_plan_year(lines, title),
    )
    ctx = Context(source=source, plan=plan)
    blocks = segment(lines)
    document = "\n".join(lines)
    last_heading: str | None = None
    for index, block in enumerate(blocks):
        if not block.is_table:
            if is_heading(block.text):
                last_heading = block.text
            else:
                _check_stray(ctx, block)
            continue
        previous = blocks[index - 1] if index else None
        heading = previous.text if previous is not None and is_heading(previous.text) else None
        _read_table(ctx, block, heading, last_heading, document)
    found = prose.sections(blocks)
    prose.apply_prose(ctx, found)
    prose.apply_priority_leads(ctx)
    return plan


def _read_table(
    ctx: Context, block: Block, heading: str | None, section: str | None, document: str
) -> None:
    """Send one table block to the reader for its shape."""
    if actions.block_has_action_header(block):
        actions.parse_action_block(ctx, block, heading)
    elif targets.is_target_block(block):
        targets.parse_target_block(ctx, block, section)
    elif shapes_themes.is_theme_block(block):
        shapes_themes.parse_theme_block(ctx, block, section)
    elif reference.is_contents_block(block):
        return
    elif reference.is_priority_list_block(block):
        reference.parse_priority_list_block(ctx, block)
    elif reference.is_glossary_block(block, section):
        reference.parse_glossary_block(ctx, block)
    elif reference.is_directory_block(block):
        reference.parse_directory_block(ctx, block, document)
    else:
        for row in block.rows:
            text = " | ".join(c for c in row.cells if c)
            ctx.warn(row.line, f"table row not recognised, skipped: {text[:80]!r}")


def _check_stray(ctx: Context, block: Block) -> None:
    """A prose line that reads like a numbered action row ("2.3 Deliver ...")."""
    text = block.text or ""
    if _STRAY_REF.match(text) and ctx.plan.action_count():
        ctx.warn(block.line, f"line looks like an action but is not in a table: {text[:80]!r}")
