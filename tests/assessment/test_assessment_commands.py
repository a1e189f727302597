"""The load-crime, load-geography, load-population and assess commands."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from saferplan.assessment.models import Population

from .conftest import COUNTY, row, write_street

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_crime_reports_rows_and_bad_rows(geography, tmp_path):
    write_street(tmp_path, "2025-01", [row("2025-01", "Burglary"), row("2025-13", "Burglary")])
    output = _call("load_crime", str(tmp_path), "--no-progress")
    assert "Loaded 1 force-months: 1 rows, 1 bad rows skipped." in output
    assert "line 3: Month cannot be read" in output


def test_load_crime_refuses_a_wrong_header_with_status_2(geography, tmp_path):
    path = write_street(tmp_path, "2025-01", [], header="a,b,c")
    with pytest.raises(CommandError) as error:
        call_command("load_crime", str(path), "--no-progress")
    assert error.value.returncode == 2
    assert str(path) in str(error.value) and "wrong header" in str(error.value)


def test_load_geography_refuses_a_file_without_district_codes(store, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError) as error:
        call_command("load_geography", str(path))
    assert error.value.returncode == 2 and "no district code column" in str(error.value)


def test_load_population_reads_the_named_columns(db, tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text('ltla,people,other\nE07000901,"12,345",x\nE07000902,unknown,y\n')
    output = _call(
        "load_population",
        str(path),
        "--code-column",
        "ltla",
        "--population-column",
        "people",
        "--year",
        "2021",
    )
    assert "1 district populations for 2021; 1 rows skipped" in output
    assert Population.objects.get().population == 12345


def test_assess_prints_one_row_per_district_and_type(geography, tmp_path):
    write_street(tmp_path, "2024-01", [row("2024-01", "Burglary")])
    write_street(
        tmp_path,
        "2025-01",
        [
            row("2025-01", "Burglary"),
            row("2025-01", "Burglary"),
            row("2025-01", "Burglary", lsoa="E01000003"),
        ],
    )
    _call("load_crime", str(tmp_path), "--no-progress")
    output = _call(
        "assess",
        "--county",
        ",".join(COUNTY),
        "--county-name",
        "Testshire",
        "--window",
        "2025-01:2025-01",
        "--compare",
        "2024-01:2024-01",
    )
    rows = list(csv.DictReader(io.StringIO(output)))
    assert len(rows) == 3 * 16
    alpha = next(
        r for r in rows if r["district_code"] == "E07000901" and r["crime_type"] == "Burglary"
    )
    assert (
        alpha["count"] == "2" and alpha["previous_count"] == "1" and alpha["change_pct"] == "100.0"
    )
    assert alpha["population"] == "10000" and alpha["rate_per_1000"] == "0.2"
    assert alpha["rank"] == "1" and alpha["county_rate_per_1000"] == "0.1"  # 3 / 30,000


def test_assess_json_with_hotspots(geography, tmp_path):
    write_street(tmp_path, "2025-01", [row("2025-01", "Burglary")])
    _call("load_crime", str(tmp_path), "--no-progress")
    output = _call("assess", "--county", ",".join(COUNTY), "--format", "json", "--hotspots", "3")
    payload = json.loads(output)
    assert payload["window"] == "2024-02:2025-01"
    assert payload["hotspots"][0]["place"] in ("Alpha 001A", "On or near High Street")


def test_assess_refuses_bad_input_with_status_2(geography):
    for args in (["--county", "Kent shire"], ["--county", ",".join(COUNTY), "--window", "2025"]):
        with pytest.raises(CommandError) as error:
            call_command("assess", *args)
        assert error.value.returncode == 2
