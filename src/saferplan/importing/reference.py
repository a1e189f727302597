"""Reference tables: glossary, partner directory, priority/lead summary, contents.

* Glossary: ``TERM <tab> meaning`` rows under a "Glossary"/"Abbreviations"
  heading (or a table that is plainly one: acronyms in the first column).
* Directory: cells holding an agency's name, address, "Tel:" and "Web:".  The
  name is the text before the address; its acronym is taken from the
  document where it prints "Name (ACR)" or from the glossary.
* Priority/lead summary: ``Priority | Lead Agency`` rows, kept to fill in the
  leads of priorities whose own table does not name one.
* Contents: ``Introduction..... <tab> Page 2`` rows, skipped.
"""

from __future__ import annotations

import re

from .cleanup import squash
from .context import Context
from .document import ParsedAgency, ParsedGlossaryEntry
from .tables import Block, Row, plain

_GLOSSARY_HEADING = re.compile(r"\b(glossary|abbreviations|acronyms|key to abbreviations)\b", re.I)
_TERM = re.compile(r"^[A-Z][A-Za-z0-9&'’/.\-]{0,14}$")
_CONTACT = re.compile(
    r"\b(?:Tel|Telephone|Web|Email|E-mail)\s*:|www\.|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s*\d[A-Z]{2}\b"
)
_PAGE = re.compile(r"^(?:page\s*)?\d{1,3}$", re.I)
_ADDRESS_START = re.compile(r"\s(?=\d|PO Box\b|P\.O\.|c/o\b|Tel\s*:|Web\s*:)", re.I)
# Words an organisation's name ends with; the address follows the last of them.
_NAME_ENDS = {
    "council", "police", "service", "services", "authority", "education", "standards",
    "partnership", "homes", "support", "watch", "team", "trust", "kent", "agency",
    "association", "group", "board", "centre", "unit", "forum", "project", "programme",
    "office", "commissioner", "rescue", "housing", "probation", "pct", "nhs", "department",
}  # fmt: skip


def is_contents_block(block: Block) -> bool:
    rows = block.rows
    pages = sum(1 for r in rows if len(r.filled()) == 2 and _PAGE.match(r.cells[r.filled()[1]]))
    return pages >= max(1, len(rows) // 2)


def is_glossary_block(block: Block, heading: str | None) -> bool:
    pairs = [r for r in block.rows if len(r.filled()) == 2 and r.filled()[0] == 0]
    if heading and _GLOSSARY_HEADING.search(heading):
        return len(pairs) >= 1
    terms = sum(1 for r in pairs if _TERM.match(r.cells[0]) and r.cells[0].isupper())
    return len(block.rows) >= 3 and terms * 10 >= len(block.rows) * 8


def parse_glossary_block(ctx: Context, block: Block) -> None:
    for row in block.rows:
        filled = row.filled()
        if len(filled) >= 2 and filled[0] == 0:
            meaning = " ".join(row.cells[i] for i in filled[1:])
            ctx.plan.glossary.append(ParsedGlossaryEntry(term=row.cells[0], meaning=meaning))
        else:
            ctx.warn(row.line, "glossary row without a term and meaning, skipped: " + _excerpt(row))


def is_directory_block(block: Block) -> bool:
    cells = [c for r in block.rows for c in r.cells if c]
    return bool(cells) and sum(1 for c in cells if _CONTACT.search(c)) * 4 >= len(cells) * 3


def parse_directory_block(ctx: Context, block: Block, document: str) -> None:
    """Agencies from directory cells, in reading order."""
    for row in block.rows:
        for cell in row.cells:
            if not cell:
                continue
            name = directory_name(cell)
            if not name:
                ctx.warn(row.line, f"directory entry without a recognisable name: {cell[:60]!r}")
                continue
            if any(a.name == name for a in ctx.plan.agencies):
                continue
            acronym = find_acronym(name, document, ctx)
            ctx.plan.agencies.append(ParsedAgency(name=name, acronym=acronym))


def directory_name(cell: str) -> str | None:
    """ "Kent Police 1 Pembury Road Tonbridge ..." -> "Kent Police"."""
    text = squash(cell.replace("\n", " "))
    head = _ADDRESS_START.split(text, maxsplit=1)[0]
    segments = head.split(",")
    words: list[str] = []
    best: list[str] = []
    for segment in segments:
        words = words + ([","] if words else []) + segment.split()
        ends = [i for i, w in enumerate(words) if w.lower().strip(".") in _NAME_ENDS]
        if ends:
            best = words[: ends[-1] + 1]
            break
    name = " ".join(best).replace(" ,", ",").strip(" ,")
    return name or None


def find_acronym(name: str, document: str, ctx: Context) -> str | None:
    """ "Neighbourhood Watch (NHW)" printed anywhere, or a glossary entry for the name."""
    match = re.search(re.escape(name) + r"\s*\(([A-Z][A-Za-z&]{1,9})\)", document)
    if match:
        return match.group(1)
    wanted = plain(name)
    for entry in ctx.plan.glossary:
        if plain(entry.meaning) == wanted and _TERM.match(entry.term):
            return entry.term
    return None


def is_priority_list_block(block: Block) -> bool:
    header = [plain(c) for c in block.rows[0].cells] if block.rows else []
    return (
        len(header) >= 2
        and header[0] in {"priority", "priorities"}
        and header[1].startswith("lead")
    )


def parse_priority_list_block(ctx: Context, block: Block) -> None:
    """Remember each priority's lead; ``apply_priority_leads`` uses them later."""
    for row in block.rows[1:]:
        if row.cell(0) and row.cell(1):
            ctx.priority_leads[plain(row.cell(0))] = (row.line, row.cell(1))
        elif any(row.cells):
            ctx.warn(row.line, "priority/lead row not understood, skipped: " + _excerpt(row))


def _excerpt(row: Row) -> str:
    return repr(" | ".join(c for c in row.cells if c)[:80])
