"""Starting next year's plan from this one."""

from __future__ import annotations

from django.db import transaction

from saferplan.plans.models import Action, ActionAgency, Plan, Priority, UpdateStatus


class RolloverError(Exception):
    pass


def latest_status(action: Action) -> str:
    updates = sorted(action.updates.all(), key=lambda u: u.period)
    return updates[-1].status if updates else ""


def roll_over(plan: Plan, *, user=None) -> Plan:
    """A draft plan for the next financial year with this plan's priorities and open actions.

    Completed actions stay behind; every copied priority and action links back to
    the one it came from.  Progress updates are not copied: the new year starts
    with none.
    """
    next_year = str(plan.financial_year.next())
    if Plan.objects.filter(partnership=plan.partnership, year=next_year).exists():
        raise RolloverError(f"{plan.partnership.name} already has a plan for {next_year}")
    with transaction.atomic():
        new_plan = Plan(
            partnership=plan.partnership,
            year=next_year,
            title=plan.title.replace(plan.year, next_year),
            kind=plan.kind,
            status=Plan.Status.DRAFT,
            introduction=plan.introduction,
        )
        _save(new_plan, user, f"plan.rolled_over from {plan.year}")
        priorities = plan.priorities.prefetch_related(
            "leads", "actions__agency_links", "actions__updates"
        )
        for priority in priorities:
            copy = Priority(plan=new_plan, copied_from=priority)
            for field in (
                "ref",
                "title",
                "group",
                "subsidiary",
                "rationale",
                "intended_outcomes",
                "key_partners",
                "order",
            ):
                setattr(copy, field, getattr(priority, field))
            _save(copy, user, "plan.rolled_over")
            copy.leads.set(priority.leads.all())
            for action in priority.actions.all():
                if latest_status(action) == UpdateStatus.COMPLETED:
                    continue
                _copy_action(action, copy, user)
    return new_plan


def _copy_action(action: Action, priority: Priority, user) -> Action:
    copy = Action(priority=priority, copied_from=action)
    for field in ("ref", "text", "aim", "baseline", "target", "measure", "evidence", "order"):
        setattr(copy, field, getattr(action, field))
    _save(copy, user, "plan.rolled_over")
    for link in action.agency_links.all():
        _save(
            ActionAgency(
                action=copy,
                agency_id=link.agency_id,
                role=link.role,
                name_as_printed=link.name_as_printed,
                order=link.order,
            ),
            user,
            "plan.rolled_over",
        )
    return copy


def _save(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
