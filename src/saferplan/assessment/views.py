"""Assessment pages: a partnership's strategic assessment, its charts and exports,
saved assessments with the manager's scores, and uploads of police.uk data.

Everyone with a role in the partnership may view; managers (``edit_plan``) may save,
score, edit paragraphs and upload.  Outsiders get 404; anonymous people sign in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from saferplan.accounts.permissions import can
from saferplan.assessment import charts, exports, jobs, saved
from saferplan.assessment.models import Assessment, CrimeLoad, PriorityScore
from saferplan.assessment.pages import (
    Area,
    Choice,
    choice_for_saved,
    counties_for,
    matrix_and_drafts,
    parse_choice,
    result_for,
)
from saferplan.assessment.rules import REPORT_TYPES
from saferplan.assessment.services import NoData
from saferplan.assessment.store import StoreBusy
from saferplan.partnerships.models import Partnership

MAX_UPLOAD = 2 * 1024**3


def _partnership(request: HttpRequest, slug: str, permission: str = "view") -> Partnership:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not can(request.user, "view", partnership):
        raise Http404("No such partnership")
    if permission != "view" and not can(request.user, permission, partnership):
        raise PermissionDenied
    return partnership


def _crumbs(partnership: Partnership) -> list[tuple[str, str]]:
    return [
        ("Home", reverse("core:home")),
        ("Partnerships", reverse("partnerships:list")),
        (partnership.name, partnership.get_absolute_url()),
    ]


def _context(request, partnership, choice: Choice, assessment: Assessment | None = None):
    area = Area.of(partnership)
    counties = counties_for(area) if area else []
    context = {
        "partnership": partnership,
        "area": area,
        "counties": counties,
        "choice": choice,
        "assessment": assessment,
        "types": REPORT_TYPES,
        "breadcrumbs": _crumbs(partnership),
        "can_edit": can(request.user, "edit_plan", partnership),
        "errors": list(choice.errors),
    }
    context["editable"] = assessment is not None and context["can_edit"]
    if area is None:
        return context
    if assessment is not None:
        codes, name = assessment.county_codes, assessment.county_name
    elif choice.county is not None:
        codes, name = choice.county.district_codes, choice.county.name
    else:
        codes, name = area.codes, area.name
    try:
        result = result_for(area, choice, codes, name)
    except (NoData, StoreBusy) as error:
        context["no_data"] = str(error)
        return context
    manual, scores = None, {}
    if assessment is not None:
        scores = {s.crime_type: s for s in assessment.scores.all()}
        manual = {t: (s.capacity, s.concern) for t, s in scores.items()}
    matrix, drafts = matrix_and_drafts(result, area.unit, manual)
    context.update(
        result=result,
        query=choice.query(result),
        headline=result.unit_figures(area.unit),
        comparison=[f for f in result.figures if f.crime_type == choice.crime_type],
        series=result.paired_series(area.unit, choice.crime_type),
        lsoas=result.lsoa_hotspots.get(area.unit, []),
        streets=result.street_hotspots.get(area.unit, []),
        matrix=[(row, scores.get(row.crime_type), drafts.get(row.crime_type)) for row in matrix],
    )
    context["top"] = context["matrix"][:5]
    return context


@login_required
def assessment_page(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    area = Area.of(partnership)
    choice = parse_choice(request.GET, counties_for(area) if area else [])
    context = _context(request, partnership, choice)
    context["saved_list"] = partnership.assessments.all()[:10]
    return render(request, "assessment/assessment.html", context)


@login_required
def saved_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership(request, slug)
    assessment = get_object_or_404(Assessment, pk=pk, partnership=partnership)
    context = _context(request, partnership, choice_for_saved(assessment, request.GET), assessment)
    context["priorities"] = saved.priorities_for(partnership) if context["can_edit"] else []
    return render(request, "assessment/assessment.html", context)


@login_required
@require_POST
def save_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug, "edit_plan")
    area = Area.of(partnership)
    if area is None:
        raise Http404("No districts")
    choice = parse_choice(request.POST, counties_for(area))
    context = _context(request, partnership, choice)
    if "result" not in context:
        messages.error(request, "There is no crime data to save an assessment from.")
        return redirect("assessment:page", slug=slug)
    result = context["result"]
    drafts = {row.crime_type: draft for row, _, draft in context["matrix"]}
    assessment = saved.create_assessment(
        partnership,
        request.user,
        choice.county,
        result.county,
        list(choice.county.district_codes if choice.county else area.codes),
        result.window,
        result.compare,
        drafts,
    )
    messages.success(request, "Assessment saved: you can now score and edit the priorities.")
    return redirect("assessment:saved", slug=slug, pk=assessment.pk)


@login_required
@require_POST
def save_scores(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership(request, slug, "edit_plan")
    assessment = get_object_or_404(Assessment, pk=pk, partnership=partnership)
    inputs = []
    for score in assessment.scores.all():
        key = score.pk
        inputs.append(
            saved.ScoreInput(
                score.crime_type,
                _int(request.POST.get(f"capacity-{key}")),
                _int(request.POST.get(f"concern-{key}")),
                request.POST.get(f"paragraph-{key}", score.paragraph),
                _int(request.POST.get(f"version-{key}"), score.version),
            )
        )
    try:
        changed = saved.save_scores(assessment, inputs)
    except saved.StaleEdit as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Saved: {changed} priorities changed.")
    return redirect(reverse("assessment:saved", args=[slug, pk]) + "#matrix")


@login_required
@require_POST
def attach_paragraph(request: HttpRequest, slug: str, pk: int, score_pk: int) -> HttpResponse:
    partnership = _partnership(request, slug, "edit_plan")
    score = get_object_or_404(
        PriorityScore, pk=score_pk, assessment__pk=pk, assessment__partnership=partnership
    )
    priority = next(
        (p for p in saved.priorities_for(partnership) if str(p.pk) == request.POST.get("priority")),
        None,
    )
    if priority is None:
        messages.error(request, "Choose the plan priority to attach the paragraph to.")
    else:
        saved.attach(score, priority)
        messages.success(request, f"The paragraph is now the rationale of “{priority.title}”.")
    return redirect(reverse("assessment:saved", args=[slug, pk]) + "#matrix")


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _result_or_404(request, slug, pk=None):
    partnership = _partnership(request, slug)
    assessment = get_object_or_404(Assessment, pk=pk, partnership=partnership) if pk else None
    area = Area.of(partnership)
    if area is None:
        raise Http404("No districts")
    choice = (
        choice_for_saved(assessment, request.GET)
        if assessment
        else parse_choice(request.GET, counties_for(area))
    )
    context = _context(request, partnership, choice, assessment)
    if "result" not in context:
        raise Http404("No crime data")
    return context


@login_required
def chart(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    context = _result_or_404(request, slug, request.GET.get("saved"))
    result, unit, kind_type = context["result"], context["area"].unit, context["choice"].crime_type
    if kind == "trend":
        svg = charts.trend(result, unit, kind_type)
    elif kind == "districts":
        svg = charts.districts(result, unit, kind_type)
    else:
        raise Http404("No such chart")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    context = _result_or_404(request, slug, request.GET.get("saved"))
    if fmt not in ("xlsx", "docx"):
        raise Http404("No such format")
    filename, mimetype, data = exports.render(fmt, context)
    response = HttpResponse(data, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug, "edit_plan")
    errors = []
    if request.method == "POST":
        file = request.FILES.get("archive")
        if file is None:
            errors.append(("id_archive", "Choose a police.uk zip file to upload"))
        elif not file.name.lower().endswith(".zip"):
            errors.append(("id_archive", "The file must be a police.uk archive ending in .zip"))
        elif file.size > MAX_UPLOAD:
            errors.append(("id_archive", "The file must be smaller than 2 GB"))
        else:
            job = jobs.queue_upload(file, user=request.user, partnership=partnership)
            return redirect("assessment:load", slug=slug, pk=job.pk)
    return render(
        request,
        "assessment/upload.html",
        {
            "partnership": partnership,
            "errors": errors,
            "breadcrumbs": _crumbs(partnership),
            "loads": CrimeLoad.objects.filter(partnership=partnership)[:10],
        },
    )


@login_required
def load_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership = _partnership(request, slug, "edit_plan")
    job = get_object_or_404(CrimeLoad, pk=pk, partnership=partnership)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "label": job.get_status_display(),
                "percent": job.percent,
                "done": job.files_done,
                "total": job.files_total,
                "message": job.message,
            }
        )
    return render(
        request,
        "assessment/load.html",
        {"partnership": partnership, "job": job, "breadcrumbs": _crumbs(partnership)},
    )
