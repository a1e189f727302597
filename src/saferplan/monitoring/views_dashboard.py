"""The manager's dashboard for a quarter, the quarter's controls, and rolling a plan over."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from saferplan.accounts.permissions import can
from saferplan.core.freshness import FRAGMENT_SECONDS, fragment_key
from saferplan.history.entries import history_entries
from saferplan.monitoring import queries
from saferplan.monitoring.dashboard import build_dashboard
from saferplan.monitoring.forms import DeadlineForm
from saferplan.monitoring.periods import PeriodError, change_status
from saferplan.monitoring.rules import STATUS_LABELS, UNRATED, Tally
from saferplan.monitoring.views import (
    get_period,
    get_plan,
    plan_crumbs,
    quarter_choice,
    read_periods,
)
from saferplan.plans.rollover import RolloverError, roll_over

# What each control does, said on the button and beside it.
MOVES = {
    "open": ("Open", "Lead officers can save and submit returns."),
    "close": ("Close", "No more returns can be saved until the quarter is opened again."),
    "lock": (
        "Lock",
        "A copy of every return is kept as it stands now. No more returns can be saved.",
    ),
    "reopen": ("Reopen", "Returns can be changed again. Reopening is recorded."),
}
_ALLOWED = {
    "planned": ("open", "close"),
    "open": ("close", "lock"),
    "closed": ("open", "lock", "reopen"),
    "locked": ("reopen",),
}


def _dashboard_url(plan, number: int) -> str:
    return f"{reverse('monitoring:dashboard', args=[plan.pk])}?q={number}"


@dataclass
class Board:
    """What the dashboard shows of a quarter, as cached (see ``_build_board``)."""

    total: Tally
    by_agency: list
    summary: list
    status_html: str  # rendered: status counts and exceptions
    priorities_html: str  # rendered: returns by priority


def _build_board(period, today) -> Board:
    """The quarter's figures, and its tables that read the same for everyone who may open
    the dashboard (status counts, exceptions, by priority)."""
    board = build_dashboard(period, today)
    labels = STATUS_LABELS
    counts = board.rag
    exceptions = queries.exceptions(board.lines)
    return Board(
        total=board.total,
        by_agency=board.by_agency,
        summary=[
            (board.total.due, "returns due"),
            (board.total.submitted, "submitted"),
            (board.total.overdue, "overdue"),
            (counts["no_data"], "without data"),
        ],
        status_html=mark_safe(  # noqa: S308
            render_to_string(
                "monitoring/includes/dashboard_status.html",
                {
                    "period": period,
                    "rag": [(s, labels[s], n) for s, n in counts.items() if n or s != UNRATED],
                    "exceptions": exceptions,
                },
            )
        ),
        priorities_html=mark_safe(  # noqa: S308
            render_to_string(
                "monitoring/includes/dashboard_priorities.html",
                {"by_priority": board.by_priority},
            )
        ),
    )


@dataclass
class BoardParts:
    """The dashboard's cached parts for one reader: ``board`` and ``html`` as every reader
    with the same rights sees them, and the quarter's history for those who manage it."""

    board: Board
    html: str  # rendered: the quarters, the summary, the tables (see dashboard_board.html)
    history: list


def _board_parts(plan, periods, period, today, *, managing: bool, sending: bool) -> BoardParts:
    """The dashboard's figures, tables and quarter history, from the cache when the plan
    and the quarter are as they were (one round trip).  The rendered part differs with
    what the reader may do, so it is kept per ``managing`` (the Change deadline link) and
    ``sending`` (the chase links); what holds a CSRF token is rendered by the view."""
    base = fragment_key(
        plan, "dashboard", period.number, period.status, period.deadline.isoformat(), today
    )
    keys = {
        "board": base,
        "html": f"{base}:m{managing:d}s{sending:d}",
        "history": fragment_key(plan, "period-history", period.number),
    }
    wanted = [keys["board"], keys["html"]] + ([keys["history"]] if managing else [])
    found = cache.get_many(wanted)
    fresh = {}
    board = found.get(keys["board"])
    if board is None:
        board = fresh[keys["board"]] = _build_board(period, today)
    html = found.get(keys["html"])
    if html is None:
        html = fresh[keys["html"]] = mark_safe(  # noqa: S308
            render_to_string(
                "monitoring/includes/dashboard_board.html",
                {
                    "plan": plan,
                    "period": period,
                    "periods": periods,  # the quarters' links
                    "board": board,
                    "today": today,
                    "managing": managing,
                    "sending": sending,
                },
            )
        )
    history = []
    if managing:
        history = found.get(keys["history"])
        if history is None:
            history = fresh[keys["history"]] = _period_history(period)
    if fresh:
        cache.set_many(fresh, FRAGMENT_SECONDS)
    return BoardParts(board, html, history)


