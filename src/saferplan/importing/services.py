"""Storing an imported plan, and exporting a stored one in the same shape.

``import_plan`` is the only code that writes an imported document to the
database: one transaction, so a failure leaves the database as it was, and
keyed on the partnership and year, so importing the same file again updates
the plan instead of duplicating it.  Rows that a new version of the document
no longer has are archived, never deleted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from saferplan.importing.agencies import AgencyMatcher, KnownAgency, guess_kind, normalise
from saferplan.importing.document import (
    ParsedAction,
    ParsedAgency,
    ParsedGlossaryEntry,
    ParsedPlan,
    ParsedPriority,
    ParsedTarget,
    ParsedUpdate,
    PlanImportError,
)
from saferplan.indicators.sync import sync_from_target_rows
from saferplan.partnerships.models import Agency, AgencyMembership, GlossaryEntry, Partnership
from saferplan.plans.models import (
    Action,
    ActionAgency,
    Plan,
    Priority,
    ProgressUpdate,
    TargetRow,
)
from saferplan.plans.periods import FinancialYear


def read_document(filename: str, data: bytes) -> ParsedPlan:
    """Read any supported document (text, .docx, .xlsx, JSON) into a ``ParsedPlan``."""
    from saferplan.importing.readers import read_document as read

    return read(filename, data)


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    priorities: int
    actions: int
    archived: int


def _partnership_key(name: str) -> str:
    key = normalise(name)
    key = key.replace("community safety partnership", "csp")
    return key.removeprefix("the ")


def find_partnership(name: str) -> Partnership | None:
    """The partnership a printed name stands for ("X CSP" is "X Community Safety Partnership")."""
    wanted = _partnership_key(name)
    for partnership in Partnership.objects.all():
        if _partnership_key(partnership.name) == wanted:
            return partnership
    return None


def find_or_create_partnership(name: str) -> Partnership:
    return find_partnership(name) or Partnership.objects.create(name=name.strip())


def import_plan(
    parsed: ParsedPlan,
    *,
    source_name: str,
    source_bytes: bytes | None = None,
    partnership: str | None = None,
    year: str | None = None,
    user=None,
) -> ImportResult:
    """Store ``parsed`` as the plan of its partnership and year, all or nothing."""
    partnership_name = (partnership or parsed.partnership or "").strip()
    if not partnership_name:
        raise PlanImportError(
            "no partnership name was found in the document: give one (--partnership)",
            source=source_name,
        )
    try:
        financial_year = FinancialYear.parse(year or parsed.year or "")
    except ValueError:
        raise PlanImportError(
            "no financial year such as 2014/15 was found in the document: give one (--year)",
            source=source_name,
        ) from None
    if not parsed.priorities:
        raise PlanImportError("the document has no priorities or actions", source=source_name)

    with transaction.atomic():
        # django-simple-history keeps at most 100 characters of a reason.
        writer = _PlanWriter(user=user, reason=f"Imported from {source_name}"[:100])
        partnership_obj = find_or_create_partnership(partnership_name)
        plan, created = writer.plan(partnership_obj, financial_year, parsed, source_name)
        if source_bytes is not None:
            plan.source_sha256 = hashlib.sha256(source_bytes).hexdigest()
            writer.save(plan)
        writer.agencies(partnership_obj, parsed)
        writer.glossary(partnership_obj, parsed.glossary)
        writer.priorities(plan, parsed)
        writer.targets(plan, parsed.targets)
        # Target rows become indicators with values, and printed figures are checked.
        sync_from_target_rows(plan, user=user)
    return ImportResult(
        plan=plan,
        created=created,
        priorities=len(parsed.priorities),
        actions=parsed.action_count(),
        archived=writer.archived,
    )


class _PlanWriter:
    """The steps of one import; every save records who made it and why."""

    def __init__(self, *, user, reason: str):
        self.user = user
        self.reason = reason
        self.now = timezone.now()
        self.archived = 0
        self.matcher: AgencyMatcher | None = None
        self._agency_rows: dict[int, Agency] = {}

    def save(self, obj) -> None:
        obj._history_user = self.user
        obj._change_reason = self.reason
        obj.save()

    def save_if_changed(self, obj, before: dict | None) -> None:
        """Save a new row, or an existing one whose fields changed: an import of
        an unchanged document leaves no history behind."""
        if before is None or before != _fields(obj):
            self.save(obj)

    def plan(self, partnership, financial_year, parsed, source_name) -> tuple[Plan, bool]:
        plan = Plan.objects.filter(partnership=partnership, year=str(financial_year)).first()
        created = plan is None
        if created:
            plan = Plan(partnership=partnership, year=str(financial_year))
        plan.title = (parsed.title or f"{partnership.name} plan {financial_year}")[:300]
        plan.introduction = parsed.introduction or plan.introduction
        plan.source_name = source_name[:300]
        plan.imported_at = self.now
        self.save(plan)
        return plan, created

    def agencies(self, partnership: Partnership, parsed: ParsedPlan) -> None:
        known = [
            KnownAgency(name=a.name, acronym=a.acronym, aliases=list(a.aliases), id=a.pk)
            for a in Agency.objects.all()
        ]
        glossary = {entry.term: entry.meaning for entry in parsed.glossary}
        glossary.update(
            {
                e.term: e.meaning
                for e in GlossaryEntry.objects.filter(partnership=partnership)
                if e.term not in glossary
            }
        )
        self.matcher = AgencyMatcher(known, glossary)
        self._partnership = partnership
        for agency in parsed.agencies:
            self._row(self.matcher.add(agency.name, agency.acronym))

    def _row(self, known: KnownAgency) -> Agency:
        """The stored agency for a matcher entry, creating it on first use."""
        if known.id is None:
            agency = Agency(name=known.name[:200], acronym=known.acronym[:40])
            agency.kind = guess_kind(known.name)
            agency.slug = _unique_agency_slug(known.name)
            self.save(agency)
            known.id = agency.pk
            self._agency_rows[agency.pk] = agency
        elif known.id not in self._agency_rows:
            self._agency_rows[known.id] = Agency.objects.get(pk=known.id)
        agency = self._agency_rows[known.id]
        if known.acronym and not agency.acronym:
            agency.acronym = known.acronym[:40]
            self.save(agency)
        AgencyMembership.objects.get_or_create(partnership=self._partnership, agency=agency)
        return agency

    def resolve(self, printed: str) -> Agency:
        assert self.matcher is not None
        return self._row(self.matcher.resolve(printed))

    def glossary(self, partnership: Partnership, entries: list[ParsedGlossaryEntry]) -> None:
        for entry in entries:
            GlossaryEntry.objects.update_or_create(
                partnership=partnership,
                term=entry.term.strip()[:60],
                defaults={"meaning": entry.meaning.strip()[:300]},
            )

    def priorities(self, plan: Plan, parsed: ParsedPlan) -> None:
        existing = {_priority_key(p): p for p in Priority.all_objects.filter(plan=plan)}
        kept: set[int] = set()
        for order, parsed_priority in enumerate(parsed.priorities, start=1):
            key = (normalise(parsed_priority.group or ""), normalise(parsed_priority.title))
            priority = existing.get(key) or Priority(plan=plan)
            before = _fields(priority) if priority.pk else None
            _apply_priority(priority, parsed_priority, order)
            self.save_if_changed(priority, before)
            priority.leads.set([self.resolve(name) for name in parsed_priority.leads])
            kept.add(priority.pk)
            self.actions(priority, parsed_priority.actions)
        for priority in existing.values():
            if priority.pk not in kept:
                self.archive(priority)
                for action in priority.actions.all():
                    self.archive(action)

    def actions(self, priority: Priority, parsed_actions: list[ParsedAction]) -> None:
        existing = {a.ref: a for a in Action.all_objects.filter(priority=priority)}
        kept: set[int] = set()
        for order, parsed_action in enumerate(parsed_actions, start=1):
            ref = (parsed_action.ref or str(order)).strip()[:20]
            action = existing.get(ref) or Action(priority=priority, ref=ref)
            before = _fields(action) if action.pk else None
            _apply_action(action, parsed_action, order)
            self.save_if_changed(action, before)
            kept.add(action.pk)
            self.links(action, parsed_action)
            self.updates(action, parsed_action.updates)
        for action in existing.values():
            if action.pk not in kept:
                self.archive(action)

    def links(self, action: Action, parsed_action: ParsedAction) -> None:
        wanted: list[tuple[int, str, str]] = []
        for role, names in (
            (ActionAgency.LEAD, parsed_action.leads),
            (ActionAgency.PARTNER, parsed_action.partners),
        ):
            for name in names:
                agency = self.resolve(name)
                if (agency.pk, role) not in {(a, r) for a, r, _ in wanted}:
                    wanted.append((agency.pk, role, name))
        current = {(link.agency_id, link.role): link for link in action.agency_links.all()}
        for order, (agency_id, role, printed) in enumerate(wanted):
            link = current.pop((agency_id, role), None) or ActionAgency(
                action=action, agency_id=agency_id, role=role
            )
            before = _fields(link) if link.pk else None
            link.name_as_printed = printed[:200]
            link.order = order
            self.save_if_changed(link, before)
        for link in current.values():
            link._history_user = self.user
            link._change_reason = self.reason
            link.delete()  # the link's history keeps it

    def updates(self, action: Action, parsed_updates: list[ParsedUpdate]) -> None:
        for parsed_update in parsed_updates:
            update = ProgressUpdate.objects.filter(
                action=action, period=parsed_update.period
            ).first() or ProgressUpdate(action=action, period=parsed_update.period)
            before = _fields(update) if update.pk else None
            update.text = parsed_update.text or ""
            update.status = parsed_update.status or ""
            if before is None or before != _fields(update):
                update.updated_by = self.user
                update.version += 1 if update.pk else 0
                self.save(update)

    def targets(self, plan: Plan, parsed_targets: list[ParsedTarget]) -> None:
        existing = {(t.section, t.title): t for t in TargetRow.objects.filter(plan=plan)}
        for order, parsed_target in enumerate(parsed_targets, start=1):
            key = ((parsed_target.section or "")[:300], parsed_target.title[:500])
            row = existing.pop(key, None) or TargetRow(plan=plan)
            before = _fields(row) if row.pk else None
            row.section, row.title = key
            row.reference = (parsed_target.reference or "")[:200]
            row.baseline = (parsed_target.baseline or "")[:100]
            row.target = (parsed_target.target or "")[:100]
            row.actual = (parsed_target.actual or "")[:100]
            row.printed_change = (parsed_target.printed_change or "")[:100]
            row.order = order
            self.save_if_changed(row, before)
        for row in existing.values():
            row._history_user = self.user
            row._change_reason = self.reason
            row.delete()  # the row's history keeps it

    def archive(self, obj) -> None:
        if obj.archived_at is None:
            obj.archived_at = self.now
            self.save(obj)
            self.archived += 1


def _fields(obj) -> dict:
    """The stored values of a row's own columns, to tell whether an import changed it."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _priority_key(priority: Priority) -> tuple[str, str]:
    return (normalise(priority.group), normalise(priority.title))


