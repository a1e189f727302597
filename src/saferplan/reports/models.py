"""What a partnership sets for its documents: branding, and the editable texts of a plan's
reports (the review of last year, the committee paper's header block)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Plan
from saferplan.reports.document import DEFAULT_COLOUR

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits")


class ReportSettings(models.Model):
    """A partnership's name, logo and colour on its documents."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="report_settings"
    )
    display_name = models.CharField(
        max_length=200, blank=True, help_text="Printed on covers; the partnership's name if blank."
    )
    colour = models.CharField(
        max_length=7, default=DEFAULT_COLOUR, validators=[hex_colour], help_text="Such as #1d70b8"
    )
    logo = models.ImageField(upload_to="report-logos/", blank=True)
    logo_alt = models.CharField(max_length=200, blank=True, help_text="The logo's text alternative")
    footer = models.CharField(max_length=200, blank=True, help_text="Printed in every page footer")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "report settings"
        verbose_name_plural = "report settings"

    def __str__(self) -> str:
        return f"Report settings of {self.partnership}"


class ReportText(models.Model):
    """A plan's texts for its documents: the review of last year and the committee paper.

    Every field is optional: the builders fill sensible wording from the plan when blank.
    """

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="report_text")
    review = models.TextField(
        blank=True, help_text="Review of last year: key successes, what changed."
    )
    # The header block of a council committee paper (seed 003).
    agenda_item = models.CharField(max_length=40, blank=True)
    report_to = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    report_title = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    key_decision = models.CharField(max_length=200, blank=True)
    affected_wards = models.CharField(max_length=300, blank=True)
    recommendations = models.TextField(blank=True)
    policy_overview = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    risk_assessment = models.TextField(blank=True)
    background_papers = models.TextField(blank=True)
    contacts = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Report texts of {self.plan}"

    HEADER_FIELDS = (
        "agenda_item",
        "report_to",
        "meeting_date",
        "report_title",
        "author",
        "summary",
        "key_decision",
        "affected_wards",
        "recommendations",
        "policy_overview",
        "financial_implications",
        "risk_assessment",
        "background_papers",
        "contacts",
    )
