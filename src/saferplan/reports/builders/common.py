"""Pieces every report shares: branding, cover, action tables, targets, directory, glossary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from saferplan.indicators.checks import TargetCheck, check_row
from saferplan.indicators.models import Indicator
from saferplan.indicators.queries import with_values_and_targets
from saferplan.partnerships.models import Agency, GlossaryEntry
from saferplan.plans.models import Plan, Priority, TargetRow
from saferplan.plans.queries import PlanPage
from saferplan.reports import logos
from saferplan.reports.document import (
    Branding,
    Bullets,
    Heading,
    KeyValues,
    Paragraph,
    ReportDocument,
    Table,
)

VERDICT_LABELS = {
    "achieved": "Target achieved",
    "exceeded": "Target exceeded",
    "missed": "Target missed",
    None: "Not known",
}
_BULLET = re.compile(r"^\s*(?:[-•*]|\(?[ivx]+\)|[a-z]\.)\s+", re.IGNORECASE)


def branding_for(partnership) -> Branding:
    """The partnership's branding, or its name in GOV.UK blue when it has set none."""
    from saferplan.reports.models import ReportSettings

    settings = ReportSettings.objects.filter(partnership=partnership).first()
    if settings is None:
        return Branding(name=partnership.name)
    logo = logos.embeddable(logos.read_stored(settings.logo))
    return Branding(
        name=settings.display_name or partnership.name,
        colour=settings.colour,
        logo_png=logo,
        logo_alt=settings.logo_alt or f"{partnership.name} logo",
        footer=settings.footer,
    )


def new_document(kind: str, plan: Plan, title: str, subtitle: str, stem: str) -> ReportDocument:
    branding = branding_for(plan.partnership)
    return ReportDocument(
        kind=kind,
        title=title,
        subtitle=subtitle,
        branding=branding,
        author=branding.name,
        subject=f"{plan.partnership.name} {plan.year}",
        draft=plan.status == Plan.Status.DRAFT,
        filename_stem=stem,
    )


def text_blocks(text: str) -> list[Paragraph | Bullets]:
    """Free text as paragraphs and bulleted lists ("- " or "• " lines).

    A line ending a sentence ends its paragraph; other line breaks are wrapping.
    """
    blocks: list[Paragraph | Bullets] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(" ".join(lines)))
            lines.clear()
        if bullets:
            blocks.append(Bullets(list(bullets)))
            bullets.clear()

    for raw in (text or "").strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif _BULLET.match(line):
            if lines:
                flush()
            bullets.append(_BULLET.sub("", line).strip())
        else:
            if bullets:
                flush()
            lines.append(line)
            if line.endswith((".", ":", ";", "!", "?")):
                flush()
    flush()
    return blocks


def agency_names(agencies: list[Agency]) -> str:
    """ "KCC, Kent Police": acronyms where the plan's readers know them."""
    return ", ".join(a.acronym or a.name for a in agencies)


def in_sentence(title: str) -> str:
    """ "Domestic abuse" → "domestic abuse" mid-sentence; "ASB" and "Night Time Economy"
    keep their capitals."""
    first, _, rest = title.partition(" ")
    if not first or first.isupper() or any(c.isupper() for c in rest):
        return title
    return first[0].lower() + first[1:] + (f" {rest}" if rest else "")


def priority_heading(priority: Priority) -> str:
    prefix = f"{priority.ref}. " if priority.ref and not priority.subsidiary else ""
    return f"{prefix}{priority.title}"


def shared_measure(priority: Priority) -> str:
    """The measure every action of the priority shares (seed 001 states its performance
    measures once per theme), printed once rather than in every row; else ""."""
    measures = {a.measure.strip() for a in priority.action_list}
    if len(priority.action_list) > 1 and len(measures) == 1:
        return measures.pop()
    return ""


