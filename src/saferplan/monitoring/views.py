"""Returns pages: My returns, one action's return, and evidence files.

Every page asks ``can``: people who may not see an object get 404 (they
cannot tell it exists), people who may see it but not do what the page does
get 403.  The other pages are in views_dashboard, views_links,
views_spreadsheet and views_history; the lookups they share are here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from saferplan.accounts.permissions import can
from saferplan.core.freshness import FRAGMENT_SECONDS, fragment_key
from saferplan.monitoring import queries
from saferplan.monitoring.forms import ReturnSheet
from saferplan.monitoring.models import EvidenceFile, ReportingPeriod
from saferplan.monitoring.periods import ensure_periods
from saferplan.plans.models import Action, Plan


def get_plan(request: HttpRequest, plan_id: int, permission: str) -> Plan:
    """The plan, if the user may see it (else 404) and holds ``permission`` on it (else 403)."""
    plan = get_object_or_404(Plan.objects.select_related("partnership"), pk=plan_id)
    if not can(request.user, "view", plan):
        raise Http404("No such plan")
    if not can(request.user, permission, plan):
        raise PermissionDenied
    return plan


def get_period(plan: Plan, number: int) -> tuple[ReportingPeriod, list[ReportingPeriod]]:
    """Quarter ``number`` of the plan (created with its siblings the first time), and all four."""
    if number not in (1, 2, 3, 4):
        raise Http404("No such quarter")
    periods = plan_periods(plan)
    return periods[number - 1], periods


def plan_periods(plan: Plan) -> list[ReportingPeriod]:
    """The plan's four quarters, created with default deadlines the first time."""
    periods = ensure_periods(plan)
    for period in periods:
        period.plan = plan  # labels need the plan's year: no query per period
    return periods


# Every column, in the model's order (``from_db`` reads them so); in the key, so that a
# new column never meets rows cached without it.
_PERIOD_FIELDS = tuple(f.attname for f in ReportingPeriod._meta.concrete_fields)


def read_periods(plan: Plan) -> list[ReportingPeriod]:
    """``plan_periods``, from the cache when the plan has not changed since: for pages that
    show the quarters.  Pages that change a quarter or save returns use ``plan_periods``."""
    # Any change of a period moves the plan's version (core.freshness).
    rows = cache.get_or_set(
        fragment_key(plan, "periods", *_PERIOD_FIELDS),
        lambda: [tuple(getattr(p, f) for f in _PERIOD_FIELDS) for p in plan_periods(plan)],
        FRAGMENT_SECONDS,
    )
    periods = [ReportingPeriod.from_db("default", _PERIOD_FIELDS, row) for row in rows]
    for period in periods:
        period.plan = plan
    return periods


def get_action(request: HttpRequest, action_id: int, permission: str) -> Action:
    action = get_object_or_404(
        queries.live_actions().select_related("priority__plan__partnership"), pk=action_id
    )
    if not can(request.user, "view", action):
        raise Http404("No such action")
    if not can(request.user, permission, action):
        raise PermissionDenied
    return action


def plan_crumbs(plan: Plan, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("core:home")),
        (plan.partnership.name, plan.partnership.get_absolute_url()),
        (f"Plan {plan.year}", plan.get_absolute_url()),
        *extra,
    ]


def quarter_choice(request: HttpRequest) -> int | None:
    """``?q=1..4``, None when absent; anything else is a page that does not exist."""
    value = request.GET.get("q", "")
    if not value:
        return None
    if value not in ("1", "2", "3", "4"):
        raise Http404("No such quarter")
    return int(value)


def submit_returns(request: HttpRequest, rows, period, *, user, reason: str = ""):
    """Validate and save a posted returns form; the sheet to show again, or None when saved."""
    submit = request.POST.get("action") == "submit"
    sheet = ReturnSheet(rows, request.POST, request.FILES, submit=submit)
    if sheet.is_valid() and sheet.save(period, user=user, reason=reason):
        verb = "Submitted" if submit else "Saved"
        noun = "return" if sheet.saved == 1 else "returns"
        if sheet.saved:
            what = f"{verb} {sheet.saved} {noun}{'' if submit else ' as draft'} for {period.label}"
        else:
            what = f"Nothing had changed: no return for {period.label} was saved"
        messages.success(request, what)
        return None
    return sheet


