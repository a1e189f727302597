"""Metadata of the strategic assessment.  The crime rows themselves are in the DuckDB
store (``store.py``); here are the files they came from, the geography, populations,
and the assessments managers save with their scores and paragraphs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import slugify


class District(models.Model):
    """A local authority district (ONS LTLA), its Community Safety Partnership and force area."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)
    name_year = models.PositiveSmallIntegerField(
        default=0, help_text="Vintage of the lookup the name came from; newer names win."
    )
    csp_code = models.CharField(max_length=9, blank=True)
    csp_name = models.CharField(max_length=100, blank=True)
    force_area_code = models.CharField(max_length=9, blank=True)
    force_area_name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Population(models.Model):
    district_code = models.CharField(max_length=9)
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["district_code", "year"], name="one_population_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.district_code} {self.year}: {self.population:,}"


class County(models.Model):
    """The set of districts a partnership is compared with (ranks, county rate and change)."""

    name = models.CharField(max_length=100, unique=True, help_text="As written in sentences: Kent")
    slug = models.SlugField(max_length=100, unique=True)
    district_codes = models.JSONField(default=list)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "counties"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class LookupFile(models.Model):
    """An ONS lookup loaded by ``load-geography``."""

    name = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=40)
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class CrimeLoad(models.Model):
    """One run of ``load-crime`` or one web upload (then also its background job)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Loading"
        DONE = "done", "Loaded"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    sources = models.JSONField(default=list)
    upload = models.FileField(upload_to="crime-uploads/", blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)
    bad_rows = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Load {self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(self.files_done * 100 / self.files_total) if self.files_total else 0


class ForceMonth(models.Model):
    """One police force's month in the store, and where it came from; reloading replaces it."""

    force = models.CharField(max_length=60)
    month = models.DateField()
    rows = models.PositiveIntegerField(default=0)
    bad_rows = models.PositiveIntegerField(default=0)
    bad_examples = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=500)
    load = models.ForeignKey(CrimeLoad, null=True, on_delete=models.SET_NULL, related_name="months")
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["force", "month"]
        constraints = [models.UniqueConstraint(fields=["force", "month"], name="one_force_month")]

    def __str__(self) -> str:
        return f"{self.force} {self.month:%Y-%m}"


class Assessment(models.Model):
    """A partnership's saved assessment: the window, the county, and the manager's work."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="assessments"
    )
    county = models.ForeignKey(County, null=True, on_delete=models.SET_NULL)
    county_name = models.CharField(max_length=100)
    county_codes = models.JSONField(default=list, help_text="The county's districts when saved.")
    window_start = models.DateField()
    window_end = models.DateField()
    compare_start = models.DateField()
    compare_end = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.window_start:%b %Y} to {self.window_end:%b %Y}"


class PriorityScore(models.Model):
    """A crime type's manual scores and its "Why is X a priority?" paragraph."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    crime_type = models.CharField(max_length=60)
    capacity = models.PositiveSmallIntegerField(default=0)
    concern = models.PositiveSmallIntegerField(default=0)
    paragraph = models.TextField(blank=True)
    edited = models.BooleanField(default=False, help_text="The manager changed the draft.")
    priority = models.ForeignKey(
        "plans.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["assessment", "crime_type"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "crime_type"], name="one_score_a_type")
        ]

    def __str__(self) -> str:
        return f"{self.crime_type} in {self.assessment}"
