"""Cleaning the text that Word/PDF extraction leaves in cells and lines.

Extracted cells keep remnants of the HTML the converter produced: ``<p>``
paragraphs, ``<ul style=...>`` lists whose items are separated only by ``•``
or `` - `` markers, ``<br>``, entities such as ``&amp;``, and markdown bold
markers (``**``).  Everything here turns such a string into plain text:
paragraphs separated by ``"\\n"``, list items as ``"• item"`` lines, single
spaces inside a line.  The functions are total: any ``str`` goes in, a
``str`` comes out.
"""

from __future__ import annotations

import html
import re

BULLET = "• "

_BR = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_PARA = re.compile(r"<\s*/?\s*(?:p|div|tr|td|th|h[1-6])\b[^>]*>", re.IGNORECASE)
_LIST_OPEN = re.compile(r"<\s*[uo]l\b[^>]*>", re.IGNORECASE)
_LIST_CLOSE = re.compile(r"<\s*/\s*[uo]l\s*>", re.IGNORECASE)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
# "&amp;" survives unescaping once when the source was escaped twice ("&amp;amp;").
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
# Inline list markers inside a <ul> whose <li> tags were lost: "• item" or " - item".
_INLINE_BULLET = re.compile(r"\s*•\s*")
_INLINE_DASH = re.compile(r"(?:^|\s)-\s+")
_LEADING_BULLET = re.compile(r"^(?:[-•*▪·o]|\d{1,2}[.)])\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Control characters other than tab/newline are extraction debris (or binary).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffe\uffff]")


def unescape(text: str) -> str:
    """Decode HTML entities, twice at most (double-escaped ``&amp;amp;``)."""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def squash(text: str) -> str:
    """One line: runs of whitespace to one space, trimmed."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def _split_list(body: str) -> list[str]:
    """Items of a list whose ``<li>`` tags are missing: split on inline markers."""
    body = body.strip()
    if "•" in body:
        parts = _INLINE_BULLET.split(body)
    elif body.startswith("-"):
        parts = _INLINE_DASH.split(body)
    else:
        return [body]
    return [p for p in parts if p.strip()]


def _expand_lists(text: str) -> str:
    """Turn ``<ul>...</ul>`` regions into newline-separated ``• item`` lines."""
    out: list[str] = []
    pos = 0
    for match in _LIST_OPEN.finditer(text):
        if match.start() < pos:
            continue
        out.append(text[pos : match.start()])
        close = _LIST_CLOSE.search(text, match.end())
        end = close.start() if close else len(text)
        body = text[match.end() : end]
        if _ITEM.search(body):
            items = [i for i in _ITEM.split(body) if squash(_ANY_TAG.sub(" ", i))]
        else:
            items = _split_list(body)
        out.extend("\n" + BULLET + item.strip() + "\n" for item in items)
        pos = close.end() if close else len(text)
    out.append(text[pos:])
    return "".join(out)


def clean_text(text: str, *, dash_bullets: bool = True) -> str:
    """Plain text of one cell or paragraph: markup removed, paragraphs on lines.

    ``dash_bullets``: a line starting "- " is a list item ("• ").  Off for table
    cells, where "- 7%" is a figure with its sign.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BR.sub("\n", text)
    text = _expand_lists(text)
    text = _ITEM.sub("\n" + BULLET, text)
    text = _PARA.sub("\n", text)
    text = _LIST_CLOSE.sub("\n", text)
    text = _ANY_TAG.sub(" ", text)
    text = unescape(text).replace("**", "")
    lines = [squash(line) for line in text.split("\n")]
    return "\n".join(_normalise_bullet(line, dash_bullets) for line in lines if line)


def _normalise_bullet(line: str, dash_bullets: bool) -> str:
    """``"- item"`` / ``"•item"`` -> ``"• item"``; other lines unchanged."""
    if line.startswith("•"):
        rest = line[1:].strip()
        return BULLET + rest if rest else line
    if dash_bullets and line.startswith("- ") and len(line) > 2:
        return BULLET + line[2:].strip()
    return line


def strip_bullet(line: str) -> str:
    """The text of a list line without its marker (``"- a"``, ``"• a"`` -> ``"a"``)."""
    return _LEADING_BULLET.sub("", line.strip(), count=1).strip()


def split_cells(line: str) -> list[str]:
    """Cells of a tab-separated line, each cleaned; trailing empty cells kept."""
    return [clean_text(cell, dash_bullets=False) for cell in line.split("\t")]


def join_text(first: str | None, second: str | None) -> str:
    """Join two fragments of one cell split by a page break into one sentence."""
    a = (first or "").rstrip()
    b = (second or "").lstrip()
    if not a:
        return b
    if not b:
        return a
    return a + " " + b


def looks_binary(text: str) -> bool:
    """True for input that is not document text (NULs, many control characters)."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad * 20 > len(sample)
