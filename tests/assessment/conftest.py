"""A tiny county on hand-made files: three districts, a few LSOAs, rows we can count.

District  LSOAs (2021)                  population
Alpha     E01000001, E01000002          10,000
Beta      E01000003                     20,000
Gamma     E01000004                     none loaded (missing population)
E01000009 is a 2011 LSOA that became E01000001 (Alpha).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from saferplan.assessment.conf import get_store
from saferplan.assessment.geography import load_lookup, load_population
from saferplan.assessment.store import HEADER

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIELDS = HEADER.split(",")
DISTRICTS = {"E07000901": "Alpha", "E07000902": "Beta", "E07000903": "Gamma"}
COUNTY = list(DISTRICTS)


def shared_path(*parts: str) -> Path:
    """As tests/conftest.py: in CI a missing ../shared fails, elsewhere it skips."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{path} not present")
    return path


def row(
    month,
    crime_type,
    lsoa="E01000001",
    crime_id="",
    location="On or near High Street",
    lon="0.100000",
    lat="51.100000",
    outcome="",
    force="Test Police",
) -> list[str]:
    name = {
        "E01000001": "Alpha 001A",
        "E01000002": "Alpha 001B",
        "E01000003": "Beta 001A",
        "E01000004": "Gamma 001A",
    }.get(lsoa, "")
    if lsoa == "":
        location, lon, lat = "No Location", "", ""
    return [crime_id, month, force, force, lon, lat, location, lsoa, name, crime_type, outcome, ""]


def write_street(folder: Path, month: str, rows, force: str = "test", header=HEADER) -> Path:
    path = folder / month / f"{month}-{force}-street.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


@pytest.fixture
def store(settings, tmp_path):
    settings.SAFERPLAN_CRIME_DB = tmp_path / "crime.duckdb"
    return get_store()


@pytest.fixture
def geography(db, store, tmp_path):
    lookup = tmp_path / "lookup_lsoa21_ltla24.csv"
    lookup.write_text(
        "LSOA21CD,LSOA21NM,LAD24CD,LAD24NM\n"
        "E01000001,Alpha 001A,E07000901,Alpha\nE01000002,Alpha 001B,E07000901,Alpha\n"
        "E01000003,Beta 001A,E07000902,Beta\nE01000004,Gamma 001A,E07000903,Gamma\n"
        "E01000005,Elsewhere 001A,E07000999,Elsewhere\n"
    )
    old = tmp_path / "lookup_lsoa11_lsoa21.csv"
    old.write_text("LSOA11CD,LSOA21CD,LAD22CD\nE01000009,E01000001,E07000901\n")
    csp = tmp_path / "lookup_ltla24_csp24_pfa24.csv"
    csp.write_text(
        "LAD24CD,LAD24NM,CSP24CD,CSP24NM,PFA24CD,PFA24NM\n"
        "E07000901,Alpha,E22000901,Alpha and Beta,E23000901,Testshire\n"
        "E07000902,Beta,E22000901,Alpha and Beta,E23000901,Testshire\n"
        "E07000903,Gamma,E22000903,Gamma,E23000901,Testshire\n"
    )
    for path in (lookup, old, csp):
        load_lookup(path, store)
    population = tmp_path / "population.csv"
    population.write_text("code,people\nE07000901,10000\nE07000902,20000\n")
    load_population(population, "code", "people", 2021)
    return store
