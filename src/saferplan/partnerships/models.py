"""Partnerships, the agencies that belong to them, and their glossaries."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


class Partnership(models.Model):
    """A Community Safety Partnership, usually one district (sometimes two)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    area = models.CharField(
        max_length=200, blank=True, help_text="The district(s) the partnership covers."
    )
    district_codes = models.JSONField(
        default=list, blank=True, help_text="ONS GSS codes of its districts, e.g. E07000105."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves on every save and, through core.freshness, whenever its member agencies, their
    # names, its glossary or its indicators change: the version of its cached page.
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.slug])


class Agency(models.Model):
    """An organisation that leads or supports actions: council, police, charity ...

    Agencies are shared between partnerships (Kent Police serves all of Kent);
    ``AgencyMembership`` says which partnerships an agency belongs to.
    """

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire and rescue"
        HEALTH = "health", "Health"
        PROBATION = "probation", "Probation"
        HOUSING = "housing", "Housing"
        EDUCATION = "education", "Education and youth"
        CHARITY = "charity", "Charity or voluntary sector"
        PARTNERSHIP = "partnership", "Partnership or forum"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names the documents use for this agency."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    partnerships = models.ManyToManyField(
        Partnership, through="AgencyMembership", related_name="agencies", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "agency"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agency", args=[self.slug])

    @property
    def display_name(self) -> str:
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


class AgencyMembership(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "agency"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.agency} in {self.partnership}"


class GlossaryEntry(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(max_length=60)
    meaning = models.CharField(max_length=300)

    class Meta:
        ordering = ["term"]
        verbose_name_plural = "glossary entries"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "term"], name="unique_glossary_term")
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.meaning}"
