"""Saved assessments: the manager's scores and paragraphs, and attaching them to a plan.

Only these functions write assessment records; each runs in a transaction.  A
paragraph attached to a plan's priority becomes its ``rationale`` (the plan's own
history records the change and who made it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from saferplan.assessment.models import Assessment, County, PriorityScore
from saferplan.assessment.rules import Period
from saferplan.plans.models import Priority

MAX_SCORE = 5


class StaleEdit(Exception):
    """Someone else saved this row since the form was opened."""


@dataclass(frozen=True)
class ScoreInput:
    crime_type: str
    capacity: int
    concern: int
    paragraph: str
    version: int


@transaction.atomic
def create_assessment(
    partnership,
    user,
    county: County | None,
    county_name: str,
    county_codes: list[str],
    window: Period,
    compare: Period,
    drafts: dict[str, str],
) -> Assessment:
    """Save an assessment with a drafted paragraph for every crime type."""
    assessment = Assessment.objects.create(
        partnership=partnership,
        county=county,
        county_name=county_name,
        county_codes=county_codes,
        window_start=window.start,
        window_end=window.end,
        compare_start=compare.start,
        compare_end=compare.end,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    PriorityScore.objects.bulk_create(
        PriorityScore(assessment=assessment, crime_type=t, paragraph=text)
        for t, text in drafts.items()
    )
    return assessment


@transaction.atomic
def save_scores(assessment: Assessment, inputs: list[ScoreInput]) -> int:
    """Store manual scores and edited paragraphs; refuses a row changed by someone else."""
    rows = {s.crime_type: s for s in assessment.scores.select_for_update()}
    changed = 0
    for item in inputs:
        row = rows.get(item.crime_type)
        if row is None:
            continue
        if row.version != item.version:
            raise StaleEdit(
                f"{item.crime_type} was changed by someone else while you were editing: "
                "reload the page to see their changes"
            )
        capacity = min(max(item.capacity, 0), MAX_SCORE)
        concern = min(max(item.concern, 0), MAX_SCORE)
        paragraph = item.paragraph.strip()
        if (capacity, concern, paragraph) == (row.capacity, row.concern, row.paragraph):
            continue
        row.edited = row.edited or paragraph != row.paragraph
        row.capacity, row.concern, row.paragraph = capacity, concern, paragraph
        row.version += 1
        row.save()
        changed += 1
    return changed


@transaction.atomic
def attach(score: PriorityScore, priority: Priority) -> None:
    """Make the paragraph the priority's "why this is a priority" text."""
    if priority.plan.partnership_id != score.assessment.partnership_id:
        raise ValueError("the priority belongs to another partnership")
    priority.rationale = score.paragraph
    priority.save(update_fields=["rationale"])
    score.priority = priority
    score.save(update_fields=["priority"])


def priorities_for(partnership) -> list[Priority]:
    return list(
        Priority.objects.filter(plan__partnership=partnership)
        .select_related("plan")
        .order_by("-plan__year", "order")
    )
