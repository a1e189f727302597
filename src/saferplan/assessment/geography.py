"""ONS lookups and populations: which district an LSOA is in, which partnership and
force area a district belongs to, and how many people live there.

Columns are recognised by their names, the way ONS spells them in any year and
case: ``LSOA21CD``/``lsoa21_code``, ``LAD24CD``/``LTLA24CD``/``ltla24_code`` (and
``..NM``/``.._name``), ``CSP24CD``/``CSP24NM``, ``PFA24CD``/``PFA24NM``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from saferplan.assessment.models import County, District, LookupFile, Population
from saferplan.assessment.store import LookupColumns, Store

_COLUMN = re.compile(
    r"^(?P<kind>lsoa|lad|ltla|lau1?|csp|pfa)(?P<yy>\d{2})_?(?P<what>cd|code|nm|name)$",
    re.IGNORECASE,
)
_KINDS = {"lad": "district", "ltla": "district", "lau": "district", "lau1": "district"}


class GeographyError(Exception):
    """A lookup or population file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # lsoa, district, csp, pfa
    year: int
    is_code: bool


def recognise(header: Iterable[str]) -> list[Column]:
    columns = []
    for name in header:
        match = _COLUMN.match(name.strip())
        if match:
            kind = match["kind"].lower()
            columns.append(
                Column(
                    name=name,
                    kind=_KINDS.get(kind, kind),
                    year=2000 + int(match["yy"]),
                    is_code=match["what"].lower() in ("cd", "code"),
                )
            )
    return columns


def _newest(columns: list[Column], kind: str, *, code: bool = True) -> Column | None:
    found = [c for c in columns if c.kind == kind and c.is_code == code]
    return max(found, key=lambda c: c.year) if found else None


def _name_for(columns: list[Column], code: Column | None) -> Column | None:
    if code is None:
        return None
    return next(
        (c for c in columns if c.kind == code.kind and c.year == code.year and not c.is_code),
        None,
    )


def _read_header(path: Path) -> list[str]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError) as error:
        raise GeographyError(f"{path}: cannot be read ({error})") from None


@transaction.atomic
def load_lookup(path: Path, store: Store) -> str:
    """Load one ONS lookup file; returns a one-line summary.

    LSOA → district rows go to the crime store (and re-map its crimes); districts,
    their partnerships and force areas go to Django.  A force area becomes a County
    ("Kent police force area") so every partnership has a county to compare with.
    """
    columns = recognise(_read_header(path))
    lsoas = sorted((c for c in columns if c.kind == "lsoa" and c.is_code), key=lambda c: c.year)
    district = _newest(columns, "district")
    if district is None:
        raise GeographyError(
            f"{path}: no district code column (looked for names like LAD24CD, LTLA24CD or "
            "ltla24_code)"
        )
    parts = [f"{path.name}:"]
    if lsoas:
        specs = [
            LookupColumns(
                lsoa.name,
                lsoa.year,
                district.name,
                district.year,
                lsoas[-1].name if lsoa is not lsoas[-1] else None,
            )
            for lsoa in lsoas
        ]
        known = store.replace_lookup(path.name, str(path), specs)
        years = "/".join(str(c.year) for c in lsoas)
        parts.append(f"LSOAs ({years}) to districts ({district.year}); {known:,} LSOAs known;")
    districts = _upsert_districts(path, columns, district)
    parts.append(f"{districts} districts")
    LookupFile.objects.update_or_create(
        name=path.name, defaults={"kind": "lsoa" if lsoas else "district"}
    )
    return " ".join(parts)


def _upsert_districts(path: Path, columns: list[Column], district: Column) -> int:
    name_col = _name_for(columns, district)
    csp, pfa = _newest(columns, "csp"), _newest(columns, "pfa")
    csp_name, pfa_name = _name_for(columns, csp), _name_for(columns, pfa)
    found: dict[str, dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = (row.get(district.name) or "").strip()
            if not code or code in found:
                continue
            values = {"name": (row.get(name_col.name) or "").strip() if name_col else ""}
            if csp:
                values["csp_code"] = row.get(csp.name, "").strip()
                values["csp_name"] = row.get(csp_name.name, "").strip() if csp_name else ""
            if pfa:
                values["force_area_code"] = row.get(pfa.name, "").strip()
                values["force_area_name"] = row.get(pfa_name.name, "").strip() if pfa_name else ""
            found[code] = values
    existing = {d.code: d for d in District.objects.filter(code__in=found)}
    for code, values in found.items():
        item = existing.get(code) or District(code=code, name=values["name"] or code)
        if values["name"] and district.year >= item.name_year:
            item.name, item.name_year = values["name"], district.year
        for field in ("csp_code", "csp_name", "force_area_code", "force_area_name"):
            if values.get(field):
                setattr(item, field, values[field])
        item.save()
    if pfa:
        _force_area_counties()
    return len(found)


def _force_area_counties() -> None:
    areas: dict[str, list[str]] = {}
    for d in District.objects.exclude(force_area_name=""):
        areas.setdefault(d.force_area_name, []).append(d.code)
    for area, codes in areas.items():
        County.objects.update_or_create(
            name=area,
            defaults={
                "district_codes": sorted(codes),
                "description": f"Every district in the {area} police force area",
            },
        )


@transaction.atomic
def load_population(path: Path, code_column: str, population_column: str, year: int) -> str:
    """Population per district for one year from any CSV; returns a one-line summary."""
    header = _read_header(path)
    for column in (code_column, population_column):
        if column not in header:
            raise GeographyError(f"{path}: no column {column!r} (it has {', '.join(header)})")
    loaded, skipped = 0, []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row[code_column] or "").strip()
            text = (row[population_column] or "").replace(",", "").strip()
            if not code or not text.isdigit():
                skipped.append(line)
                continue
            Population.objects.update_or_create(
                district_code=code,
                year=year,
                defaults={"population": int(text), "source": path.name},
            )
            loaded += 1
    summary = f"{path.name}: {loaded} district populations for {year}"
    if skipped:
        summary += f"; {len(skipped)} rows skipped (no code or number), e.g. line {skipped[0]}"
    return summary


def populations_for(codes: Iterable[str], year: int) -> dict[str, int | None]:
    """Each district's population for ``year``, or the nearest earlier (else later) year."""
    by_code: dict[str, dict[int, int]] = {}
    for p in Population.objects.filter(district_code__in=list(codes)):
        by_code.setdefault(p.district_code, {})[p.year] = p.population
    result: dict[str, int | None] = {}
    for code in codes:
        years = by_code.get(code)
        if not years:
            result[code] = None
            continue
        earlier = [y for y in years if y <= year]
        result[code] = years[max(earlier) if earlier else min(years)]
    return result


def district_names(codes: Iterable[str]) -> dict[str, str]:
    codes = list(codes)
    names = dict(District.objects.filter(code__in=codes).values_list("code", "name"))
    return {code: names.get(code, code) for code in codes}
