"""Indicator pages: a partnership's list, one indicator, its chart, entering values, and
(for managers) defining indicators, setting targets and recounting computed values.

Every page belongs to a partnership and asks ``can``: people outside the
partnership get 404 (they cannot tell it has indicators); members who may
see an indicator but not change it get 403 on the forms.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from saferplan.accounts.permissions import can
from saferplan.assessment.geography import district_names
from saferplan.assessment.pages import Area
from saferplan.indicators import queries, services
from saferplan.indicators.charts import chart_data, render_svg
from saferplan.indicators.computed import NotComputable, districts_of, refresh_computed
from saferplan.indicators.forecast import DEFAULT_AMBER_TOLERANCE, DEFAULT_GREEN_TOLERANCE
from saferplan.indicators.forms import (
    ACCEPTED,
    IndicatorForm,
    TargetForm,
    UploadForm,
    ValueForm,
    error_list,
)
from saferplan.indicators.models import Indicator, IndicatorTarget
from saferplan.indicators.status import all_target_statuses, current_target, periods_and_values
from saferplan.indicators.uploads import COLUMNS
from saferplan.partnerships.models import Partnership


def _partnership(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not can(request.user, "view", partnership):
        raise Http404("No such partnership")
    return partnership


def _indicator(request: HttpRequest, slug: str, pk: int) -> Indicator:
    queryset = queries.with_values_and_targets(Indicator.objects.filter(partnership__slug=slug))
    indicator = get_object_or_404(queryset, pk=pk)
    if not can(request.user, "view", indicator):
        raise Http404("No such indicator")
    return indicator


def _crumbs(partnership: Partnership, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("core:home")),
        (partnership.name, partnership.get_absolute_url()),
        *extra,
    ]


def _list_crumb(partnership: Partnership) -> tuple[str, str]:
    return ("Indicators", reverse("indicators:list", args=[partnership.slug]))


@login_required
@require_GET
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    rows = queries.partnership_indicators(partnership, timezone.localdate())
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "partnership": partnership,
            "rows": rows,
            "can_upload": can(request.user, "edit_indicators", partnership),
            "can_manage": can(request.user, "manage_indicators", partnership),
            "unlinked": [r.indicator for r in rows if not r.linked],
            "breadcrumbs": _crumbs(partnership),
        },
    )


@login_required
@require_GET
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator = _indicator(request, slug, pk)
    today = timezone.localdate()
    statuses = all_target_statuses(indicator, today)
    target = current_target([s.target for s in statuses], today)
    current = next((s for s in statuses if s.target is target), None)
    data = _chart_data(indicator, current)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "partnership": indicator.partnership,
            "indicator": indicator,
            "current": current,
            "statuses": statuses,
            "chart": data,
            "chart_alt": data.alt_text(indicator.name),
            "values": list(indicator.values.all()),
            "flags": [c for t in indicator.targets.all() for c in t.flagged_checks],
            "history": queries.value_history(indicator),
            "priorities": list(indicator.priorities.select_related("plan")),
            "can_edit": can(request.user, "edit_indicators", indicator),
            "can_manage": can(request.user, "manage_indicators", indicator),
            "computed_districts": _computed_districts(indicator),
            "breadcrumbs": _crumbs(indicator.partnership, _list_crumb(indicator.partnership)),
        },
    )


def _computed_districts(indicator: Indicator) -> list[str]:
    """The names of the districts a computed indicator counts."""
    if indicator.source != Indicator.Source.COMPUTED:
        return []
    codes = districts_of(indicator)
    names = district_names(codes)
    return [names.get(code, code) for code in codes]


def _chart_data(indicator: Indicator, current):
    series = periods_and_values(list(indicator.values.all()))
    if current is None:
        return chart_data(indicator.rules_unit, series)
    return chart_data(
        indicator.rules_unit,
        series,
        baseline=current.baseline,
        target=current.goal,
        target_year=current.target.year,
        forecast=current.forecast.value if current.forecast else None,
    )


@login_required
@require_GET
def indicator_chart(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The chart as an SVG image; the page shows the same figures in a table."""
    indicator = _indicator(request, slug, pk)
    today = timezone.localdate()
    statuses = all_target_statuses(indicator, today)
    target = current_target([s.target for s in statuses], today)
    current = next((s for s in statuses if s.target is target), None)
    svg = render_svg(_chart_data(indicator, current))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def value_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record one value: the owning agency's lead officer or a manager."""
    indicator = _indicator(request, slug, pk)
    if not can(request.user, "edit_indicators", indicator):
        raise PermissionDenied("You may not record values for this indicator")
    form = ValueForm(request.POST or None, initial={"period": request.GET.get("period", "")})
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        services.record_value(
            indicator,
            period,
            form.cleaned_data["value"],
            form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(request, f"Recorded {indicator.name} for {period.label}")
        return redirect(indicator.get_absolute_url())
    return render(
        request,
        "indicators/value_form.html",
        {
            "partnership": indicator.partnership,
            "indicator": indicator,
            "form": form,
            "errors": error_list(form) if form.is_bound else [],
            "breadcrumbs": _crumbs(
                indicator.partnership,
                _list_crumb(indicator.partnership),
                (indicator.name, indicator.get_absolute_url()),
            ),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a CSV or XLSX of values: every row is stored, or none."""
    partnership = _partnership(request, slug)
    if not can(request.user, "edit_indicators", partnership):
        raise PermissionDenied("You may not record values for this partnership")
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        spreadsheet = form.cleaned_data["spreadsheet"]
        filename = PurePath(spreadsheet.name or "values.csv").name[:200]
        try:
            result = services.upload_values(
                partnership, filename, spreadsheet.read(), user=request.user
            )
        except services.UploadError as exc:
            errors = [("id_spreadsheet", message) for message in exc.errors]
        else:
            messages.success(
                request,
                f"Uploaded {result.total} value{'' if result.total == 1 else 's'}: "
                f"{result.created} new, {result.updated} changed, {result.unchanged} unchanged",
            )
            return redirect("indicators:list", slug=partnership.slug)
    if form.is_bound and not errors:
        errors = error_list(form)
    return render(
        request,
        "indicators/upload.html",
        {
            "partnership": partnership,
            "form": form,
            "errors": errors,
            "accept": ACCEPTED,
            "columns": COLUMNS,
            "breadcrumbs": _crumbs(partnership, _list_crumb(partnership)),
        },
        status=400 if errors else 200,
    )


def _managed_indicator(request: HttpRequest, slug: str, pk: int) -> Indicator:
    indicator = _indicator(request, slug, pk)
    if not can(request.user, "manage_indicators", indicator):
        raise PermissionDenied("Only the partnership's managers may change indicators")
    return indicator


def _districts(partnership: Partnership) -> dict[str, str]:
    area = Area.of(partnership)
    if area is None:
        return {}
    names = district_names(area.codes)
    return {
        code: f"{names[code]} ({code})" if names.get(code, code) != code else code
        for code in area.codes
    }


def _plain(value) -> str:
    """A stored Decimal as someone would type it: 1030.0000 → 1030, -5.00 → -5."""
    return "" if value is None else f"{value.normalize():f}"


def _indicator_initial(indicator: Indicator) -> dict:
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
    initial["owner"] = indicator.owner_id
    initial["priorities"] = [p.pk for p in indicator.priorities.all()]
    initial["actions"] = [a.pk for a in indicator.actions.all()]
    return initial


@login_required
def indicator_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Define an indicator (``pk`` None) or change one: the partnership's managers only."""
    if pk is None:
        partnership = _partnership(request, slug)
        if not can(request.user, "manage_indicators", partnership):
            raise PermissionDenied("Only the partnership's managers may define indicators")
        indicator, initial = None, {"unit": "count", "polarity": "lower", "frequency": "annual"}
        initial.update(source=Indicator.Source.ENTERED, change_decimals=0)
    else:
        indicator = _managed_indicator(request, slug, pk)
        partnership, initial = indicator.partnership, _indicator_initial(indicator)
    form = IndicatorForm(
        request.POST or None,
        initial=initial,
        partnership=partnership,
        districts=_districts(partnership),
        imported=bool(indicator and indicator.source == Indicator.Source.IMPORTED),
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_indicator(
            partnership, form.cleaned_data, user=request.user, indicator=indicator
        )
        messages.success(request, f"{'Saved' if indicator else 'Defined'} {saved.name}")
        return redirect(saved.get_absolute_url())
    crumbs = [_list_crumb(partnership)]
    if indicator:
        crumbs.append((indicator.name, indicator.get_absolute_url()))
    return render(
        request,
        "indicators/indicator_form.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "form": form,
            "errors": error_list(form) if form.is_bound else [],
            "breadcrumbs": _crumbs(partnership, *crumbs),
        },
        status=400 if form.is_bound else 200,
    )


def _target_initial(target: IndicatorTarget | None) -> dict:
    if target is None:
        return {
            "kind": IndicatorTarget.Kind.ABSOLUTE,
            "green_tolerance": _plain(DEFAULT_GREEN_TOLERANCE),
            "amber_tolerance": _plain(DEFAULT_AMBER_TOLERANCE),
        }
    initial = {name: getattr(target, name) for name in services.TARGET_FIELDS}
    initial["plan"] = target.plan_id
    for name in ("baseline_value", "target_value", "change_percent", "change_amount"):
        initial[name] = _plain(getattr(target, name))
    initial["green_tolerance"] = _plain(target.green_tolerance)
    initial["amber_tolerance"] = _plain(target.amber_tolerance)
    return initial


@login_required
def target_form(
    request: HttpRequest, slug: str, pk: int, target_pk: int | None = None
) -> HttpResponse:
    """Set a plan year's target (``target_pk`` None) or change one: managers only."""
    indicator = _managed_indicator(request, slug, pk)
    target = None
    if target_pk is not None:
        target = next((t for t in indicator.targets.all() if t.pk == target_pk), None)
        if target is None:
            raise Http404("No such target")
    form = TargetForm(
        request.POST or None, initial=_target_initial(target), indicator=indicator, target=target
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_target(indicator, form.cleaned_data, user=request.user, target=target)
        messages.success(request, f"Saved the target for {saved.year}")
        return redirect(indicator.get_absolute_url() + "#targets")
    return render(
        request,
        "indicators/target_form.html",
        {
            "partnership": indicator.partnership,
            "indicator": indicator,
            "target": target,
            "form": form,
            "points": indicator.unit == Indicator.Unit.PERCENTAGE,
            "errors": error_list(form) if form.is_bound else [],
            "breadcrumbs": _crumbs(
                indicator.partnership,
                _list_crumb(indicator.partnership),
                (indicator.name, indicator.get_absolute_url()),
            ),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def refresh(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Recount a computed indicator's values from the police.uk data loaded."""
    indicator = _managed_indicator(request, slug, pk)
    try:
        report = refresh_computed(indicator, user=request.user)
    except NotComputable as error:
        messages.error(request, f"{indicator.name} could not be computed: {error}")
    else:
        messages.success(request, report.summary)
    return redirect(indicator.get_absolute_url() + "#values")
