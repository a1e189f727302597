"""Documents of a plan for the partnership's staff and scrutiny readers: the list of
documents, downloads in every format, a document as a page, and the texts and branding
the documents print."""

from __future__ import annotations

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from saferplan.accounts.models import Role
from saferplan.accounts.permissions import can, roles_of
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Plan
from saferplan.reports import logos, render_html
from saferplan.reports.models import ReportSettings, ReportText
from saferplan.reports.services import (
    FORMAT_NAMES,
    KINDS,
    RENDERERS,
    ReportError,
    build,
    parse_quarter,
)
from saferplan.reports.services import render as render_report

KIND_FORMATS = {
    "plan": ("docx", "pdf", "html", "xlsx"),
    "quarterly": ("docx", "pdf", "html", "xlsx"),
    "committee": ("docx", "pdf", "html"),
    "workbook": ("xlsx",),
}


def may_produce(user, plan: Plan) -> bool:
    """Staff who may read drafts (managers, lead officers, viewers) for any of their plans;
    scrutiny readers for their partnership's published plans."""
    if can(user, "view_draft", plan):
        return True
    role = roles_of(user).get(plan.partnership_id)
    return role == Role.SCRUTINY and can(user, "view", plan)


def _plan(request: HttpRequest, pk: int):
    plan = get_object_or_404(Plan.objects.select_related("partnership"), pk=pk)
    if may_produce(request.user, plan):
        return plan
    if not request.user.is_authenticated and can(request.user, "view", plan):
        return None  # a published plan: sign in to see its reports
    raise Http404


def _quarter(request: HttpRequest):
    try:
        return parse_quarter(request.GET.get("period", "").strip())
    except ReportError:
        return None


@require_GET
def index(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if plan is None:
        return redirect_to_login(request.get_full_path())
    quarters = [str(q) for q in plan.financial_year.quarters()]
    period = request.GET.get("period", "").replace("-", " ")
    links = [
        (
            kind,
            KINDS[kind],
            [(FORMAT_NAMES[f], _download_url(plan, kind, f, period)) for f in formats],
        )
        for kind, formats in KIND_FORMATS.items()
    ]
    return render(
        request,
        "reports/index.html",
        {
            "plan": plan,
            "links": links,
            "quarters": quarters,
            "period": period if period in quarters else "",
            "may_edit": can(request.user, "edit_plan", plan),
            "breadcrumbs": [
                ("Home", reverse("core:home")),
                (plan.partnership.name, plan.partnership.get_absolute_url()),
                (plan.title, plan.get_absolute_url()),
            ],
        },
    )


def _download_url(plan: Plan, kind: str, fmt: str, period: str) -> str:
    url = reverse("reports:download", args=[plan.pk, kind, fmt])
    return f"{url}?period={period.replace(' ', '-')}" if period else url


@require_GET
def download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    plan = _plan(request, pk)
    if plan is None:
        return redirect_to_login(request.get_full_path())
    if fmt not in KIND_FORMATS.get(kind, ()) or fmt not in RENDERERS:
        raise Http404
    try:
        output = render_report(build(kind, plan, quarter=_quarter(request)), fmt)
    except ReportError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(output.content, content_type=output.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def document_page(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A document as a page of the site (printable), charts served by ``chart``."""
    plan = _plan(request, pk)
    if plan is None:
        return redirect_to_login(request.get_full_path())
    if kind not in KIND_FORMATS or kind == "workbook":
        raise Http404
    quarter = _quarter(request)
    report = build(kind, plan, quarter=quarter)
    query = f"?period={str(quarter).replace(' ', '-')}" if quarter else ""

    def chart_url(index: int) -> str:
        return reverse("reports:chart", args=[plan.pk, kind, index]) + query

    context = render_html.page_context(report, chart_url)
    context["logo_url"] = logo_url(report, plan.partnership)
    context["breadcrumbs"] = [
        ("Home", reverse("core:home")),
        (plan.title, plan.get_absolute_url()),
        ("Documents", reverse("reports:index", args=[plan.pk])),
    ]
    context["downloads"] = [
        (FORMAT_NAMES[f], _download_url(plan, kind, f, str(quarter or "")))
        for f in KIND_FORMATS[kind]
    ]
    return render(request, "reports/document_page.html", context)


@require_GET
def chart(request: HttpRequest, pk: int, kind: str, index: int) -> HttpResponse:
    plan = _plan(request, pk)
    if plan is None or kind not in KIND_FORMATS:
        raise Http404
    charts = build(kind, plan, quarter=_quarter(request)).charts()
    if index >= len(charts):
        raise Http404
    response = HttpResponse(charts[index].png(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
def logo(request: HttpRequest, slug: str) -> HttpResponse:
    """The partnership's logo as its documents print it (PNG; JPEG if stored so), for the
    document pages.  A logo is on every published document, so anyone may fetch it."""
    settings = ReportSettings.objects.filter(partnership__slug=slug).exclude(logo="").first()
    data = logos.embeddable(logos.read_stored(settings.logo)) if settings else None
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type=logos.mime_type(data))
    response["Cache-Control"] = "public, max-age=300"
    return response


def logo_url(report, partnership) -> str:
    return reverse("reports:logo", args=[partnership.slug]) if report.branding.logo_png else ""


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ReportText
        fields = ["review", *ReportText.HEADER_FIELDS]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"})}


def edit_texts(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("partnership"), pk=pk)
    if not can(request.user, "edit_plan", plan):
        raise Http404
    text = ReportText.objects.filter(plan=plan).first() or ReportText(plan=plan)
    form = ReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved._change_reason = "reports.texts.edited"
            saved.save()
        return redirect("reports:index", pk=plan.pk)
    return _form_page(request, form, plan, "Texts of the documents", plan.title)


class ReportSettingsForm(forms.ModelForm):
    # A plain file field: Pillow checks the content in ``clean_logo``, whatever the name says.
    logo = forms.FileField(
        required=False,
        help_text=f"A picture file ({logos.accepted_names()}), up to 2 MB; stored as PNG.",
    )

    class Meta:
        model = ReportSettings
        fields = ["display_name", "colour", "logo", "logo_alt", "footer"]

    def clean_logo(self):
        """A new upload becomes a PNG no larger than the documents need."""
        upload = self.cleaned_data.get("logo")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged, or False to clear it
        if upload.size > logos.MAX_BYTES:
            raise forms.ValidationError("The logo must be smaller than 2 MB")
        try:
            png = logos.to_png(upload.read())
        except logos.LogoError as error:
            raise forms.ValidationError(str(error)) from None
        return ContentFile(png, name=f"{self.instance.partnership.slug}-logo.png")


def edit_branding(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not can(request.user, "edit_plan", partnership):
        raise Http404
    settings = ReportSettings.objects.filter(partnership=partnership).first()
    form = ReportSettingsForm(
        request.POST or None,
        request.FILES or None,
        instance=settings or ReportSettings(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved._change_reason = "reports.branding.edited"
            saved.save()
        return redirect(partnership.get_absolute_url())
    return _form_page(request, form, None, "Branding of documents", partnership.name)


def _form_page(request, form, plan, title: str, caption: str) -> HttpResponse:
    errors = [
        (f"id_{name}", message) for name, messages in form.errors.items() for message in messages
    ]
    return render(
        request,
        "reports/form.html",
        {
            "form": form,
            "plan": plan,
            "title": title,
            "caption": caption,
            "errors": errors,
            "today": timezone.localdate(),
        },
        status=400 if form.is_bound else 200,
    )