def action_table(priority: Priority, *, measures: bool = True) -> Table:
    """Ref, action, lead, partners, baseline, target, measure (plans: seeds 001, 002, 004)."""
    rows = [
        [
            action.ref,
            action.text,
            agency_names(action.leads),
            ", ".join(a.acronym or a.name for a in action.partners),
            action.baseline,
            action.target,
            action.measure if measures else "",
        ]
        for action in priority.action_list
    ]
    return Table(
        header=["Ref", "Action", "Lead", "Partners", "Baseline", "Target", "Measure"],
        rows=rows,
        widths=[0.6, 4, 1.5, 1.5, 1, 1.3, 1.8],
        caption=f"Actions: {priority.title}",
    ).without_empty_columns()


def target_checks(rows: list[TargetRow]) -> list[TargetCheck]:
    return [
        check_row(
            r.title,
            r.reference or None,
            r.baseline or None,
            r.target or None,
            r.actual or None,
            r.printed_change or None,
            r.section or None,
        )
        for r in rows
    ]


def has_outcome(row: TargetRow) -> bool:
    return bool(row.actual.strip() or row.printed_change.strip())


def previous_plan(plan: Plan) -> Plan | None:
    last_year = str(plan.financial_year.__class__(plan.financial_year.start_year - 1))
    return Plan.objects.filter(partnership_id=plan.partnership_id, year=last_year).first()


def review_targets_table(rows: list[TargetRow]) -> Table:
    """Last year's targets with the change the figures give and the verdict."""
    body = []
    for row, check in zip(rows, target_checks(rows), strict=True):
        body.append(
            [
                row.title,
                row.baseline or "",
                row.target or "",
                row.actual or "",
                check.computed_change_text if check.computed_change is not None else "n/a",
                VERDICT_LABELS.get(check.status, "Not known"),
            ]
        )
    return Table(
        header=["Target", "Baseline", "Target figure", "Actual", "Change", "Result"],
        rows=body,
        widths=[4, 1, 1, 1, 1, 1.5],
        caption="Last year's targets and results",
        numeric=frozenset({1, 2, 3, 4}),
    )


def targets_table(rows: list[TargetRow], year: str) -> Table:
    return Table(
        header=["Outcome", "Links to national or local targets", "Baseline", f"Target {year}"],
        rows=[[r.title, r.reference, r.baseline, r.target] for r in rows],
        widths=[4, 2, 1, 1],
        caption=f"Targets for {year}",
        numeric=frozenset({2, 3}),
    )


def directory_blocks(plan: Plan, *, public: bool) -> list:
    """The partner directory: agencies of the partnership; contact details only in private
    copies (an agency's e-mail can be an officer's own)."""
    agencies = list(plan.partnership.agencies.order_by("name"))
    if not agencies:
        return []
    if public:
        table = Table(
            header=["Agency", "Acronym", "Website"],
            rows=[[a.name, _acronym(a), a.website] for a in agencies],
            widths=[3, 1, 3],
        )
    else:
        table = Table(
            header=["Agency", "Acronym", "E-mail", "Telephone", "Website"],
            rows=[[a.name, _acronym(a), a.email, a.phone, a.website] for a in agencies],
            widths=[3, 1, 2.5, 1.5, 2.5],
        )
    # Columns nobody filled in (imported plans name agencies only) are left out.
    return [Heading("Partner directory", 1, "directory"), table.without_empty_columns({0})]


def _acronym(agency: Agency) -> str:
    """The acronym, unless it is the name itself ("CDAP" imported as both)."""
    return "" if agency.acronym.casefold() == agency.name.casefold() else agency.acronym


def glossary_blocks(plan: Plan) -> list:
    entries = list(GlossaryEntry.objects.filter(partnership_id=plan.partnership_id))
    known = {e.term for e in entries}
    # Acronyms of the agencies the plan names are part of its glossary too.
    agencies = Agency.objects.filter(
        action_links__action__priority__plan=plan, action_links__action__archived_at=None
    ).exclude(acronym="")
    for agency in agencies.distinct():
        if agency.acronym not in known and _acronym(agency):
            entries.append(GlossaryEntry(term=agency.acronym, meaning=agency.name))
            known.add(agency.acronym)
    if not entries:
        return []
    rows = [[e.term, e.meaning] for e in sorted(entries, key=lambda e: e.term.casefold())]
    return [
        Heading("Glossary", 1, "glossary"),
        Table(header=["Term", "Meaning"], rows=rows, widths=[1, 4]),
    ]


