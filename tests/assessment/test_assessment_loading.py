"""Loading police.uk files: counts, bad rows, refusals, replacement, geography."""

from __future__ import annotations

import struct
import zipfile
import zlib
from datetime import date

import pytest

from saferplan.assessment.loading import LoadError, load
from saferplan.assessment.models import ForceMonth
from saferplan.assessment.services import compute

from .conftest import COUNTY, row, write_street

pytestmark = pytest.mark.django_db

JAN = [
    row("2025-01", "Burglary", crime_id="id1"),
    row("2025-01", "Burglary", crime_id="id1"),  # the same Crime ID again: still two rows
    row("2025-01", "Anti-social behaviour"),  # ASB: no Crime ID
    row("2025-01", "Anti-social behaviour", lsoa="E01000003"),
    row("2025-01", "Shoplifting", lsoa="E01000009", crime_id="id3"),  # a 2011 LSOA → Alpha
    row("2025-01", "Shoplifting", lsoa="", crime_id="id4"),  # no location
    row("2025-01", "Drugs", lsoa="E01000005", crime_id="id5"),  # outside the county
]


def _rows_by_district(store):
    """A crime's district is its LSOA's (rows in no known LSOA: None)."""
    return dict(
        store.query(
            "SELECT l.district_code, count(*) FROM crimes c "
            "LEFT JOIN lsoa_district l USING (lsoa_code) GROUP BY ALL"
        )
    )


def test_every_row_is_counted_and_mapped_to_its_district(geography, tmp_path):
    write_street(tmp_path / "in", "2025-01", JAN)
    report = load([tmp_path / "in"], geography, progress_bar=False)
    assert (report.rows, report.bad_rows) == (7, 0)
    assert _rows_by_district(geography) == {"E07000901": 4, "E07000902": 1, None: 1, "E07000999": 1}
    month = ForceMonth.objects.get(force="test", month=date(2025, 1, 1))
    assert month.rows == 7 and month.source.endswith("2025-01-test-street.csv")


def test_rows_loaded_before_the_lookups_are_mapped_when_they_arrive(db, store, tmp_path):
    write_street(tmp_path, "2025-01", JAN)
    load([tmp_path], store, progress_bar=False)
    assert _rows_by_district(store) == {None: 7}
    from saferplan.assessment.geography import load_lookup

    lookup = tmp_path / "l.csv"
    lookup.write_text("LSOA21CD,LAD24CD,LAD24NM\nE01000001,E07000901,Alpha\n")
    load_lookup(lookup, store)
    assert _rows_by_district(store)["E07000901"] == 3  # two burglaries and an ASB row


def test_bad_rows_are_skipped_counted_and_shown_with_their_lines(geography, tmp_path):
    rows = [
        row("2025-01", "Burglary", crime_id="ok"),  # line 2
        row("2025-xx", "Burglary", crime_id="bad month"),  # line 3
        row("2025-01", "Burglary", crime_id="short")[:5],  # line 4
        row("2025-01", "Burglary", crime_id="long") + ["extra"],  # line 5
        row("2025-01", "Burglary", crime_id="text", lon="east"),  # line 6
        row("2025-01", "Burglary", crime_id="far", lon="45.0"),  # off Great Britain
        row("2025-02", "Burglary", crime_id="wrong month"),
    ]
    write_street(tmp_path, "2025-01", rows)
    report = load([tmp_path], geography, progress_bar=False)
    assert (report.rows, report.bad_rows) == (1, 6)
    examples = report.files[0][1].examples
    assert "line 3: Month cannot be read" in examples
    assert "line 4: too few columns" in examples
    assert "line 5: too many columns" in examples
    assert "line 6: Longitude cannot be read" in examples
    assert any("outside Great Britain" in e for e in examples)
    assert any("month differs" in e for e in examples)
    assert "6 bad rows" in "\n".join(report.lines())


def test_a_file_with_the_wrong_header_refuses_the_whole_load(geography, tmp_path):
    write_street(tmp_path, "2025-01", JAN)
    bad = write_street(tmp_path, "2025-02", JAN, header="Crime ID,Month,Something else")
    with pytest.raises(LoadError) as error:
        load([tmp_path], geography, progress_bar=False)
    assert str(bad) in str(error.value) and "wrong header" in str(error.value)
    assert "\n" not in str(error.value)
    assert geography.query("SELECT count(*) FROM crimes")[0][0] == 0


def test_a_file_not_named_like_police_uk_is_refused(geography, tmp_path):
    path = tmp_path / "crimes.csv"
    path.write_text("x\n")
    with pytest.raises(LoadError, match="YYYY-MM-<force>-street.csv"):
        load([path], geography, progress_bar=False)


def test_reloading_a_force_month_replaces_it(geography, tmp_path):
    first = write_street(tmp_path / "a", "2025-01", JAN)
    load([first], geography, progress_bar=False)
    again = write_street(tmp_path / "b", "2025-01", JAN[:2])
    load([again], geography, progress_bar=False)
    assert geography.query("SELECT count(*) FROM crimes")[0][0] == 2
    month = ForceMonth.objects.get()
    assert month.rows == 2 and str(tmp_path / "b") in month.source


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2])
def test_archives_are_read_from_the_zip(geography, tmp_path, method):
    """Deflated members (police.uk's) are inflated by ISA-L; the others by zipfile."""
    jan = write_street(tmp_path / "csv", "2025-01", JAN)
    feb = write_street(tmp_path / "csv", "2025-02", [row("2025-02", "Robbery", crime_id="r")])
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", compression=method) as out:
        out.write(jan, "2025-01/2025-01-test-street.csv")
        out.write(feb, "2025-02/2025-02-test-street.csv")
        out.writestr("2025-01/2025-01-test-outcomes.csv", "not loaded")
    report = load([archive], geography, progress_bar=False)
    assert report.rows == 8 and len(report.ignored) == 1
    assert ForceMonth.objects.get(month=date(2025, 2, 1)).source == (
        "archive.zip:2025-02/2025-02-test-street.csv"
    )


