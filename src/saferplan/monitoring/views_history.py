"""The history of an action: every change to it, its returns and its agencies, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from saferplan.history.entries import Change, Entry, history_entries
from saferplan.monitoring.models import EvidenceFile
from saferplan.monitoring.views import get_action, plan_crumbs
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Priority, ProgressUpdate


def action_history(action: Action) -> list:
    """Entries for the action, its returns and its agency links (three queries, plus names)."""
    actions = Action.history.filter(id=action.pk).select_related("history_user")
    returns = ProgressUpdate.history.filter(action_id=action.pk).select_related("history_user")
    links = list(ActionAgency.history.filter(action_id=action.pk).select_related("history_user"))
    actions = list(actions)
    agencies = dict(
        Agency.objects.filter(pk__in={r.agency_id for r in links}).values_list("pk", "name")
    )
    priorities = dict(
        Priority.all_objects.filter(pk__in={r.priority_id for r in actions}).values_list(
            "pk", "title"
        )
    )
    entries = [
        *history_entries(
            actions,
            subject=lambda r: f"Action {r.ref}",
            exclude={"order", "copied_from"},
            names={"priority": priorities},
        ),
        *history_entries(
            returns,
            subject=lambda r: f"Return for {r.period}",
            exclude={"action", "period", "version", "updated_by", "submitted_at"},
        ),
        *history_entries(
            links,
            subject=lambda r: f"{'Lead' if r.role == 'lead' else 'Partner'} agency",
            exclude={"action", "order"},
            names={"agency": agencies},
        ),
    ]
    entries += _evidence_entries(action)
    entries.sort(key=lambda e: (e.when, e.order), reverse=True)
    return entries


def _evidence_entries(action: Action) -> list[Entry]:
    """Evidence files are added (and archived), never edited: one entry per file."""
    files = EvidenceFile.objects.filter(update__action=action).select_related(
        "update", "uploaded_by"
    )
    return [
        Entry(
            when=f.uploaded_at,
            who=(f.uploaded_by.get_full_name() or f.uploaded_by.get_username())
            if f.uploaded_by
            else "",
            subject=f"Evidence for {f.update.period}",
            kind="Added",
            reason="",
            changes=[Change("File", "", f"{f.original_name} ({f.content_type})")],
        )
        for f in files
    ]


@login_required
@require_GET
def history(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_action(request, action_id, "view_history")
    plan = action.priority.plan
    return render(
        request,
        "monitoring/history.html",
        {
            "action": action,
            "plan": plan,
            "entries": action_history(action),
            "breadcrumbs": plan_crumbs(plan, (f"Action {action.ref}", action.get_absolute_url())),
        },
    )