def plan_indicators(plan: Plan) -> list[Indicator]:
    """Indicators linked to the plan's priorities or holding a target for its year."""
    query = Q(priorities__plan=plan) | Q(targets__plan=plan)
    query |= Q(partnership_id=plan.partnership_id, targets__year=plan.year)
    ids = Indicator.objects.filter(query).values("pk")
    indicators = with_values_and_targets(Indicator.objects.filter(pk__in=ids))
    return list(indicators.prefetch_related("priorities").order_by("name"))


def plain_number(value: Decimal) -> str:
    """1200.0000 → "1200", 23.1000 → "23.1" (``normalize`` alone gives "1.2E+3")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def uses_police_data(indicators: list[Indicator]) -> bool:
    return any(i.source == Indicator.Source.COMPUTED for i in indicators)


def cover_details(page: PlanPage, produced: date, extra: list[tuple[str, str]]) -> KeyValues:
    plan = page.plan
    fy = plan.financial_year
    rows = [
        ("Partnership", plan.partnership.name),
        (
            "Financial year",
            f"{plan.year} (1 April {fy.start_year} to 31 March {fy.start_year + 1})",
        ),
        ("Status", plan.get_status_display()),
        *extra,
        ("Produced", f"{produced:%-d %B %Y}"),
    ]
    return KeyValues(rows)


@dataclass
class AssessmentEvidence:
    """The "why is X a priority?" paragraphs a saved strategic assessment holds for a plan's
    priorities (drafted from police.uk figures, edited by the manager, attached to the
    priority), and the sentence saying which window of figures they describe."""

    paragraphs: dict[int, str] = field(default_factory=dict)  # by plan priority pk
    window: str = ""

    def __bool__(self) -> bool:
        return bool(self.paragraphs)

    def why(self, priority: Priority) -> str:
        """The assessment's paragraph, else the priority's own rationale."""
        return self.paragraphs.get(priority.pk) or priority.rationale


def assessment_evidence(plan: Plan, priorities: list[Priority]) -> AssessmentEvidence:
    """The newest attached, non-empty assessment paragraph of each priority, in one query.

    A paragraph attached to the priority itself comes first; one attached to the priority
    it was copied from (last year's plan) fills the gap.
    """
    try:
        from saferplan.assessment.models import PriorityScore
    except ImportError:  # the assessment app is optional for documents
        return AssessmentEvidence()
    links = [(p.pk, p.pk) for p in priorities] + [
        (p.pk, p.copied_from_id) for p in priorities if p.copied_from_id
    ]
    if not links:
        return AssessmentEvidence()
    scores = list(
        PriorityScore.objects.filter(
            assessment__partnership_id=plan.partnership_id,
            priority_id__in={linked for _pk, linked in links},
        )
        .exclude(paragraph="")
        .select_related("assessment")
        .order_by("-assessment__created_at", "-assessment_id", "-pk")
    )
    newest: dict[int, object] = {}
    for score in scores:
        if score.paragraph.strip():
            newest.setdefault(score.priority_id, score)
    evidence = AssessmentEvidence()
    used = []
    for pk, linked in links:  # own links first, so they win
        score = newest.get(linked)
        if score is not None and pk not in evidence.paragraphs:
            evidence.paragraphs[pk] = score.paragraph.strip()
            used.append(score.assessment)
    if used:
        a = max(used, key=lambda a: (a.created_at, a.pk))
        evidence.window = (
            f"police-recorded crime from {a.window_start:%B %Y} to {a.window_end:%B %Y}, "
            f"compared with {a.compare_start:%B %Y} to {a.compare_end:%B %Y}, "
            f"against {a.county_name}"
        )
    return evidence
