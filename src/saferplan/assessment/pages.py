"""What the assessment pages show: a partnership's area, its county, the chosen months,
and the computed result (cached until one of its inputs changes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache

from saferplan.assessment.conf import crime_db_path, harm_weights
from saferplan.assessment.models import Assessment, County, District, LookupFile, Population
from saferplan.assessment.priorities import MatrixRow, draft_paragraph, priority_matrix
from saferplan.assessment.rules import ALL_CRIME, REPORT_TYPES, Period
from saferplan.assessment.services import Result, compute
from saferplan.core.freshness import digest_key

CACHE_SECONDS = 600


@dataclass
class Area:
    """A partnership's districts, counted as one unit when there are several."""

    codes: list[str]
    unit: str
    name: str

    @classmethod
    def of(cls, partnership) -> Area | None:
        codes = [c for c in (partnership.district_codes or []) if c]
        if not codes:  # fall back to the ONS partnership name inside ours
            codes = [
                d.code
                for d in District.objects.exclude(csp_name="")
                if d.csp_name.lower() in partnership.name.lower()
            ]
        if not codes:
            return None
        districts = list(District.objects.filter(code__in=codes))
        if len(codes) == 1:
            name = districts[0].name if districts else codes[0]
            return cls(codes, codes[0], name)
        csp = {d.csp_name for d in districts if d.csp_name}
        name = csp.pop() if len(csp) == 1 else " and ".join(sorted(d.name for d in districts))
        return cls(codes, "+".join(sorted(codes)), name)


def counties_for(area: Area) -> list[County]:
    """Counties holding every district of the area; a force area first."""
    found = [c for c in County.objects.all() if set(area.codes) <= set(c.district_codes)]
    return sorted(found, key=lambda c: (len(c.district_codes) < 2, c.name))


@dataclass
class Choice:
    window: Period | None = None
    compare: Period | None = None
    county: County | None = None
    crime_type: str = ALL_CRIME
    errors: list[tuple[str, str]] = field(default_factory=list)

    def query(self, result: Result | None = None) -> str:
        window = result.window if result else self.window
        compare = result.compare if result else self.compare
        parts = []
        if window:
            parts.append(f"window={window}")
        if compare:
            parts.append(f"compare={compare}")
        if self.county:
            parts.append(f"county={self.county.slug}")
        if self.crime_type != ALL_CRIME:
            parts.append("type=" + self.crime_type.replace(" ", "+"))
        return "&".join(parts)


def parse_choice(params, counties: list[County]) -> Choice:
    choice = Choice(county=counties[0] if counties else None)
    for key, attr in (("window", "window"), ("compare", "compare")):
        text = (params.get(key) or "").strip()
        if text:
            try:
                setattr(choice, attr, Period.parse(text))
            except ValueError as error:
                choice.errors.append((f"id_{key}", f"Enter months like 2025-01:2025-12 ({error})"))
    slug = params.get("county")
    if slug:
        choice.county = next((c for c in counties if c.slug == slug), choice.county)
    kind = params.get("type")
    if kind in REPORT_TYPES:
        choice.crime_type = kind
    return choice


def choice_for_saved(assessment: Assessment, params) -> Choice:
    choice = Choice(
        window=Period(assessment.window_start, assessment.window_end),
        compare=Period(assessment.compare_start, assessment.compare_end),
        county=assessment.county,
    )
    if params.get("type") in REPORT_TYPES:
        choice.crime_type = params["type"]
    return choice


def input_version(county_codes: list[str]) -> str:
    """A fingerprint of every input an assessment of these districts reads.

    It changes when the crime store changes (its file or write-ahead log: loads,
    geography re-mapping), when a population, district name, CSP or force area of one
    of these districts changes, when a lookup file is loaded, or when a county's
    definition changes.  It hashes the rows themselves (a few hundred), not
    timestamps, so bulk updates, deletions and other processes' writes all count.
    """
    path = crime_db_path()
    parts: list[object] = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            info = file.stat()
            parts.append((file.name, info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            parts.append((file.name, None))
    codes = sorted(set(county_codes))
    parts.append(
        list(
            Population.objects.filter(district_code__in=codes)
            .order_by("district_code", "year")
            .values_list("district_code", "year", "population")
        )
    )
    parts.append(
        list(
            District.objects.filter(code__in=codes)
            .order_by("code")
            .values_list("code", "name", "csp_code", "csp_name", "force_area_code")
        )
    )
    parts.append(list(County.objects.order_by("pk").values_list("pk", "name", "district_codes")))
    parts.append(list(LookupFile.objects.order_by("pk").values_list("pk", "rows", "loaded_at")))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def result_for(area: Area, choice: Choice, county_codes: list[str], county_name: str) -> Result:
    """The computed assessment, cached until any of its inputs changes (``input_version``)."""
    parts = [
        input_version([*county_codes, *area.codes]),
        area.unit,
        area.name,
        ",".join(area.codes),
        ",".join(county_codes),
        county_name,
        choice.query(),
    ]
    return cache.get_or_set(
        digest_key("assessment", *parts),
        lambda: compute(
            county_codes,
            county_name,
            choice.window,
            choice.compare,
            merge={area.unit: area.codes} if len(area.codes) > 1 else None,
            merge_names={area.unit: area.name},
            focus=area.unit,
            hotspot_type=choice.crime_type,
        ),
        CACHE_SECONDS,
    )


def matrix_and_drafts(
    result: Result, unit: str, manual: dict[str, tuple[int, int]] | None = None
) -> tuple[list[MatrixRow], dict[str, str]]:
    figures = result.unit_figures(unit)
    matrix = priority_matrix(figures, harm_weights(), manual)
    total = next((f.count for f in figures if f.crime_type == ALL_CRIME), 0)
    drafts = {
        f.crime_type: draft_paragraph(
            f,
            result.county,
            result.window,
            result.compare,
            share=f.count / total * 100 if total else None,
        )
        for f in figures
        if f.crime_type in {row.crime_type for row in matrix}
    }
    return matrix, drafts
