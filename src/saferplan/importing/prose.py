"""Prose sections: introduction, "Why is X a priority?" evidence, subsidiary priorities.

The prose between tables is cut into ``Section``s at heading lines.  Three
kinds of section are used: the introduction; "Why is X a priority?" sections,
whose text becomes the matching priority's ``rationale``; and "Subsidiary
priority N: Title" sections, which become priorities of their own
(``subsidiary=True``, no actions, ``ref`` "S<N>").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleanup import BULLET
from .context import Context
from .document import ParsedPriority
from .leads import split_agencies
from .tables import Block, is_heading, plain

_WHY = re.compile(
    r"^why (?:is|are) (?P<subject>.+?) (?:a |the )?(?:key )?priorit(?:y|ies)\s*\??$", re.I
)
_SUBSIDIARY = re.compile(
    r"^(?:subsidiary|secondary|cross[- ]cutting)\s+(?:priority|theme)\s*"
    r"(?P<n>\d{1,2})?\s*[:.\-–]\s*(?P<title>\S.*)$",
    re.I,
)
_INTRODUCTION = re.compile(r"^(?:\d{1,2}[.)]\s*)?introduction$", re.I)


@dataclass
class Section:
    heading: str
    line: int
    paragraphs: list[str] = field(default_factory=list)

    def text(self) -> str | None:
        return "\n".join(self.paragraphs) or None


def sections(blocks: list[Block]) -> list[Section]:
    """Headings with the prose under them; a table ends a section."""
    found: list[Section] = []
    current: Section | None = None
    for block in blocks:
        if block.is_table:
            current = None
        elif is_heading(block.text):
            current = Section(heading=block.text or "", line=block.line)
            found.append(current)
        elif current is not None and block.text:
            _add_paragraph(current, block.text)
    return found


def _add_paragraph(section: Section, text: str) -> None:
    """Join a paragraph that a page break cut mid-sentence back together."""
    if section.paragraphs:
        last = section.paragraphs[-1]
        if not last.startswith(BULLET) and last[-1:].isalnum() and text[:1].islower():
            section.paragraphs[-1] = f"{last} {text}"
            return
    section.paragraphs.append(text)


def apply_prose(ctx: Context, found: list[Section]) -> None:
    """Introduction, rationales and subsidiary priorities from the prose sections."""
    for section in found:
        if ctx.plan.introduction is None and _INTRODUCTION.match(section.heading):
            ctx.plan.introduction = section.text()
    for section in found:
        why = _WHY.match(section.heading)
        if why:
            _apply_rationale(ctx, section, why.group("subject"))
    for section in found:
        sub = _SUBSIDIARY.match(section.heading)
        if sub:
            number = sub.group("n")
            ctx.plan.priorities.append(
                ParsedPriority(
                    ref=f"S{number}" if number else None,
                    title=sub.group("title").strip(),
                    subsidiary=True,
                    rationale=section.text(),
                )
            )


def _apply_rationale(ctx: Context, section: Section, subject: str) -> None:
    priority = match_priority(ctx, subject)
    if priority is None:
        ctx.warn(section.line, f"no priority matches {section.heading!r}; its text is not imported")
        return
    text = section.text()
    if text:
        priority.rationale = f"{priority.rationale}\n{text}" if priority.rationale else text


def _expand(text: str, ctx: Context) -> str:
    """Plain text with glossary acronyms spelt out ("ASB" -> "anti social behaviour")."""
    words = []
    meanings = {e.term.upper(): e.meaning for e in ctx.plan.glossary}
    for word in text.split():
        words.append(meanings.get(word.upper().strip("()"), word))
    return plain(" ".join(words))


def match_priority(ctx: Context, subject: str) -> ParsedPriority | None:
    """The main priority whose title contains ``subject`` (or the reverse), loosely."""
    wanted = _expand(subject, ctx)
    if not wanted:
        return None
    candidates = [p for p in ctx.plan.priorities if not p.subsidiary]
    for priority in candidates:
        if plain(priority.title) == wanted:
            return priority
    for priority in candidates:
        title = _expand(priority.title, ctx)
        if title and (f" {wanted} " in f" {title} " or f" {title} " in f" {wanted} "):
            return priority
    return None


def apply_priority_leads(ctx: Context) -> None:
    """Leads from a "Priority | Lead Agency" summary for priorities that have none."""
    for key, (line, cell) in ctx.priority_leads.items():
        priority = match_priority(ctx, key)
        if priority is None:
            ctx.warn(line, f"priority {key!r} in the lead-agency summary matches no priority")
        elif not priority.leads:
            priority.leads = split_agencies(cell)