@login_required
def my_returns(request: HttpRequest) -> HttpResponse:
    """Everything due from the user's agency (a manager: from everyone) in one quarter."""
    returnable = queries.returnable(request.user)
    plans = returnable.plans
    chosen = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == chosen), None)
    if chosen and plan is None:
        raise Http404("No such plan")
    plan = plan or (plans[0] if plans else None)
    if plan is None:
        return render(request, "monitoring/my_returns.html", {"plans": []})
    number = quarter_choice(request)
    # Saving returns reads the quarter's state afresh; showing them may use the cache.
    periods = plan_periods(plan) if request.method == "POST" else read_periods(plan)
    today = timezone.localdate()
    period = periods[number - 1] if number else queries.default_return_period(periods, today)
    actions = returnable.actions(request.user, plan)
    if request.method == "POST":
        rows = queries.return_rows(period, queries.full_actions(actions))
        sheet = submit_returns(request, rows, period, user=request.user)
        if sheet is None:
            return redirect(f"{reverse('monitoring:my_returns')}?plan={plan.pk}&q={period.number}")
        sections, errors = None, sheet.errors()
    else:
        sheet, sections, errors = None, _return_sections(plan, period, actions), []
    return render(
        request,
        "monitoring/my_returns.html",
        {
            "plans": plans,
            "plan": plan,
            "period": period,
            "periods": periods,
            "sheet": sheet,
            "sections": sections,
            "row_count": len(actions),
            "errors": errors,
            "today": today,
            "quarter_base": f"?plan={plan.pk}&q=",
            "breadcrumbs": [("Home", reverse("core:home"))],
        },
        status=400 if request.method == "POST" else 200,
    )


def _return_sections(plan: Plan, period: ReportingPeriod, actions: list) -> list[str]:
    """Each action's part of the blank (unposted) returns form, rendered, from the cache
    when the plan has not changed since.

    A row shows the action, its lead agencies, this and last quarter's returns and the
    inputs filled with the saved return: the same for everyone who may write it (the caller
    chose the actions with ``can``), so one copy serves them all.  The form's CSRF token and
    buttons are outside the rows.  ``actions`` carry only what ``can`` read
    (``queries.LedAction``); rows not cached load them in full, and cost the usual three
    queries more, once.
    """
    editable = period.accepts_returns
    keys = {
        a.pk: fragment_key(plan, "return-row", period.number, period.status, a.pk) for a in actions
    }
    cached = cache.get_many(list(keys.values()))
    missing = [a for a in actions if keys[a.pk] not in cached]
    if missing:
        fresh = {}
        rows = queries.return_rows(period, queries.full_actions(missing))
        for form in ReturnSheet(rows).forms:
            html = render_to_string(
                "monitoring/includes/return_section.html",
                {"form": form, "editable": editable, "evidence_links": True},
            )
            fresh[keys[form.row.action.pk]] = mark_safe(html)  # noqa: S308
        cache.set_many(fresh, FRAGMENT_SECONDS)
        cached.update(fresh)
    return [cached[keys[a.pk]] for a in actions]


@login_required
def return_form(request: HttpRequest, action_id: int, number: int) -> HttpResponse:
    """One action's return for one quarter; read-only for people who may not write it."""
    action = get_action(request, action_id, "view_returns")
    plan = action.priority.plan
    period, periods = get_period(plan, number)
    rows = queries.return_rows(period, [action])
    may_submit = can(request.user, "submit_return", action)
    sheet = None
    if request.method == "POST":
        if not may_submit:
            raise PermissionDenied
        sheet = submit_returns(request, rows, period, user=request.user)
        if sheet is None:
            return redirect("monitoring:return", action_id=action.pk, number=period.number)
    sheet = sheet or ReturnSheet(rows)
    return render(
        request,
        "monitoring/return_form.html",
        {
            "plan": plan,
            "action": action,
            "period": period,
            "periods": periods,
            "row": rows[0],
            "form": sheet.forms[0],
            "sheet": sheet,
            "errors": sheet.errors(),
            "may_submit": may_submit,
            "quarter_base": reverse("monitoring:return", args=[action.pk, 1])[:-2],
            "can_history": can(request.user, "view_history", action),
            "breadcrumbs": plan_crumbs(plan, (f"Action {action.ref}", action.get_absolute_url())),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to people who may read the return it belongs to."""
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("update__action__priority__plan__partnership"),
        pk=pk,
        archived_at=None,
    )
    if not can(request.user, "view_returns", evidence.update.action):
        raise Http404("No such file")
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