def _apply_priority(priority: Priority, parsed: ParsedPriority, order: int) -> None:
    priority.ref = (parsed.ref or "")[:20]
    priority.title = parsed.title[:300]
    priority.group = (parsed.group or "")[:300]
    priority.subsidiary = parsed.subsidiary
    priority.rationale = parsed.rationale or ""
    priority.intended_outcomes = parsed.intended_outcomes or ""
    priority.key_partners = parsed.key_partners or ""
    priority.order = order
    priority.archived_at = None


def _apply_action(action: Action, parsed: ParsedAction, order: int) -> None:
    action.text = parsed.text
    action.aim = parsed.aim or ""
    action.baseline = parsed.baseline or ""
    action.target = parsed.target or ""
    action.measure = parsed.measure or ""
    action.evidence = parsed.evidence or ""
    action.order = order
    action.archived_at = None


def _unique_agency_slug(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:180] or "agency"
    slug, n = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def export_plan(plan: Plan) -> ParsedPlan:
    """The stored plan in the import contract's shape: importing it gives the same plan."""
    priorities = []
    for priority in plan.priorities.prefetch_related(
        "leads", "actions__agency_links__agency", "actions__updates"
    ):
        actions = [
            ParsedAction(
                ref=action.ref,
                text=action.text,
                leads=[
                    link.name_as_printed or link.agency.name
                    for link in action.agency_links.all()
                    if link.role == ActionAgency.LEAD
                ],
                partners=[
                    link.name_as_printed or link.agency.name
                    for link in action.agency_links.all()
                    if link.role == ActionAgency.PARTNER
                ],
                aim=action.aim or None,
                baseline=action.baseline or None,
                target=action.target or None,
                measure=action.measure or None,
                evidence=action.evidence or None,
                updates=[
                    ParsedUpdate(period=u.period, text=u.text or None, status=u.status or None)
                    for u in action.updates.all()
                ],
            )
            for action in priority.actions.all()
        ]
        priorities.append(
            ParsedPriority(
                ref=priority.ref or None,
                title=priority.title,
                group=priority.group or None,
                subsidiary=priority.subsidiary,
                leads=[agency.name for agency in priority.leads.all()],
                rationale=priority.rationale or None,
                intended_outcomes=priority.intended_outcomes or None,
                key_partners=priority.key_partners or None,
                actions=actions,
            )
        )
    partnership = plan.partnership
    return ParsedPlan(
        partnership=partnership.name,
        title=plan.title,
        year=plan.year,
        priorities=priorities,
        targets=[
            ParsedTarget(
                title=t.title,
                reference=t.reference or None,
                baseline=t.baseline or None,
                target=t.target or None,
                actual=t.actual or None,
                printed_change=t.printed_change or None,
                section=t.section or None,
            )
            for t in plan.target_rows.all()
        ],
        agencies=[
            ParsedAgency(name=a.name, acronym=a.acronym or None) for a in partnership.agencies.all()
        ],
        glossary=[
            ParsedGlossaryEntry(term=g.term, meaning=g.meaning) for g in partnership.glossary.all()
        ],
        introduction=plan.introduction or None,
    )
