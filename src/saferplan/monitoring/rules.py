"""The rules of the quarterly cycle, as plain functions with no database.

Deadlines, which reminders are due, how a return counts on the dashboard, and
the RAG picture of a plan.  Views and services call these; tests call them
directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from saferplan.plans.periods import Quarter

STATUSES = ("not_started", "on_track", "at_risk", "off_track", "completed", "no_data")
EXCEPTION_STATUSES = ("at_risk", "off_track", "no_data")

# RAG colour of each return status, as partnerships print them.
RAG = {
    "completed": "blue",
    "on_track": "green",
    "at_risk": "amber",
    "off_track": "red",
    "not_started": "grey",
    "no_data": "grey",
}

# Phrases partners write instead of an update; they mean "no data" or "not started".
_NO_DATA_PHRASES = ("data to be provided", "awaiting data", "information to be provided")
_NOT_STARTED_PHRASES = ("to be progressed",)


def status_from_text(text: str | None) -> str | None:
    """The status an update's wording implies, or None when it implies none."""
    lowered = " ".join((text or "").casefold().split())
    if not lowered:
        return None
    # Only an update that *starts* with the phrase is a placeholder: "More data to be
    # provided next quarter once the survey closes" is a real update.
    if any(lowered.startswith(phrase) for phrase in _NO_DATA_PHRASES):
        return "no_data"
    if any(lowered.startswith(phrase) for phrase in _NOT_STARTED_PHRASES):
        return "not_started"
    return None


def default_deadline(quarter: Quarter, day: int = 15) -> date:
    """The return deadline: by default the 15th of the month after the quarter ends."""
    after = quarter.end + timedelta(days=1)
    return after.replace(day=min(day, 28))


@dataclass(frozen=True)
class ReturnState:
    """How one action's return for a quarter counts on the dashboard."""

    submitted: bool
    overdue: bool
    no_data: bool

    @property
    def missing(self) -> bool:
        return not self.submitted or self.no_data


def return_state(
    *, submitted: bool, status: str | None, deadline: date | None, today: date
) -> ReturnState:
    """A return is overdue when it is not submitted and its deadline has passed."""
    overdue = not submitted and deadline is not None and today > deadline
    return ReturnState(submitted=submitted, overdue=overdue, no_data=status == "no_data")


@dataclass
class Tally:
    """Counts for one row of the dashboard (an agency, a priority, the plan)."""

    due: int = 0
    submitted: int = 0
    overdue: int = 0
    no_data: int = 0

    def add(self, state: ReturnState) -> None:
        self.due += 1
        self.submitted += state.submitted
        self.overdue += state.overdue
        self.no_data += state.no_data

    @property
    def outstanding(self) -> int:
        return self.due - self.submitted


def rag_counts(statuses: Iterable[str | None]) -> dict[str, int]:
    """How many actions are in each status; a missing status counts as no data."""
    counts = Counter(status or "no_data" for status in statuses)
    return {status: counts.get(status, 0) for status in STATUSES}


def reminder_offsets_due(
    deadline: date, today: date, before: Iterable[int], after: Iterable[int]
) -> list[int]:
    """Which reminders fall due today or earlier: -7 is 7 days before the deadline.

    Returns the offsets (days relative to the deadline) whose day has come; the
    caller sends the latest one not yet sent, so a reminder is never sent twice
    and a missed day of cron catches up with one message, not several.
    """
    offsets = sorted({-abs(d) for d in before} | {abs(d) for d in after})
    return [offset for offset in offsets if deadline + timedelta(days=offset) <= today]