@login_required
def dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan(request, plan_id, "view_dashboard")
    periods = read_periods(plan)
    today = timezone.localdate()
    number = quarter_choice(request)
    period = periods[number - 1] if number else queries.default_dashboard_period(periods, today)
    managing = can(request.user, "manage_periods", period)
    sending = can(request.user, "send_links", period)
    parts = _board_parts(plan, periods, period, today, managing=managing, sending=sending)
    # The lines themselves are not cached: worked out again only if something asks.
    lines = SimpleLazyObject(lambda: build_dashboard(period, today).lines)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "plan": plan,
            "period": period,
            "board": parts.board,
            "board_html": parts.html,
            "exceptions": SimpleLazyObject(lambda: queries.exceptions(lines)),
            "summary": parts.board.summary,
            "period_history": parts.history,
            "managing": managing,
            "sending": sending,
            "moves": [(m, *MOVES[m]) for m in _ALLOWED[period.status]] if managing else [],
            "links": queries.active_links(period) if sending else [],
            "can_roll_over": can(request.user, "edit_plan", plan),
            "breadcrumbs": plan_crumbs(plan),
        },
    )


def _period_history(period) -> list:
    records = period.history.select_related("history_user")
    entries = history_entries(records, subject=lambda r: f"Q{r.number}", exclude={"plan", "number"})
    return entries[::-1]


@login_required
@require_POST
def period_status(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan = get_plan(request, plan_id, "manage_periods")
    period, _periods = get_period(plan, number)
    move = request.POST.get("move", "")
    try:
        change_status(period, move, user=request.user)
    except PeriodError as error:
        messages.error(request, f"{str(error)[:1].upper()}{str(error)[1:]}")
    else:
        past = {"open": "opened", "close": "closed", "lock": "locked", "reopen": "reopened"}
        messages.success(request, f"{period.label} {past[move]}")
    return redirect(_dashboard_url(plan, period.number))


@login_required
def period_deadline(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan = get_plan(request, plan_id, "manage_periods")
    period, _periods = get_period(plan, number)
    initial = {"day": period.deadline.day, "month": period.deadline.month}
    form = DeadlineForm(request.POST or None, initial={**initial, "year": period.deadline.year})
    if request.method == "POST" and form.is_valid():
        form.save(period, user=request.user)
        messages.success(request, f"Deadline for {period.label} set to {period.deadline:%-d %B %Y}")
        return redirect(_dashboard_url(plan, period.number))
    errors = [("id_deadline-day", m) for m in form.non_field_errors()]
    return render(
        request,
        "monitoring/deadline.html",
        {
            "plan": plan,
            "period": period,
            "form": form,
            "errors": errors,
            "parts": [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)],
            "breadcrumbs": plan_crumbs(
                plan, ("Returns dashboard", _dashboard_url(plan, period.number))
            ),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def plan_roll_over(request: HttpRequest, plan_id: int) -> HttpResponse:
    """GET says what will be copied and left behind; POST makes next year's draft."""
    plan = get_plan(request, plan_id, "edit_plan")
    errors = []
    if request.method == "POST":
        try:
            new_plan = roll_over(plan, user=request.user)
        except RolloverError as error:
            errors = [("", str(error))]
        else:
            messages.success(
                request, f"Started the {new_plan.year} plan as a draft from the {plan.year} plan"
            )
            return redirect(new_plan.get_absolute_url())
    return render(
        request,
        "monitoring/roll_over.html",
        {
            "plan": plan,
            "next_year": str(plan.financial_year.next()),
            "summary": queries.rollover_summary(plan),
            "errors": errors,
            "breadcrumbs": plan_crumbs(plan),
        },
        status=400 if errors else 200,
    )
