"""Demo crime data: two years of invented police.uk street-level files for "Wessex".

Six invented districts form the Wessex police force area; Ashcombe and Thornbury Vale are
the demo partnerships'.  Their codes (E07000951-E07000956) and LSOAs (E0109....) are not
ONS codes.  The files are written as police.uk writes them and go through the product's
own loaders (``load_lookup``, ``load_population``, ``loading.load``), so a demo site's
strategic assessment has figures, ranks, trends, hotspots and a priority matrix.
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date
from itertools import accumulate
from pathlib import Path

from saferplan.assessment.store import HEADER

# The police.uk street-level types and roughly their national shares of rows.
TYPE_MIX = (
    ("Violence and sexual offences", 0.33),
    ("Anti-social behaviour", 0.17),
    ("Criminal damage and arson", 0.08),
    ("Shoplifting", 0.07),
    ("Other theft", 0.07),
    ("Public order", 0.07),
    ("Vehicle crime", 0.06),
    ("Burglary", 0.04),
    ("Drugs", 0.03),
    ("Other crime", 0.02),
    ("Theft from the person", 0.02),
    ("Robbery", 0.015),
    ("Bicycle theft", 0.01),
    ("Possession of weapons", 0.015),
)
OUTCOMES = (
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Local resolution",
    "Awaiting court outcome",
    "Offender given a caution",
    "Further action is not in the public interest",
)
PLACES = (
    "High Street", "Station Road", "Church Lane", "Park Road", "London Road",
    "Victoria Street", "Mill Lane", "Queens Road", "Green Lane", "Manor Way",
    "Shopping Area", "Supermarket", "Parking Area", "Nightclub", "Petrol Station",
    "Sports/Recreation Area", "Hospital", "Police Station", "Bridge Street", "King Street",
)  # fmt: skip
# code, name, population, crimes a year per 1,000 residents, centre (longitude, latitude)
DISTRICTS = (
    ("E07000951", "Ashcombe", 118_400, 84, (-2.31, 50.93)),
    ("E07000952", "Thornbury Vale", 96_200, 61, (-2.05, 51.10)),
    ("E07000953", "Kingsmere", 134_900, 92, (-1.79, 51.02)),
    ("E07000954", "Redfield", 87_300, 70, (-2.52, 51.19)),
    ("E07000955", "Saltmarsh", 71_800, 55, (-2.20, 50.71)),
    ("E07000956", "Highcombe", 109_500, 66, (-1.95, 51.31)),
)
PARTNERSHIPS = {
    "Ashcombe Community Safety Partnership": ["E07000951"],
    "Thornbury Vale Community Safety Partnership": ["E07000952"],
}
FORCE, FORCE_NAME, FORCE_AREA = "wessex", "Wessex Police", ("E23009901", "Wessex")
LSOAS_PER_DISTRICT, POINTS_PER_LSOA, MONTHS = 60, 8, 24
# ONS column names, which load-geography recognises
LOOKUP_HEADER = [
    "LSOA21CD",
    "LSOA21NM",
    "LAD24CD",
    "LAD24NM",
    "CSP24CD",
    "CSP24NM",
    "PFA24CD",
    "PFA24NM",
]


def latest_month(today: date) -> date:
    """police.uk publishes a month about six weeks after it ends: two months back."""
    index = today.year * 12 + today.month - 1 - 2
    return date(index // 12, index % 12 + 1, 1)


def months_to(last: date, count: int = MONTHS) -> list[date]:
    end = last.year * 12 + last.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(end - count + 1, end + 1)]


def _lsoas(index: int, name: str, centre: tuple[float, float]) -> list[dict]:
    lon0, lat0 = centre
    lsoas = []
    for i in range(LSOAS_PER_DISTRICT):
        # a grid around the district's centre (street_rows weights the first LSOAs most)
        lon = lon0 + (i % 8 - 3.5) * 0.012
        lat = lat0 + (i // 8 - 3.5) * 0.008 + (i % 3) * 0.0011
        lsoas.append(
            {
                "code": f"E0109{index}{i:03d}",
                "name": f"{name} {i // 4 + 1:03d}{'ABCD'[i % 4]}",
                "points": [
                    (
                        round(lon + (p % 4) * 0.0021, 6),
                        round(lat + (p // 4) * 0.0017, 6),
                        f"On or near {PLACES[(i * 7 + p * 3) % len(PLACES)]}",
                    )
                    for p in range(POINTS_PER_LSOA)
                ],
            }
        )
    return lsoas


def street_rows(months: list[date], seed: int = 2026) -> dict[date, list[list[str]]]:
    """Each month's rows for the whole force: skewed to a few LSOAs and points, with
    summer peaks, each district and type trending its own way from the first year to
    the second, no Crime ID on anti-social behaviour and 1.5% without a location."""
    rng = random.Random(seed)
    types = [name for name, _ in TYPE_MIX]
    type_weights = list(accumulate(share for _, share in TYPE_MIX))
    lsoa_weights = list(accumulate(1 / (i + 1) ** 0.9 for i in range(LSOAS_PER_DISTRICT)))
    point_weights = list(accumulate(1 / (p + 1) ** 1.2 for p in range(POINTS_PER_LSOA)))
    rows: dict[date, list[list[str]]] = {month: [] for month in months}
    for index, (_, name, population, rate, centre) in enumerate(DISTRICTS, start=1):
        lsoas = _lsoas(index, name, centre)
        trend = {kind: rng.uniform(0.78, 1.22) for kind in types}
        for position, month in enumerate(months):
            season = 1 + 0.12 * (month.month in (6, 7, 8)) - 0.08 * (month.month in (1, 2))
            this_year = position >= len(months) - 12
            n = int(population * rate / 1000 / 12 * season * rng.uniform(0.93, 1.07))
            kinds = rng.choices(types, cum_weights=type_weights, k=n)
            if this_year:  # each type up or down by its trend: rows dropped or doubled
                kinds = [k for k in kinds if rng.random() < trend[k]] + [
                    k for k in kinds if rng.random() < trend[k] - 1
                ]
            places = rng.choices(lsoas, cum_weights=lsoa_weights, k=len(kinds))
            points = rng.choices(range(POINTS_PER_LSOA), cum_weights=point_weights, k=len(kinds))
            label = f"{month:%Y-%m}"
            for kind, lsoa, point in zip(kinds, places, points, strict=True):
                asb = kind == "Anti-social behaviour"
                where = [*lsoa["points"][point], lsoa["code"], lsoa["name"]]
                if rng.random() < 0.015:
                    where = ["", "", "No Location", "", ""]
                rows[month].append(
                    ["" if asb else f"{rng.getrandbits(256):064x}", label, FORCE_NAME, FORCE_NAME]
                    + where
                    + [kind, "" if asb else rng.choice(OUTCOMES), ""]
                )
    return rows


def write_files(folder: Path, last: date) -> tuple[Path, Path, Path]:
    """The lookup, the populations and the monthly street files up to the month ``last``;
    returns their paths (the street files' folder last)."""
    lookup, population, streets = (
        folder / "lookup.csv",
        folder / "population.csv",
        folder / "police-uk",
    )
    with lookup.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(LOOKUP_HEADER)
        for index, (code, name, _, _, centre) in enumerate(DISTRICTS, start=1):
            for lsoa in _lsoas(index, name, centre):
                csp = code.replace("E07", "E22")
                out.writerow([lsoa["code"], lsoa["name"], code, name, csp, name, *FORCE_AREA])
    with population.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["code", "population"])
        out.writerows((code, people) for code, _, people, _, _ in DISTRICTS)
    for month, month_rows in street_rows(months_to(last)).items():
        path = streets / f"{month:%Y-%m}" / f"{month:%Y-%m}-{FORCE}-street.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(HEADER.split(","))
            out.writerows(month_rows)
    return lookup, population, streets


def load_demo_crime(today: date) -> str:
    """Write the demo files to a temporary folder and load them; returns a summary line."""
    from saferplan.assessment.conf import get_store
    from saferplan.assessment.geography import load_lookup, load_population
    from saferplan.assessment.loading import load
    from saferplan.partnerships.models import Partnership

    store, last = get_store(), latest_month(today)
    with tempfile.TemporaryDirectory(prefix="saferplan-demo-crime-") as tmp:
        lookup, population, streets = write_files(Path(tmp), last)
        load_lookup(lookup, store)
        load_population(population, "code", "population", last.year)
        report = load([streets], store, progress_bar=False)
    for partnership in Partnership.objects.filter(name__in=PARTNERSHIPS):
        partnership.district_codes = PARTNERSHIPS[partnership.name]
        partnership.save(update_fields=["district_codes"])
    return (
        f"Loaded demo crime data: {report.rows:,} police.uk-style rows, {MONTHS} months, "
        f"for the {len(DISTRICTS)} districts of the invented {FORCE_AREA[1]} force area"
    )
