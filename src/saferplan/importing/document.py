"""What an importer reads out of a plan document, before anything is stored.

Every reader (text extract, Word, Excel, JSON) returns a ``ParsedPlan``; one
service (``saferplan.importing.services``) persists it.  The field names are
the import JSON contract: ``ParsedPlan.to_json()`` is what
``saferplan import-plan --dry-run --format json`` prints.  Values are kept as
printed (strings); absent values are ``None``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

UPDATE_STATUSES = ("not_started", "on_track", "at_risk", "off_track", "completed", "no_data")


class PlanImportError(Exception):
    """Input that cannot be read as a plan.

    ``str(error)`` is the one-line message a user sees; it names the file and,
    where it applies, the line or row.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        self.detail = message
        where = source or "input"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}")


@dataclass
class ParsedUpdate:
    period: str  # "2014/15 Q1"
    text: str | None
    status: str | None  # one of UPDATE_STATUSES or None


@dataclass
class ParsedAction:
    ref: str | None
    text: str
    leads: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    aim: str | None = None
    baseline: str | None = None
    target: str | None = None
    measure: str | None = None
    evidence: str | None = None
    updates: list[ParsedUpdate] = field(default_factory=list)


@dataclass
class ParsedPriority:
    ref: str | None
    title: str
    group: str | None = None  # the parent priority's title when this is a theme
    subsidiary: bool = False
    leads: list[str] = field(default_factory=list)
    rationale: str | None = None
    intended_outcomes: str | None = None
    key_partners: str | None = None
    actions: list[ParsedAction] = field(default_factory=list)


@dataclass
class ParsedTarget:
    title: str
    reference: str | None = None
    baseline: str | None = None
    target: str | None = None
    actual: str | None = None
    printed_change: str | None = None
    section: str | None = None  # the heading the table stood under


@dataclass
class ParsedAgency:
    name: str
    acronym: str | None = None


@dataclass
class ParsedGlossaryEntry:
    term: str
    meaning: str


@dataclass
class ParsedPlan:
    partnership: str | None
    title: str | None
    year: str | None  # "2014/15"
    priorities: list[ParsedPriority] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)
    agencies: list[ParsedAgency] = field(default_factory=list)
    glossary: list[ParsedGlossaryEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    introduction: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The import JSON contract (see the module docstring).

        The contract's keys come first; the extra keys (``introduction``,
        priorities' ``rationale`` ...) let SaferPlan's own JSON round-trip.
        """
        return asdict(self)

    def action_count(self) -> int:
        return sum(len(p.actions) for p in self.priorities)
