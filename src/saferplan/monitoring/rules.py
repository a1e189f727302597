"""The rules of the quarterly cycle, as plain functions with no database.

Deadlines, which reminders are due, how a return counts on the dashboard, and
the RAG picture of a plan.  Views and services call these; tests call them
directly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from saferplan.plans.periods import Quarter

STATUSES = ("not_started", "on_track", "at_risk", "off_track", "completed", "no_data")
EXCEPTION_STATUSES = ("at_risk", "off_track", "no_data")
# Not a status anyone chooses: an update with words but none of the statuses above
# (imported plans print many, "5 referrals received during this quarter").
UNRATED = "unrated"
# What the RAG picture counts: every status, then updates without one.
RAG_STATUSES = (*STATUSES, UNRATED)
# As pages and documents print them (the first six are UpdateStatus's labels).
STATUS_LABELS = {
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "completed": "Completed",
    "no_data": "No data",
    UNRATED: "Update without a status",
}

# RAG colour of each return status, as partnerships print them.
RAG = {
    "completed": "blue",
    "on_track": "green",
    "at_risk": "amber",
    "off_track": "red",
    "not_started": "grey",
    "no_data": "grey",
    UNRATED: "grey",
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


# A measure that counts something: "Number of referrals", "% of victims", "Rate of ...".
_COUNTING_WORDS = re.compile(
    r"%|£|\b(?:numbers?|no\.|percentage|per cent|rate|count|total|how many|amount)\b"
)
# Figures that are dates, not quantities: years, financial years, quarters, days of a month.
_DATES = re.compile(
    r"\b(?:19|20)\d\d(?:/\d\d)?\b|\bq[1-4]\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
)


def is_numeric_measure(measure: str, target: str = "", baseline: str = "") -> bool:
    """Whether an action is measured by a number, so that its return may carry a value.

    It is when its measure counts something ("Number of referrals", "% of victims")
    or its target or baseline holds a figure ("40", "48 sessions", "Reduce by 5%").
    Dates are not figures: "By March 2025", "2024/25", "Q4", "31 March".
    """
    if _COUNTING_WORDS.search((measure or "").casefold()):
        return True
    return any(
        re.search(r"\d", _DATES.sub(" ", (text or "").casefold())) for text in (target, baseline)
    )


def offers_value(measure: str, target: str, baseline: str, current_value) -> bool:
    """Whether a return form shows the value field: for numeric measures, and always when
    the return already holds a value (so that nothing recorded is hidden)."""
    return current_value is not None or is_numeric_measure(measure, target, baseline)


def default_deadline(quarter: Quarter, day: int = 15) -> date:
    """The return deadline: the ``day`` (by default the 15th) of the month after the quarter
    ends; days past the 28th are taken as the 28th, which every month has."""
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


def shown_status(status: str | None, text: str | None, has_update: bool) -> str:
    """The status an action shows for a quarter.

    Only a missing return, or one that says so, is "no data"; an update with words but
    no status is *unrated*: something was reported, nobody said how it stands.
    """
    if status:
        return status
    if has_update and (text or "").strip():
        return UNRATED
    return "no_data"


def update_status(update) -> str:
    """``shown_status`` of a return (anything with ``status`` and ``text``), or of none."""
    if update is None:
        return "no_data"
    return shown_status(update.status, update.text, has_update=True)


def rag_counts(statuses: Iterable[str | None]) -> dict[str, int]:
    """How many actions are in each status (and unrated); a missing status counts as no
    data."""
    counts = Counter(status or "no_data" for status in statuses)
    return {status: counts.get(status, 0) for status in RAG_STATUSES}


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