def _big_month(tmp_path):
    rows = [
        row("2025-02", "Burglary", crime_id=f"b{i}", location=f"On or near {i} Road")
        for i in range(3000)
    ]
    return write_street(tmp_path / "csv", "2025-02", rows)


BIG = "2025-02/2025-02-test-street.csv"


def _corrupt(tmp_path):
    """A good month and a large deflated one whose last 40 compressed bytes are
    scrambled: the header check passes and the damage is found while extracting."""
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(write_street(tmp_path / "csv", "2025-01", JAN), "2025-01/2025-01-test-street.csv")
        out.write(_big_month(tmp_path), BIG)
    with zipfile.ZipFile(archive) as read:
        info = read.getinfo(BIG)
    data = bytearray(archive.read_bytes())
    end = info.header_offset + 30 + len(info.filename) + info.compress_size
    data[end - 40 : end] = bytes(b ^ 0x5A for b in data[end - 40 : end])
    archive.write_bytes(bytes(data))
    return archive


def _cut_off(tmp_path):
    """A deflated member whose stream stops before its last block, as a download cut
    short and re-zipped would: sizes and CRC in the directory are the whole file's."""
    text = _big_month(tmp_path).read_bytes()
    deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    stream = deflate.compress(text) + deflate.flush(zlib.Z_SYNC_FLUSH)  # no final block
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as out:  # stored, then relabelled as deflated
        out.writestr(BIG, stream)
    data = bytearray(archive.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    for method, crc, size in (
        (local + 8, local + 14, local + 22),
        (central + 10, central + 16, central + 24),
    ):
        struct.pack_into("<H", data, method, zipfile.ZIP_DEFLATED)
        struct.pack_into("<I", data, crc, zlib.crc32(text))
        struct.pack_into("<I", data, size, len(text))
    archive.write_bytes(bytes(data))
    return archive


def _wrong_checksum(tmp_path):
    """Whole, well-formed deflate data that does not match the CRC-32 on record."""
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(_big_month(tmp_path), BIG)
    data = bytearray(archive.read_bytes())
    central = data.index(b"PK\x01\x02")
    (crc,) = struct.unpack_from("<I", data, central + 16)
    struct.pack_into("<I", data, central + 16, crc ^ 1)
    archive.write_bytes(bytes(data))
    return archive


@pytest.mark.parametrize(
    "damaged", [_corrupt, _cut_off, _wrong_checksum], ids=["corrupt", "cut-off", "checksum"]
)
def test_a_damaged_archive_member_is_refused_by_name(geography, tmp_path, damaged):
    archive = damaged(tmp_path)
    with pytest.raises(LoadError, match=rf"archive.zip:{BIG}: cannot be read"):
        load([archive], geography, progress_bar=False)
    assert not ForceMonth.objects.filter(month=date(2025, 2, 1)).exists()
    assert geography.query("SELECT count(*) FROM crimes WHERE month = '2025-02-01'")[0][0] == 0


def test_the_assessment_of_the_tiny_county(geography, tmp_path):
    previous = [
        row("2024-01", "Burglary", crime_id="p1"),
        row("2024-01", "Burglary", lsoa="E01000003"),
    ]
    write_street(tmp_path, "2024-01", previous)
    write_street(tmp_path, "2025-01", JAN)
    load([tmp_path], geography, progress_bar=False)
    result = compute(COUNTY, "Testshire", focus="E07000901", window=None, compare=None)
    assert str(result.window) == "2024-02:2025-01"  # the latest 12 loaded months
    result = compute(
        COUNTY, "Testshire", focus="E07000901", window=result.window.shifted(0), compare=None
    )
    from saferplan.assessment.rules import Period

    result = compute(COUNTY, "Testshire", Period.parse("2025-01:2025-01"), focus="E07000901")
    alpha = {f.crime_type: f for f in result.unit_figures("E07000901")}
    assert (alpha["Burglary"].count, alpha["Burglary"].previous) == (2, 1)
    assert alpha["Burglary"].rate == 0.2  # 2 / 10,000 x 1,000
    assert alpha["All crime"].count == 4 and alpha["Anti-social behaviour"].count == 1
    gamma = result.figure("E07000903", "Burglary")
    assert gamma.population is None and gamma.rank is None
    beta = result.figure("E07000902", "Burglary")
    assert (beta.count, beta.previous, beta.change_pct) == (0, 1, -100.0)
    assert alpha["Burglary"].rank_words == "highest"
    assert result.lsoa_hotspots["E07000901"][0].lsoa_code == "E01000001"
    assert result.lsoa_hotspots["E07000901"][0].share == 75.0  # 3 of Alpha's 4 rows
    notes = " ".join(result.notes)
    assert "1 rows (14.3%) in January 2025 had no location" in notes
    assert "1 were in LSOAs outside Testshire" in notes


def test_the_benchmark_yardsticks_read_every_row(tmp_path):
    """What benchmark.py measures the load against reads the rows the load reads."""
    from saferplan.assessment.store import YARDSTICKS, Store

    files = [str(write_street(tmp_path / "csv", "2025-01", JAN))]
    written = {
        name: Store.yardstick(name, files, tmp_path / f"{name}.duckdb") for name in YARDSTICKS
    }
    # grouped: the two burglaries share their LSOA, point and type
    assert written == {"duckdb_copy": 7, "duckdb_least_store": 7, "duckdb_least_grouped": 6}
