"""End to end on the real Kent files in ../shared/data (skipped without them, failed in CI)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest

from saferplan.assessment.geography import load_lookup, load_population
from saferplan.assessment.loading import load
from saferplan.assessment.rules import Period
from saferplan.assessment.services import compute

from .conftest import shared_path

KCC = [
    "E07000105",
    "E07000106",
    "E07000107",
    "E07000108",
    "E07000109",
    "E07000110",
    "E07000111",
    "E07000112",
    "E07000113",
    "E07000114",
    "E07000115",
    "E07000116",
]
LOOKUPS = [
    "lookup_lsoa21_ward24_ltla24.csv",
    "lookup_lsoa11_ltla21.csv",
    "lookup_lsoa11_lsoa21_ltla22.csv",
    "lookup_ltla24_csp24_pfa24.csv",
]


@pytest.fixture
def kent(db, store):
    ons = shared_path("data", "ons")
    recent = shared_path("data", "police-uk", "kent-2024-01_2025-12.zip")
    older = shared_path("data", "police-uk", "kent-2018-10_2019-02.zip")
    for name in LOOKUPS:
        load_lookup(ons / name, store)
    load_population(
        ons / "lad_population_kent_surrey_essex.csv",
        "ltla24_code",
        "census2021_usual_residents",
        2021,
    )
    report = load([recent, older], store, progress_bar=False)
    return store, report, recent


def _independent_count(archive, months: set[str], lsoa_prefix: str) -> int:
    """Rows whose police.uk LSOA name starts with the district's name, read with csv."""
    total = 0
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            if name.endswith("-street.csv") and name[:7] in months:
                with z.open(name) as handle:
                    reader = csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))
                    total += sum(1 for r in reader if r["LSOA name"].startswith(lsoa_prefix))
    return total


def test_kent_end_to_end(kent):
    store, report, recent = kent
    assert report.rows == 315_778 and report.bad_rows == 0  # every row of 21 files
    window = Period.parse("2025-01:2025-12")
    result = compute(KCC, "Kent", window, focus="E07000105")
    ashford = {f.crime_type: f for f in result.unit_figures("E07000105")}
    months = {f"{m:%Y-%m}" for m in window.months}
    assert ashford["All crime"].count == _independent_count(recent, months, "Ashford ")
    assert ashford["All crime"].population == 132_752
    assert ashford["All crime"].ranked == 12
    ranks = sorted(f.rank for f in result.figures if f.crime_type == "All crime")
    assert ranks == list(range(1, 13))
    # The county's 2025 rows: in the 12 districts, in Medway (outside), without location.
    kent_police = result.forces[0]
    assert kent_police.force == "Kent Police"
    in_county = sum(f.count for f in result.figures if f.crime_type == "All crime")
    total_2025 = store.query("SELECT count(*) FROM crimes WHERE month >= '2025-01-01'")[0][0]
    assert in_county + kent_police.no_location + kent_police.outside + kent_police.unknown_lsoa == (
        total_2025
    )
    assert any("comparison period has 4 of its 12 months" in n for n in result.notes)


def test_kent_2018_on_2011_lsoas_with_shepway_and_partial_months(kent):
    result = compute(KCC, "Kent", Period.parse("2018-10:2019-02"), focus="E07000112")
    shepway = result.figure("E07000112", "All crime")
    assert shepway.district_name == "Folkestone and Hythe" and shepway.count > 3000
    assert result.forces[0].low == [date(2018, 11, 1), date(2018, 12, 1)]
    assert any("Nov 2018 to Dec 2018 look incomplete" in n for n in result.notes)
    assert result.forces[0].unknown_lsoa == 0  # every 2011 LSOA found a district
