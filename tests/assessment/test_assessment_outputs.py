"""What an assessment contains beyond the headline figures, with hand-computed answers:
the outcome mix, street and LSOA hotspots, the monthly series, harm weights from the
settings, the XLSX and Word exports, data-quality warnings from ``assess`` and the
page cache's input version.

Alpha (E07000901, 10,000 people), window Jan-Mar 2025 against Jan-Mar 2024:

month    rows in Alpha                                                     elsewhere
2024-01  Burglary at the High Street point                                 -
2025-01  2 Burglary (High Street, Under investigation), Shoplifting        1 Burglary with
         (Mill Lane, no outcome), anti-social behaviour (High Street)      no location
2025-02  Burglary (High Street, Unable to prosecute suspect)               -
2024-02, 2024-03 and 2025-03 are not loaded.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from saferplan.assessment import pages
from saferplan.assessment.geography import load_lookup
from saferplan.assessment.loading import load
from saferplan.assessment.models import County, District, Population
from saferplan.assessment.pages import Area, Choice, input_version, matrix_and_drafts, result_for
from saferplan.assessment.rules import Period
from saferplan.assessment.services import compute
from saferplan.assessment.store import VERSION

from .conftest import COUNTY, row, write_street

pytestmark = pytest.mark.django_db

ALPHA = "E07000901"
WINDOW, COMPARE = Period.parse("2025-01:2025-03"), Period.parse("2024-01:2024-03")
HIGH = {"location": "On or near High Street", "lon": "0.100000", "lat": "51.100000"}
MILL = {"location": "On or near Mill Lane", "lon": "0.200000", "lat": "51.200000"}
QUERY = "?window=2025-01:2025-03&compare=2024-01:2024-03"


@pytest.fixture
def alpha(geography, tmp_path):
    folder = tmp_path / "crime"
    write_street(folder, "2024-01", [row("2024-01", "Burglary", **HIGH)])
    write_street(
        folder,
        "2025-01",
        [
            row("2025-01", "Burglary", crime_id="a1", outcome="Under investigation", **HIGH),
            row("2025-01", "Burglary", crime_id="a2", outcome="Under investigation", **HIGH),
            row("2025-01", "Shoplifting", lsoa="E01000002", crime_id="a3", **MILL),
            row("2025-01", "Anti-social behaviour", **HIGH),
            row("2025-01", "Burglary", lsoa="", crime_id="a4"),
        ],
    )
    write_street(
        folder,
        "2025-02",
        [row("2025-02", "Burglary", crime_id="a5", outcome="Unable to prosecute suspect", **HIGH)],
    )
    load([folder], geography, progress_bar=False)
    return geography


def _compute(**kwargs):
    return compute(COUNTY, "Testshire", WINDOW, COMPARE, focus=ALPHA, **kwargs)


def test_the_outcome_mix_leaves_out_anti_social_behaviour(alpha):
    result = _compute()
    assert result.outcomes == [
        ("Under investigation", 2, 50.0),
        ("No outcome recorded", 1, 25.0),
        ("Unable to prosecute suspect", 1, 25.0),
    ]


def test_street_and_lsoa_hotspots_have_coordinates_and_shares(alpha):
    result = _compute()
    streets = result.street_hotspots[ALPHA]
    assert [(h.place, h.longitude, h.latitude, h.count, h.share) for h in streets] == [
        ("On or near High Street", 0.1, 51.1, 4, 80.0),  # 3 burglaries and the ASB of 5
        ("On or near Mill Lane", 0.2, 51.2, 1, 20.0),
    ]
    assert streets[0].lsoa_name == "Alpha 001A"
    lsoas = result.lsoa_hotspots[ALPHA]
    assert [(h.lsoa_code, h.place, h.count, h.share) for h in lsoas] == [
        ("E01000001", "Alpha 001A", 4, 80.0),
        ("E01000002", "Alpha 001B", 1, 20.0),
    ]
    burglary = _compute(hotspot_type="Burglary")  # share of the district's burglaries
    assert [(h.count, h.share) for h in burglary.street_hotspots[ALPHA]] == [(3, 100.0)]


def test_the_monthly_series_shows_months_not_loaded_as_gaps(alpha):
    result = _compute()
    series = dict(result.month_series(ALPHA))
    assert len(series) == 15  # Jan 2024 to Mar 2025
    assert series[date(2024, 1, 1)] == 1 and series[date(2024, 2, 1)] is None
    assert series[date(2025, 1, 1)] == 4 and series[date(2025, 2, 1)] == 1
    assert series[date(2025, 3, 1)] is None
    assert result.paired_series(ALPHA, "Burglary") == [
        (date(2025, 1, 1), 2, date(2024, 1, 1), 1),
        (date(2025, 2, 1), 1, date(2024, 2, 1), None),
        (date(2025, 3, 1), None, date(2024, 3, 1), None),
    ]
    county = dict(result.month_series(None, "All crime excluding anti-social behaviour"))
    assert county[date(2025, 1, 1)] == 3  # the no-location row is in no district


def test_harm_weights_can_be_overridden_in_the_settings(alpha, settings):
    result = _compute()
    harm = {r.crime_type: r.harm for r in matrix_and_drafts(result, ALPHA)[0]}
    assert harm["Shoplifting"] == 1 and harm["Burglary"] == 4  # the shipped defaults
    settings.SAFERPLAN_HARM_WEIGHTS = {"Shoplifting": 5}
    matrix = matrix_and_drafts(result, ALPHA)[0]
    harm = {r.crime_type: r.harm for r in matrix}
    assert harm["Shoplifting"] == 5 and harm["Burglary"] == 4  # only the one named changes
    shoplifting = next(r for r in matrix if r.crime_type == "Shoplifting")
    assert shoplifting.total == shoplifting.volume + shoplifting.trend + shoplifting.rate + 5


@pytest.fixture
def alpha_client(alpha, partnership, viewer, verified_client):
    partnership.district_codes = [ALPHA]
    partnership.save()
    cache.clear()
    return verified_client(viewer)


def test_the_workbook_holds_every_table_with_its_figures(alpha_client, partnership):
    response = alpha_client.get(f"/assessment/{partnership.slug}/export.xlsx{QUERY}")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Headline",
        "Districts",
        "Monthly",
        "LSOA hotspots",
        "Street hotspots",
        "Outcomes",
        "Priority matrix",
        "Data quality",
    ]
    rows = {r[0]: r for r in book["Headline"].iter_rows(min_row=2, values_only=True)}
    # type, count, previous, change, % change, rate, county rate, rank, county % change
    assert rows["All crime"] == (
        "All crime",
        5,
        1,
        4,
        400.0,
        0.5,
        0.17,
        "highest",
        400.0,
    )  # county rate: 5 rows / 30,000 people in Alpha and Beta (Gamma has no population)
    assert rows["Burglary"][:5] == ("Burglary", 3, 1, 2, 200.0)
    districts = list(book["Districts"].iter_rows(min_row=2, values_only=True))
    assert len(districts) == 3 * 16
    monthly = {r[0]: r[1:] for r in book["Monthly"].iter_rows(min_row=2, values_only=True)}
    assert monthly["2025-01"] == (4, 4) and monthly["2025-03"] == (None, None)
    street = next(book["Street hotspots"].iter_rows(min_row=2, values_only=True))
    assert street == ("On or near High Street", "Alpha 001A", 0.1, 51.1, 4, 80.0)
    lsoa = next(book["LSOA hotspots"].iter_rows(min_row=2, values_only=True))
    assert lsoa == ("Alpha 001A", "E01000001", 4, 80.0)
    outcomes = list(book["Outcomes"].iter_rows(min_row=2, values_only=True))
    assert outcomes[0] == ("Under investigation", 2, 50.0)
    matrix = list(book["Priority matrix"].iter_rows(min_row=2, values_only=True))
    assert len(matrix) == 14 and all(r[9] for r in matrix)  # every type has a paragraph
    notes = [r[0] for r in book["Data quality"].iter_rows(min_row=2, values_only=True)]
    assert any("no data loaded for Feb 2024 to Mar 2024, Mar 2025" in n for n in notes)
    assert notes[-1].startswith("Contains public sector information")


def test_the_word_section_holds_the_headline_priorities_and_notes(alpha_client, partnership):
    response = alpha_client.get(f"/assessment/{partnership.slug}/export.docx{QUERY}")
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Strategic assessment: Alpha"
    assert "for January to March 2025, compared with January to March 2024" in texts[1]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["Crime type", "Count", "Previous"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["All crime"][:5] == ["All crime", "5", "1", "4", "400.0"]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert len(headings) == 5 and all(h.startswith("Why is ") for h in headings)
    assert len(doc.inline_shapes) == 1  # the trend chart
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any("had no location" in b for b in bullets)
    assert texts[-1].startswith("Contains public sector information")


def _assess(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("assess", "--county", ",".join(COUNTY), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_assess_warns_of_missing_months_and_rows_without_location_on_stderr(alpha):
    out, err = _assess("--window", "2025-01:2025-03", "--compare", "2024-01:2024-03")
    rows = list(csv.DictReader(io.StringIO(out)))  # stdout is still one clean table
    assert len(rows) == 3 * 16 and "warning" not in out
    warnings = err.splitlines()
    assert all(w.startswith("warning: ") for w in warnings)
    assert any(
        "Test Police: no data loaded for Feb 2024 to Mar 2024, Mar 2025; the comparison "
        "period has 1 of its 3 months" in w
        for w in warnings
    )
    assert any("1 rows (16.7%) in January to March 2025 had no location" in w for w in warnings)
    out, err = _assess("--window", "2025-01:2025-03", "--format", "json")
    payload = json.loads(out)
    assert len(payload["rows"]) == 3 * 16  # one row per district and crime type
    assert payload["notes"] == [w.removeprefix("warning: ") for w in err.splitlines()]


def test_assess_warns_of_abnormally_low_months(geography, tmp_path):
    for month, n in (("2025-01", 10), ("2025-02", 10), ("2025-03", 10), ("2025-04", 2)):
        write_street(tmp_path, month, [row(month, "Burglary")] * n)
    load([tmp_path], geography, progress_bar=False)
    _, err = _assess("--window", "2025-01:2025-04")
    assert "warning: Test Police: Apr 2025 look incomplete" in err


def test_the_page_cache_follows_every_input(alpha, tmp_path, monkeypatch):
    cache.clear()
    computed = []
    monkeypatch.setattr(pages, "compute", lambda *a, **k: computed.append(1) or compute(*a, **k))
    area = Area([ALPHA], ALPHA, "Alpha")
    choice = Choice(window=WINDOW, compare=COMPARE)
    first = result_for(area, choice, COUNTY, "Testshire")
    result_for(area, choice, COUNTY, "Testshire")
    assert len(computed) == 1  # the second came from the cache
    version = input_version(COUNTY)

    Population.objects.filter(district_code=ALPHA).update(population=20_000)  # no signals
    assert input_version(COUNTY) != version
    second = result_for(area, choice, COUNTY, "Testshire")
    assert second.figure(ALPHA, "All crime").population == 20_000
    assert first.figure(ALPHA, "All crime").population == 10_000

    version = input_version(COUNTY)
    District.objects.filter(code="E07000902").update(name="Beta Vale")
    assert input_version(COUNTY) != version
    assert result_for(area, choice, COUNTY, "Testshire").units["E07000902"] == "Beta Vale"

    version = input_version(COUNTY)
    County.objects.filter(name="Testshire").update(district_codes=[ALPHA])
    assert input_version(COUNTY) != version

    version = input_version(COUNTY)  # new geography: a lookup moves an LSOA elsewhere
    lookup = tmp_path / "move.csv"
    lookup.write_text("LSOA21CD,LSOA21NM,LAD25CD,LAD25NM\nE01000002,Alpha 001B,E07000902,Beta\n")
    load_lookup(lookup, alpha)
    assert input_version(COUNTY) != version
    moved = result_for(area, choice, COUNTY, "Testshire")
    assert moved.figure(ALPHA, "Shoplifting").count == 0
    assert len(computed) == 4  # first, population, district name, lookup
    result_for(area, choice, COUNTY, "Testshire")
    assert len(computed) == 4  # nothing changed since: cached again


def _summaries(store):
    return store.queries(
        [
            ("SELECT * FROM counts ORDER BY ALL", []),
            ("SELECT * FROM lsoa_counts ORDER BY ALL", []),
            (
                "SELECT c.force, c.month, p.district_code, p.longitude, p.latitude, p.location, "
                "c.n, c.n_asb FROM place_counts c JOIN points p USING (point) ORDER BY ALL",
                [],
            ),
            ("SELECT * FROM outcome_counts ORDER BY ALL", []),
        ]
    )


def test_the_summaries_match_the_crime_rows_after_loads_and_geography(alpha, tmp_path):
    """Hotspots read the summaries; they must equal the same figures from the rows."""
    window = Period.parse("2024-01:2025-03")
    from_rows = alpha.query(
        "SELECT district_code, longitude, latitude, count(*) FROM crimes "
        "JOIN lsoa_district USING (lsoa_code) "
        "WHERE longitude IS NOT NULL AND district_code IS NOT NULL GROUP BY ALL ORDER BY ALL"
    )
    result = compute(COUNTY, "Testshire", window, window.year_earlier(), hotspots=10)
    from_summary = sorted(
        (unit, h.longitude, h.latitude, h.count)
        for unit, items in result.street_hotspots.items()
        for h in items
    )
    assert from_summary == [tuple(r) for r in from_rows]
    before = _summaries(alpha)
    # reloading a month replaces its summaries; a new lookup re-maps and rebuilds them
    load([tmp_path / "crime" / "2025-01"], alpha, progress_bar=False)
    assert _summaries(alpha) == before
    lookup = tmp_path / "move.csv"
    lookup.write_text("LSOA21CD,LSOA21NM,LAD25CD,LAD25NM\nE01000002,Alpha 001B,E07000902,Beta\n")
    load_lookup(lookup, alpha)
    moved = _summaries(alpha)
    assert moved != before
    assert {r[2] for r in moved[1] if r[3] == "E01000002"} == {"E07000902"}  # lsoa_counts
    assert {r[2] for r in moved[2] if r[5] == "On or near Mill Lane"} == {"E07000902"}


def _as_version_2(store) -> None:
    """Make the store as SaferPlan's store version 2 left it: each crime row with its
    district (mapped when loaded), and the summaries."""
    with store.connect() as con:
        con.execute("ALTER TABLE crimes ADD COLUMN district_code VARCHAR")
        con.execute(
            "UPDATE crimes SET district_code = l.district_code FROM lsoa_district l "
            "WHERE crimes.lsoa_code = l.lsoa_code"
        )
        con.execute("DELETE FROM store_meta; INSERT INTO store_meta VALUES (2)")


def _crime_columns(store) -> list[str]:
    return [r[0] for r in store.query("SELECT column_name FROM (DESCRIBE crimes)")]


def test_a_store_from_an_older_version_gets_its_summaries_when_opened(alpha):
    before = _summaries(alpha)
    with alpha.connect() as con:  # as SaferPlan 1 left it: crime rows and counts only
        con.execute("ALTER TABLE crimes ADD COLUMN district_code VARCHAR")
        con.execute("DROP TABLE store_meta; DROP TABLE lsoa_counts; DROP TABLE points")
        con.execute("DROP TABLE place_counts; DROP TABLE outcome_counts")
    with alpha.connect(read_only=True) as con:  # a page opening it: built, then read
        assert con.execute("SELECT max(version) FROM store_meta").fetchone()[0] == VERSION
    assert _summaries(alpha) == before
    assert "district_code" not in _crime_columns(alpha)


def test_a_version_2_store_loses_the_district_of_each_crime_row_when_opened(alpha, tmp_path):
    """Version 3 keeps a crime's district in lsoa_district only; a version 2 store's
    column is dropped and the summaries rebuilt, and every query answers as before."""
    before = _summaries(alpha)
    burglary = _compute(hotspot_type="Burglary")
    _as_version_2(alpha)  # every open upgrades it, so the old column is not read back
    with alpha.connect(read_only=True) as con:  # a page opening it: upgraded, then read
        assert con.execute("SELECT max(version) FROM store_meta").fetchone()[0] == VERSION
    assert "district_code" not in _crime_columns(alpha)
    assert _summaries(alpha) == before
    again = _compute(hotspot_type="Burglary")  # a single type reads the crime rows
    assert again.street_hotspots == burglary.street_hotspots
    assert again.lsoa_hotspots == burglary.lsoa_hotspots
    load([tmp_path / "crime" / "2025-01"], alpha, progress_bar=False)  # and loads again
    assert _summaries(alpha) == before


def test_a_single_type_follows_a_new_lookup_without_re_mapping_rows(alpha, tmp_path):
    """The crime rows hold LSOAs: a lookup that moves an LSOA moves its rows' hotspots."""
    shoplifting = _compute(hotspot_type="Shoplifting")
    assert [h.lsoa_code for h in shoplifting.lsoa_hotspots[ALPHA]] == ["E01000002"]
    assert [h.place for h in shoplifting.street_hotspots[ALPHA]] == ["On or near Mill Lane"]
    assert [h.lsoa_name for h in shoplifting.street_hotspots[ALPHA]] == ["Alpha 001B"]
    lookup = tmp_path / "move.csv"
    lookup.write_text("LSOA21CD,LSOA21NM,LAD25CD,LAD25NM\nE01000002,Alpha 001B,E07000902,Beta\n")
    load_lookup(lookup, alpha)
    moved = _compute(hotspot_type="Shoplifting")
    assert moved.lsoa_hotspots.get(ALPHA, []) == []
    assert moved.street_hotspots.get(ALPHA, []) == []
    beta = compute(
        COUNTY, "Testshire", WINDOW, COMPARE, focus="E07000902", hotspot_type="Shoplifting"
    )
    assert [(h.lsoa_code, h.place, h.count) for h in beta.lsoa_hotspots["E07000902"]] == [
        ("E01000002", "Alpha 001B", 1)
    ]
    assert [(h.place, h.count) for h in beta.street_hotspots["E07000902"]] == [
        ("On or near Mill Lane", 1)
    ]
