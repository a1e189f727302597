"""The plan's title, financial year and partnership name.

Years are printed many ways ("2010 - 2011", "2014/15", "2009/2010", "2015 –
2016"); a plan year is two consecutive years and is normalised to
``YYYY/YY``.  The partnership is the first "<Place> Community Safety
Partnership" (or "<Place> CSP") the document prints; a plan that never names
its partnership gets ``None`` (the importer's ``--partnership`` supplies it).
"""

from __future__ import annotations

import re

from .cleanup import squash

_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*(?:[/\-–—]|\bto\b)\s*((?:19|20)?\d{1,2})\b")
_PLAN_WORDS = re.compile(r"\b(?:Plan|Strategy|Strategic Assessment|Action Plan)\b")
_LABEL = re.compile(r"^(?:Report\s+)?Title\s*:\s*", re.IGNORECASE)
_NOT_TITLE = re.compile(
    r"^(?:agenda|report to|date|contents|page \d|for further information|tel|email|web)\b",
    re.IGNORECASE,
)
_PARTNERSHIP = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:and|&)\s+)?){1,5})"
    r"(Community\s+Safety\s+Partnership|CSP|Crime\s+and\s+Disorder\s+Reduction\s+Partnership)\b"
)
# Words that may precede "Community Safety Partnership" without naming a place.
_NOT_PLACES = {
    "the", "this", "a", "an", "each", "every", "our", "other", "its", "their", "county",
    "kent", "kent's", "neighbouring", "local", "new", "all", "with", "and", "of", "for",
    "in", "to", "by", "from", "title", "report", "annual", "agenda",
}  # fmt: skip


def normalise_year(first: str, second: str) -> str | None:
    """ "2010", "2011" -> "2010/11"; None unless the second year follows the first."""
    try:
        start = int(first)
    except ValueError:
        return None
    following = start + 1
    if len(second) == 4:
        ok = int(second) == following
    else:
        ok = int(second) == following % (10 ** len(second))
    return f"{start}/{following % 100:02d}" if ok else None


def find_year(text: str) -> str | None:
    """The first plan year printed in ``text``, normalised, or None."""
    for match in _YEAR.finditer(text or ""):
        year = normalise_year(match.group(1), match.group(2))
        if year:
            return year
    return None


def _candidate_lines(lines: list[str], limit: int = 400) -> list[tuple[int, str]]:
    """Non-empty, tab-free lines (squashed) with their index, from the top."""
    out: list[tuple[int, str]] = []
    for index, raw in enumerate(lines[:limit]):
        if "\t" in raw:
            continue
        line = squash(raw.replace("*", ""))
        if line:
            out.append((index, line))
    return out


def _is_title_like(line: str) -> bool:
    return (
        len(line) <= 110 and not line.endswith((".", ",", ";", ":")) and not _NOT_TITLE.match(line)
    )


def find_title(lines: list[str]) -> str | None:
    """The document's title line (with a year printed alone on the next line)."""
    candidates = _candidate_lines(lines, limit=200)
    chosen: int | None = None
    best = 0
    # The line naming the most plan words wins ("Strategic Assessment & Tactical
    # Delivery Plan" over a section heading "Tactical Delivery Plan"); ties: first.
    for position, (_, line) in enumerate(candidates):
        text = _LABEL.sub("", line)
        if not (_is_title_like(text) and (text[:1].isupper() or text[:1].isdigit())):
            continue
        score = len(_PLAN_WORDS.findall(text))
        if score > best:
            chosen, best = position, score
    if chosen is None:
        chosen = next((i for i, (_, line) in enumerate(candidates) if _is_title_like(line)), None)
    if chosen is None:
        return None
    title = _LABEL.sub("", candidates[chosen][1])
    if chosen + 1 < len(candidates):
        following = candidates[chosen + 1][1]
        if not find_year(title) and find_year(following) and _YEAR.fullmatch(following.strip()):
            title = f"{title} {following}"
    return title or None


def find_plan_year(lines: list[str], title: str | None) -> str | None:
    """The plan's year: from the title, else a year line near the top, else a heading."""
    year = find_year(title or "")
    if year:
        return year
    candidates = _candidate_lines(lines)
    for _, line in candidates[:12]:
        if _YEAR.fullmatch(line):
            year = find_year(line)
            if year:
                return year
    for _, line in candidates:
        if len(line) <= 110 and _PLAN_WORDS.search(line):
            year = find_year(line)
            if year:
                return year
    return None


def find_partnership(lines: list[str]) -> str | None:
    """The first "<Place> Community Safety Partnership" / "<Place> CSP" printed."""
    for _, line in _candidate_lines(lines, limit=len(lines)):
        for match in _PARTNERSHIP.finditer(line):
            name = _partnership_name(match.group(1), match.group(2))
            if name:
                return name
    return None


def _partnership_name(place: str, kind: str) -> str | None:
    words = place.split()
    while words and words[0].lower().strip(":") in _NOT_PLACES:
        words.pop(0)
    if words and words[0].endswith(":"):
        return None
    while words and words[-1].lower() in {"and", "&"}:
        words.pop()
    if not words or any(w.lower() in {"the", "this", "each"} for w in words):
        return None
    if words[-1].endswith(("'s", "’s")):
        return None  # "Ashford's Community Safety Partnership": a possessive, not the name
    return squash(" ".join(words) + " " + kind)
