"""Matching the agency names printed in a plan to the agencies SaferPlan knows.

Documents name the same agency many ways ("Kent Fire & Rescue Service",
"KFRS", "Kent Fire and Rescue"), so names are compared after normalising and
through acronyms, aliases and the partnership's glossary.  Pure functions and
plain data: the importer service turns the result into rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]{1,9}$")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """A comparison key: case, '&'/'and', punctuation and spacing do not matter."""
    text = name.casefold().replace("&", " and ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def looks_like_acronym(name: str) -> bool:
    """'KFRS', 'TMBC', 'KCC' yes; 'Police' or 'Look Ahead' no."""
    stripped = name.strip()
    return bool(_ACRONYM.match(stripped)) and sum(c.isupper() for c in stripped) >= 2


_KIND_WORDS = [
    ("police", ("police", "pcso", "constabulary")),
    ("fire", ("fire",)),
    ("probation", ("probation", "crc", "community rehabilitation")),
    ("health", ("nhs", "health", "ccg", "hospital", "public health", "icb", "gp ")),
    ("housing", ("housing", "homes", "landlord")),
    ("education", ("school", "college", "youth", "education", "early help")),
    ("council", ("council", "borough", "district", "county", "kcc", "tmbc", "twbc", "abc")),
    ("charity", ("trust", "charity", "mediation", "victim support", "foundation", "services")),
    ("partnership", ("partnership", "forum", "board", "marac", "group", "csp", "csu")),
]


def guess_kind(name: str) -> str:
    """A first guess at an agency's kind from its name; managers can correct it."""
    key = f" {name.casefold()} "
    for kind, words in _KIND_WORDS:
        if any(word in key for word in words):
            return kind
    return "other"


@dataclass
class KnownAgency:
    """An agency as the matcher sees it; ``id`` is None for one not stored yet."""

    name: str
    acronym: str = ""
    aliases: list[str] = field(default_factory=list)
    id: int | None = None

    def lookup_keys(self) -> set[str]:
        keys = {normalise(self.name), *(normalise(a) for a in self.aliases)}
        if self.acronym:
            keys.add(normalise(self.acronym))
        return {k for k in keys if k}


class AgencyMatcher:
    """Resolves printed names to one ``KnownAgency`` each, never inventing duplicates.

    ``glossary`` maps acronyms to their meanings (the plan's own glossary), so
    that "KFRS" and "Kent Fire & Rescue Service" resolve to the same agency.
    """

    def __init__(self, known: list[KnownAgency], glossary: dict[str, str] | None = None):
        self._by_key: dict[str, KnownAgency] = {}
        self.new: list[KnownAgency] = []
        self._glossary = {normalise(k): v for k, v in (glossary or {}).items()}
        for agency in known:
            self._index(agency)

    def _index(self, agency: KnownAgency) -> None:
        for key in agency.lookup_keys():
            self._by_key.setdefault(key, agency)

    def add(self, name: str, acronym: str | None = None) -> KnownAgency:
        """Declare an agency the document lists (a directory entry)."""
        agency = self._lookup(name) or (self._lookup(acronym) if acronym else None)
        if agency is None:
            agency = KnownAgency(name=name.strip(), acronym=(acronym or "").strip())
            self.new.append(agency)
        elif acronym and not agency.acronym:
            agency.acronym = acronym.strip()
        self._index(agency)
        return agency

    def resolve(self, printed: str) -> KnownAgency:
        """The agency a printed name stands for, created (in ``new``) if unknown."""
        printed = printed.strip().rstrip(".").strip()
        found = self._lookup(printed)
        if found is not None:
            return found
        meaning = self._glossary.get(normalise(printed))
        if meaning:
            # An acronym the glossary explains: the full name is the agency.
            return self.add(meaning, acronym=printed)
        acronym = printed if looks_like_acronym(printed) else ""
        return self.add(printed, acronym=acronym or None)

    def _lookup(self, name: str | None) -> KnownAgency | None:
        if not name:
            return None
        key = normalise(name)
        if key in self._by_key:
            return self._by_key[key]
        meaning = self._glossary.get(key)
        found = self._by_key.get(normalise(meaning)) if meaning else None
        if found is not None and not found.acronym and looks_like_acronym(name):
            found.acronym = name.strip()
            self._index(found)
        return found
