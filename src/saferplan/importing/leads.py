"""Splitting a lead/partner cell into agency names, as printed.

Cells list agencies joined by commas, slashes, "and", or (rarely) nothing but
a space between acronyms ("KFRS KCC Wardens").  "and" and commas also occur
inside names ("Tonbridge and Malling Borough Council", "KCC Children,
Families and Education"), so those known in-name phrases are protected before
splitting.  Matching the names to known agencies is done elsewhere.
"""

from __future__ import annotations

import re

from .cleanup import squash

# Phrases in which "and" (or a comma) belongs to one agency's name.
_JOINED_PHRASES = (
    "Tonbridge and Malling",
    "Town and Country",
    "Fire and Rescue",
    "Drug and Alcohol",
    "Early Help and Preventative",
    "Inclusion and Support",
    "Children, Families and Education",
    "Health and Wellbeing",
    "Health and Social Care",
    "Police and Crime",
    "Crime and Disorder",
    "Safer and Stronger",
    "Border and Immigration",
    "Immigration and Border",
    "Parking and Community",
    "Environment and Street",
    "Housing and Communities",
    "Families and Social Care",
    "Children and Families",
    "Children and Young People",
    "Women and Girls",
    "Youth and Community",
    "Mental Health and Wellbeing",
    "Customer, Property and Homes",
    "Customer, Homes and Property",
    "Green Team and Open Spaces",
)
# Stand-ins for separators inside protected phrases while splitting.
_MARKS = {",": "\u0001", " and ": "\u0002", " & ": "\u0003", "&": "\u0004"}
# Acronyms that describe a department rather than name a second agency ("TWBC CCTV").
_DESCRIPTORS = {"CCTV", "DA", "ASB", "IT", "HR", "ICT", "CSU", "CST", "YP"}
# A piece starting with one of these qualifies the name before it.
_QUALIFIERS = ("thru ", "through ", "via ", "with ", "including ", "e.g.", "eg ", "i.e.")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}'?s?$")
_SEPARATORS = re.compile(r"\s*(?:[,;/\n+]|\band\b|&|\s-\s)\s*")
_EMPTY = {"", "n/a", "na", "none", "-", "tbc", "?"}


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A protected phrase as a regex: any spacing, "and" and "&" interchangeable."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(r"(?:and|&)" if w == "and" else w for w in words)
    return re.compile(r"\b" + body + r"\b", re.IGNORECASE)


_PROTECTED = [_phrase_pattern(p) for p in _JOINED_PHRASES]


def _protect(text: str) -> str:
    """Hide the separators inside known multi-word names."""
    for pattern in _PROTECTED:
        text = pattern.sub(_glue, text)
    return text


def _glue(match: re.Match[str]) -> str:
    phrase = match.group(0)
    for sep, mark in _MARKS.items():
        phrase = phrase.replace(sep, mark)
    return phrase


def _unglue(text: str) -> str:
    for sep, mark in _MARKS.items():
        text = text.replace(mark, sep)
    return text


def _split_protected(text: str) -> list[str]:
    """Split on the separators, keeping parenthesised text with its name."""
    pieces: list[str] = []
    start = 0
    depth = 0
    scanned = 0
    for match in _SEPARATORS.finditer(text):
        # Parenthesis depth at the separator, counted incrementally (cells can be long).
        chunk = text[scanned : match.start()]
        depth += chunk.count("(") - chunk.count(")")
        scanned = match.start()
        if depth > 0 or (match.group(0).strip() == "&" and not _splits_ampersand(text, match)):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _splits_ampersand(text: str, match: re.Match[str]) -> bool:
    """ "Kent Police & Turning Point" is two agencies; "Tonbridge & Malling" is not."""
    # A window either side is enough to see the neighbouring names.
    left = re.split(r"[,;/\n]", text[max(0, match.start() - 200) : match.start()])[-1].split()
    right = re.split(r"[,;/\n]", text[match.end() : match.end() + 200])[0].split()
    if not left or not right:
        return False
    if _ACRONYM.match(left[-1]) and len(left) == 1 or _ACRONYM.match(right[0]) and len(right) == 1:
        return True
    return len(left) >= 2 and len(right) >= 2


def _tidy(name: str) -> str:
    name = squash(_unglue(name))
    name = name.strip(" ,;:/&-")
    if name.endswith(".") and not name.endswith(("etc.", "Ltd.", "Co.", "Inc.")):
        name = name[:-1].rstrip()
    return name


def _split_acronym_run(name: str) -> list[str]:
    """ "KFRS KCC Wardens" -> ["KFRS", "KCC Wardens"]; "TWBC CCTV" stays whole."""
    words = name.split()
    parts: list[list[str]] = [[]]
    for index, word in enumerate(words):
        starts_new = (
            index > 0
            and _ACRONYM.match(word)
            and _ACRONYM.match(words[index - 1])
            and word not in _DESCRIPTORS
            and len(parts[-1]) == 1
        )
        if starts_new:
            parts.append([])
        parts[-1].append(word)
    return [" ".join(p) for p in parts if p]


def split_agencies(cell: str | None) -> list[str]:
    """Agency names in a lead/partner cell, in order, as printed (trimmed,
    trailing full stop removed, duplicates dropped)."""
    return split_agencies_checked(cell)[0]


def split_agencies_checked(cell: str | None) -> tuple[list[str], bool]:
    """``split_agencies`` plus whether the split was a guess: acronyms separated
    only by a space ("CSU KRFS") are taken as two agencies."""
    if not cell:
        return [], False
    text = squash(cell.replace("\n", ", "))
    if text.lower().strip(" .") in _EMPTY:
        return [], False
    pieces = [_tidy(p) for p in _split_protected(_protect(text))]
    names: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if names and (piece.startswith("(") or piece.lower().startswith(_QUALIFIERS)):
            names[-1] = f"{names[-1]}{'' if piece.startswith('(') else ','} {piece}".strip()
            continue
        names.append(piece)
    guessed = False
    if len(names) == 1:
        names = _split_acronym_run(names[0])
        guessed = len(names) > 1
    unique: list[str] = []
    for name in names:
        if name and name not in unique:
            unique.append(name)
    return unique, guessed
