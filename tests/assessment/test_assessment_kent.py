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


def test_dartford_and_gravesham_are_one_partnership_ranked_in_kent(kent):
    from saferplan.assessment.pages import Area, Choice, result_for
    from saferplan.partnerships.models import Partnership

    store, _, recent = kent
    partnership = Partnership.objects.create(
        name="Dartford and Gravesham CSP", district_codes=["E07000107", "E07000109"]
    )
    area = Area.of(partnership)
    assert area.unit == "E07000107+E07000109" and area.name == "Dartford and Gravesham"
    window = Period.parse("2025-01:2025-12")
    result = result_for(area, Choice(window=window), KCC, "Kent")
    assert len(result.units) == 11  # the partnership and the county's other 10 districts
    assert "E07000107" not in result.units and "E07000109" not in result.units
    merged = result.figure(area.unit, "All crime")
    assert merged.district_name == "Dartford and Gravesham"
    months = {f"{m:%Y-%m}" for m in window.months}
    assert merged.count == _independent_count(recent, months, "Dartford ") + _independent_count(
        recent, months, "Gravesham "
    )
    separate = compute(KCC, "Kent", window)
    for crime_type in ("All crime", "Burglary", "Shoplifting"):
        both = [separate.figure(c, crime_type) for c in ("E07000107", "E07000109")]
        figure = result.figure(area.unit, crime_type)
        assert figure.count == sum(f.count for f in both)
        assert figure.previous == sum(f.previous for f in both)
        assert figure.population == sum(f.population for f in both)
        assert figure.rate == pytest.approx(figure.count / figure.population * 1000)
        assert figure.county_count == both[0].county_count  # the county total is unchanged
    ranks = sorted(f.rank for f in result.figures if f.crime_type == "All crime")
    assert ranks == list(range(1, 12)) and merged.ranked == 11
    assert result.street_hotspots[area.unit] and result.lsoa_hotspots[area.unit]
    places = {h.lsoa_name.split(" ")[0] for h in result.lsoa_hotspots[area.unit]}
    assert places <= {"Dartford", "Gravesham"}
    assert result.outcomes and result.notes
