"""The crime store: police.uk rows in a DuckDB file.  The only module that imports duckdb.

Tens of millions of rows do not belong in the Django database; they live in one
DuckDB file (setting ``SAFERPLAN_CRIME_DB``, default ``var/crime.duckdb``).  Django
keeps the metadata (which force-months came from which file, districts,
populations, saved assessments).

DuckDB lets one process write a file at a time, and a writer blocks readers in
other processes, so the store is opened for each operation and closed straight
after; an open that meets a lock is retried for a few seconds.
"""

# ruff: noqa: S608 - SQL is built from constants and column names checked by geography.
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from saferplan.assessment.rules import Period

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context"
)
_TYPES = [
    "VARCHAR",
    "DATE",
    "VARCHAR",
    "VARCHAR",
    "DOUBLE",
    "DOUBLE",
    "VARCHAR",
    "VARCHAR",
    "VARCHAR",
    "VARCHAR",
    "VARCHAR",
    "VARCHAR",
]
COLUMNS = (
    "{" + ", ".join(f"'{n}': '{t}'" for n, t in zip(HEADER.split(","), _TYPES, strict=True)) + "}"
)
# What ``crimes`` takes from each CSV row (the force comes from the file's name).
_KEPT_COLUMNS = (
    "Month",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
)
# England and Wales with a margin: anything outside is a bad coordinate.
LON_RANGE, LAT_RANGE = (-9.0, 3.0), (49.0, 61.0)

SCHEMA = """
CREATE TABLE IF NOT EXISTS crimes (
    force VARCHAR NOT NULL, month DATE NOT NULL, crime_type VARCHAR NOT NULL,
    lsoa_code VARCHAR, lsoa_name VARCHAR, location VARCHAR, longitude DOUBLE,
    latitude DOUBLE, outcome VARCHAR, bad UTINYINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS lsoa_lookup (
    source VARCHAR, lsoa_code VARCHAR, lsoa_year INTEGER, district_code VARCHAR,
    district_year INTEGER, lsoa21_code VARCHAR);
CREATE TABLE IF NOT EXISTS lsoa_district (lsoa_code VARCHAR, district_code VARCHAR);
CREATE TABLE IF NOT EXISTS counts (
    force VARCHAR, month DATE, district_code VARCHAR, crime_type VARCHAR, located BOOLEAN,
    n BIGINT);
CREATE TABLE IF NOT EXISTS lsoa_counts (
    force VARCHAR, month DATE, district_code VARCHAR, lsoa_code VARCHAR, lsoa_name VARCHAR,
    n INTEGER, n_asb INTEGER);
CREATE TABLE IF NOT EXISTS points (
    point INTEGER, district_code VARCHAR, longitude DOUBLE, latitude DOUBLE, location VARCHAR,
    lsoa_name VARCHAR);
CREATE TABLE IF NOT EXISTS place_counts (
    force VARCHAR, month DATE, district_code VARCHAR, point INTEGER, n INTEGER, n_asb INTEGER);
CREATE TABLE IF NOT EXISTS outcome_counts (
    force VARCHAR, month DATE, district_code VARCHAR, outcome VARCHAR, n INTEGER);
CREATE TABLE IF NOT EXISTS store_meta (version INTEGER);
"""
# 2: lsoa_counts, points, place_counts and outcome_counts.  3: crimes without
# district_code; a crime's district is its LSOA's in lsoa_district.
VERSION = 3
ASB = "Anti-social behaviour"
# A crime row holds its LSOA, not its district.  Joining each row to lsoa_district as
# the CSV was read cost a quarter of the crimes INSERT's CPU (0.65 of 2.6 s for 2.2 M
# rows) and held DuckDB to little more than one of the two cores; the same join inside
# the summaries' groupings below costs next to nothing, and a new lookup re-maps no
# crime row.
#
# Summaries of ``crimes``, kept in step with it by every load and geography change, so
# that the assessment never scans tens of millions of rows:
#   counts          rows per force, month, district and type (``located``: has an LSOA):
#                   figures, monthly series, data quality (about 200,000 rows nationally)
#   lsoa_counts     rows (and anti-social behaviour rows) per force, month, district, LSOA
#   points          one id per police.uk map point in a district, with its names
#   place_counts    rows per force, month, district and point: street hotspots group by
#                   one integer instead of two coordinates and two strings
#   outcome_counts  crimes (not anti-social behaviour) per force, month, district, outcome
# Each is built by a SELECT over ``crimes`` (with its districts) restricted by {where}.
CRIMES = "crimes LEFT JOIN lsoa_district USING (lsoa_code)"
_AGGREGATES = {
    "counts": f"""SELECT force, month, district_code, crime_type,
        lsoa_code IS NOT NULL AS located, count(*) AS n
        FROM {CRIMES} WHERE {{where}} GROUP BY ALL""",
    "lsoa_counts": f"""SELECT force, month, district_code, lsoa_code,
        any_value(lsoa_name), count(*)::INTEGER,
        (count(*) FILTER (WHERE crime_type = '{ASB}'))::INTEGER
        FROM {CRIMES} WHERE {{where}} AND district_code IS NOT NULL
        GROUP BY force, month, district_code, lsoa_code ORDER BY district_code""",
    "outcome_counts": f"""SELECT force, month, district_code, outcome, count(*)::INTEGER
        FROM {CRIMES} WHERE {{where}} AND district_code IS NOT NULL AND crime_type <> '{ASB}'
        GROUP BY ALL ORDER BY district_code""",
}
# Street points: the rows of each force, month, district and map point first (a few
# hundred thousand a month), then the points not seen before get ids, numbered in
# district order so that a district's points have neighbouring ids and DuckDB skips
# the rest of the table when a page joins its few points to their names; then the
# counts by id.  Joining the grouped rows, not every crime row, to the points keeps
# this to about a second a month nationally.
_PLACES = [
    f"""CREATE OR REPLACE TEMP TABLE sp_places AS
    SELECT force, month, district_code, longitude, latitude, count(*)::INTEGER AS n,
        (count(*) FILTER (WHERE crime_type = '{ASB}'))::INTEGER AS n_asb
    FROM {CRIMES} WHERE {{where}} AND longitude IS NOT NULL AND district_code IS NOT NULL
    GROUP BY force, month, district_code, longitude, latitude""",
    """CREATE OR REPLACE TEMP TABLE sp_new AS
    SELECT DISTINCT s.district_code, s.longitude, s.latitude FROM sp_places s
    WHERE NOT EXISTS (SELECT 1 FROM points p WHERE p.district_code = s.district_code
        AND p.longitude = s.longitude AND p.latitude = s.latitude)""",
    # names only for the new points (after the first months of a store, a few)
    f"""INSERT INTO points
    SELECT (SELECT coalesce(max(point), 0) FROM points)
               + row_number() OVER (ORDER BY district_code, longitude, latitude) AS point, *
    FROM (SELECT c.district_code, c.longitude, c.latitude, any_value(c.location),
                 any_value(c.lsoa_name)
          FROM (SELECT * FROM {CRIMES} WHERE {{where}}) c
          SEMI JOIN sp_new n ON n.district_code = c.district_code
              AND n.longitude = c.longitude AND n.latitude = c.latitude
          GROUP BY ALL)
    ORDER BY point""",
    """INSERT INTO place_counts SELECT s.force, s.month, s.district_code, p.point, s.n, s.n_asb
    FROM sp_places s JOIN points p ON p.district_code = s.district_code
        AND p.longitude = s.longitude AND p.latitude = s.latitude
    ORDER BY s.district_code""",
    "DROP TABLE sp_places; DROP TABLE sp_new",
]


def _refresh_aggregates(con, where: str, *, rebuild: bool = False) -> None:
    """Insert the summaries of the crimes matching ``where`` (already deleted from the
    summaries), or with ``rebuild`` replace every summary (and the points) from scratch."""
    if rebuild:
        for table in (*_AGGREGATES, "points", "place_counts"):
            con.execute(f"DELETE FROM {table}")  # noqa: S608
    for table, select in _AGGREGATES.items():  # ``where`` names columns of crimes only
        con.execute(f"INSERT INTO {table} " + select.format(where=where))
    for statement in _PLACES:
        con.execute(statement.format(where=where))


_TABLES_BY_FORCE_MONTH = ("crimes", *_AGGREGATES, "place_counts")


class StoreBusy(Exception):
    """Another process is writing the crime store."""


@dataclass(frozen=True)
class CsvFile:
    """One monthly street CSV on disk at ``.../sp_force=<force>/sp_month=<YYYY-MM-01>/<name>``.

    The loader reads the force and month from those folder names (DuckDB's hive
    partitioning), which costs nothing per row.
    """

    path: str
    force: str
    month: date


@dataclass(frozen=True)
class LookupColumns:
    """Which columns of an ONS lookup hold what (names checked by ``geography``)."""

    lsoa_code: str
    lsoa_year: int
    district_code: str
    district_year: int
    lsoa21_code: str | None = None


@dataclass
class FileResult:
    path: str
    rows: int = 0
    bad_rows: int = 0
    examples: list[str] | None = None


def _version(con) -> int:
    try:
        return con.execute("SELECT max(version) FROM store_meta").fetchone()[0] or 0
    except duckdb.CatalogException:
        return 0


def _upgrade(con) -> None:
    """Bring a store written by an older version to this one: crime rows lose the
    district column (before version 3), and every summary is built afresh."""
    if _version(con) >= VERSION:
        return
    con.execute("BEGIN TRANSACTION")
    columns = {row[0] for row in con.execute("DESCRIBE crimes").fetchall()}
    if "district_code" in columns:
        con.execute("ALTER TABLE crimes DROP COLUMN district_code")
    _refresh_aggregates(con, "true", rebuild=True)
    con.execute("DELETE FROM store_meta")
    con.execute(f"INSERT INTO store_meta VALUES ({VERSION})")
    con.execute("COMMIT")


def _read_csv(*, rejects: bool = False, hive: bool = False, filename: bool = False) -> str:
    """A read_csv call for the file list given as the first query parameter."""
    options = (
        f"header=true, columns={COLUMNS}, dateformat='%Y-%m', auto_detect=false, delim=',', "
        "quote='\"', escape='\"', strict_mode=true"
    )
    if filename:
        options += ", filename=true"
    if hive:  # folder names carry the force and month: constant columns, no per-row join
        options += (
            ", hive_partitioning=true, hive_types={'sp_force': 'VARCHAR', 'sp_month': 'DATE'}"
        )
    if rejects:
        options += ", store_rejects=true, rejects_table='sp_rejects', rejects_scan='sp_scans'"
    return f"read_csv(?, {options})"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Store:
    def __init__(self, path: str | Path, *, memory_limit: str | None = None):
        self.path = Path(path)
        self.memory_limit = memory_limit
        self._reader = None  # the connection of an open ``reading()`` block

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Run the ``query``/``queries`` calls inside the block on one read-only
        connection: opening the file costs tens of milliseconds each time."""
        if self._reader is not None:
            yield
            return
        with self.connect(read_only=True) as con:
            self._reader = con
            try:
                yield
            finally:
                self._reader = None

    @contextmanager
    def connect(self, *, read_only: bool = False, wait: float = 10.0) -> Iterator:
        if read_only and not self.path.exists():
            read_only = False  # create the empty store on first use
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.IOException as error:
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    raise StoreBusy(f"the crime store {self.path} is busy: {error}") from None
                time.sleep(0.2)
        try:
            # National street hotspots group by a point id of about 20 bits: let DuckDB
            # use its array ("perfect hash") aggregate up to 2^24 ids (default 2^12).
            con.execute("SET perfect_ht_threshold = 24")
            # A page for a single crime type joins the crime rows to a district's few
            # hundred LSOAs: let DuckDB turn them into an IN filter on the scan (default
            # up to 50 values), which skips most rows: a district's street hotspots of
            # one type in 12 months of national data, 30 → 10 ms.
            con.execute("SET dynamic_or_filter_threshold = 1024")
            if self.memory_limit:
                con.execute(f"SET memory_limit = {_quote(self.memory_limit)}")
            if not read_only:
                con.execute(SCHEMA)
                _upgrade(con)
            elif _version(con) < VERSION:  # a store written by an older SaferPlan
                con.close()
                with self.connect(wait=wait):
                    pass
                con = duckdb.connect(str(self.path), read_only=True)
            yield con
        finally:
            con.close()

    # -- loading ---------------------------------------------------------------------

    def load(self, files: Sequence[CsvFile]) -> list[FileResult]:
        with self.loader() as loader:
            return loader(files)

    @contextmanager
    def loader(self) -> Iterator[Callable[[Sequence[CsvFile]], list[FileResult]]]:
        """One connection for a whole load; each call replaces a batch of force-months.

        Each call is one transaction: the force-months of ``files`` are deleted and
        their rows inserted together.  Lines the CSV reader cannot parse (wrong column
        count, a month or coordinate that is not one) are skipped and reported; so are
        rows whose month differs from the file name's or whose coordinates lie outside
        Great Britain.
        """
        with self.connect() as con:
            con.execute("CREATE TEMP TABLE sp_files (path VARCHAR, force VARCHAR, month DATE)")

            def load(files: Sequence[CsvFile]) -> list[FileResult]:
                results = {f.path: FileResult(f.path, examples=[]) for f in files}
                con.execute("DELETE FROM sp_files")
                con.execute("DROP TABLE IF EXISTS sp_rejects; DROP TABLE IF EXISTS sp_scans")
                con.execute(
                    "INSERT INTO sp_files SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                    "unnest(?::DATE[])",
                    [[f.path for f in files], [f.force for f in files], [f.month for f in files]],
                )
                con.execute("BEGIN TRANSACTION")
                try:
                    self._load_batch(con, [f.path for f in files], results)
                    con.execute("COMMIT")
                except Exception:
                    con.execute("ROLLBACK")
                    raise
                self._collect_rejects(con, results)
                return list(results.values())

            yield load
            con.execute("CHECKPOINT")

    def _load_batch(self, con, paths: list[str], results: dict[str, FileResult]) -> None:
        for table in _TABLES_BY_FORCE_MONTH:
            con.execute(
                f"DELETE FROM {table} USING sp_files f WHERE {table}.force = f.force "  # noqa: S608
                f"AND {table}.month = f.month"
            )
        (lon0, lon1), (lat0, lat1) = LON_RANGE, LAT_RANGE
        # One pass: DuckDB's parallel CSV reader parses every file of the batch straight
        # into the table; every row goes in, flagged; the few bad ones are counted and
        # removed.  Row order does not matter, so DuckDB need not preserve it.
        con.execute("SET preserve_insertion_order = false")
        con.execute(
            f"""INSERT INTO crimes SELECT r.sp_force, r.sp_month,
                coalesce(r."Crime type", ''), nullif(r."LSOA code", ''),
                nullif(r."LSOA name", ''), nullif(r.Location, ''), r.Longitude, r.Latitude,
                nullif(r."Last outcome category", ''),
                CASE WHEN r.Month IS DISTINCT FROM r.sp_month THEN 1
                     WHEN r.Longitude NOT BETWEEN {lon0} AND {lon1}
                       OR r.Latitude NOT BETWEEN {lat0} AND {lat1} THEN 2
                     WHEN r."Crime type" IS NULL THEN 3 ELSE 0 END
            FROM {_read_csv(rejects=True, hive=True)} r""",  # noqa: S608
            [paths],
        )
        con.execute("RESET preserve_insertion_order")  # summaries are written sorted
        where = (
            "(force, month) IN (SELECT (force, month) FROM sp_files) AND month BETWEEN "
            "(SELECT min(month) FROM sp_files) AND (SELECT max(month) FROM sp_files)"
        )
        path_of = {
            (force, month): path
            for path, force, month in con.execute("SELECT * FROM sp_files").fetchall()
        }
        counts = con.execute(
            "SELECT force, month, count(*) FILTER (WHERE bad = 0), count(*) FILTER (WHERE bad > 0) "
            f"FROM crimes WHERE {where} GROUP BY ALL"  # noqa: S608
        ).fetchall()
        for force, month, rows, bad in counts:
            result = results[path_of[(force, month)]]
            result.rows, result.bad_rows = rows, bad
        if any(bad for *_, bad in counts):
            examples = con.execute(
                f"SELECT force, month, bad, longitude, latitude FROM crimes WHERE {where} "  # noqa: S608
                "AND bad > 0 QUALIFY row_number() OVER (PARTITION BY force, month) <= 3"
            ).fetchall()
            reasons = {1: "month differs from the file name's", 3: "no crime type"}
            for force, month, bad, lon, lat in examples:
                why = reasons.get(bad) or f"coordinates {lon}, {lat} are outside Great Britain"
                results[path_of[(force, month)]].examples.append(why)
            con.execute("DELETE FROM crimes WHERE bad > 0")
        _refresh_aggregates(con, where)

    def _collect_rejects(self, con, results: dict[str, FileResult]) -> None:
        exists = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'sp_rejects'"
        ).fetchone()[0]
        if not exists:
            return
        rows = con.execute(
            """SELECT s.file_path, e.line, any_value(e.error_type), any_value(e.column_name)
            FROM sp_rejects e JOIN sp_scans s USING (scan_id, file_id)
            GROUP BY s.file_path, e.line ORDER BY s.file_path, e.line"""
        ).fetchall()
        lines: dict[str, list[str]] = {}
        for path, line, error_type, column in rows:
            result = results[path]
            result.bad_rows += 1
            shown = lines.setdefault(path, [])
            if len(shown) < 5:
                what = {
                    "CAST": f"{column} cannot be read",
                    "TOO MANY COLUMNS": "too many columns",
                    "MISSING COLUMNS": "too few columns",
                }.get(error_type, error_type.lower())
                shown.append(f"line {line}: {what}")
        for path, shown in lines.items():  # line numbers first: the most useful
            results[path].examples = shown + (results[path].examples or [])

    def count_csv(self, paths: Sequence[str]) -> int:
        """DuckDB's bare ``count(*)`` over the files: the benchmark's yardstick."""
        with self.connect() as con:
            sql = f"SELECT count(*) FROM {_read_csv()}"  # noqa: S608
            return con.execute(sql, [list(paths)]).fetchone()[0]

    @staticmethod
    def yardstick(name: str, paths: Sequence[str], target: str | Path) -> int:
        """Run one of the benchmark's yardsticks (``YARDSTICKS``) on the CSV files into a
        new DuckDB file ``target``; returns the number of rows it wrote."""
        sql = YARDSTICKS[name]  # DuckDB reads the file name column only where it is used
        with duckdb.connect(str(target)) as con:
            con.execute("SET preserve_insertion_order = false")  # as the load does
            con.execute(sql.format(read_csv=_read_csv(filename=True)), [list(paths)])
            con.execute("CHECKPOINT")
            return con.execute("SELECT count(*) FROM yardstick").fetchone()[0]

    def delete_force_months(self, keys: Sequence[tuple[str, date]]) -> None:
        with self.connect() as con:
            for table in _TABLES_BY_FORCE_MONTH:
                con.executemany(
                    f"DELETE FROM {table} WHERE force = ? AND month = ?",  # noqa: S608
                    list(keys),
                )

    # -- geography -------------------------------------------------------------------

    def replace_lookup(self, source: str, csv_path: str, specs: Sequence[LookupColumns]) -> int:
        """Replace one lookup file's LSOA rows and rebuild the summaries by district.

        An LSOA takes the district of its newest lookup; a 2011 LSOA with a 2021
        successor takes the successor's district when that lookup is newer.
        Returns the number of LSOAs the store now knows.
        """
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM lsoa_lookup WHERE source = ?", [source])
            for c in specs:
                lsoa21 = f"nullif(\"{c.lsoa21_code}\", '')" if c.lsoa21_code else "NULL"
                # Column names come from geography's name patterns: letters, digits, "_".
                con.execute(
                    f"""INSERT INTO lsoa_lookup SELECT DISTINCT ?, "{c.lsoa_code}", ?,
                        nullif("{c.district_code}", ''), ?, {lsoa21}
                    FROM read_csv(?, header=true, all_varchar=true)
                    WHERE coalesce("{c.lsoa_code}", '') <> ''""",  # noqa: S608
                    [source, c.lsoa_year, c.district_year, csv_path],
                )
            con.execute(_RESOLVE_LSOAS)
            _refresh_aggregates(con, "true", rebuild=True)
            con.execute("COMMIT")
            return con.execute("SELECT count(*) FROM lsoa_district").fetchone()[0]

    def lsoa_count(self) -> int:
        with self.connect(read_only=True) as con:
            return con.execute("SELECT count(*) FROM lsoa_district").fetchone()[0]

    # -- queries ---------------------------------------------------------------------

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        return self.queries([(sql, params or [])])[0]

    def queries(self, statements: Sequence[tuple[str, Sequence]]) -> list[list[tuple]]:
        """Several read queries on one connection (one open of the file)."""
        with self.reading():
            con = self._reader
            return [con.execute(sql, list(params)).fetchall() for sql, params in statements]


_RESOLVE_LSOAS = """
CREATE OR REPLACE TABLE lsoa_district AS
WITH direct AS (
    SELECT lsoa_code, arg_max(district_code, district_year) AS district_code,
           max(district_year) AS year
    FROM lsoa_lookup WHERE district_code IS NOT NULL GROUP BY lsoa_code),
bridge AS (
    SELECT b.lsoa_code, arg_max(d.district_code, d.year) AS district_code, max(d.year) AS year
    FROM (SELECT DISTINCT lsoa_code, lsoa21_code FROM lsoa_lookup
          WHERE lsoa21_code IS NOT NULL AND lsoa21_code <> lsoa_code) b
    JOIN direct d ON d.lsoa_code = b.lsoa21_code GROUP BY b.lsoa_code)
SELECT coalesce(d.lsoa_code, b.lsoa_code) AS lsoa_code,
       CASE WHEN b.year > coalesce(d.year, 0) THEN b.district_code
            ELSE d.district_code END AS district_code
FROM direct d FULL JOIN bridge b ON b.lsoa_code = d.lsoa_code
"""


# DuckDB's own work on the CSV files that a load reads, with no validation, districts or
# summaries: what the benchmark measures the load against, beside the bare count.
_KEPT = ", ".join(f'"{c}"' for c in _KEPT_COLUMNS)
YARDSTICKS = {
    # the plainest copy of the 8 CSV columns a crime row keeps
    "duckdb_copy": f"CREATE TABLE yardstick AS SELECT {_KEPT} FROM {{read_csv}}",
    # the least that any store must write to answer the top street points of one crime
    # type in any 12 months (each file being one force and month): four columns a row
    "duckdb_least_store": 'CREATE TABLE yardstick AS SELECT "LSOA code", Longitude, Latitude, '
    '"Crime type" FROM {read_csv}',
    # the same, grouped into rows per file, LSOA, point and type instead of stored
    "duckdb_least_grouped": 'CREATE TABLE yardstick AS SELECT filename, "LSOA code", Longitude, '
    'Latitude, "Crime type", count(*) AS n FROM {read_csv} GROUP BY ALL',
}


def period_bounds(*periods: Period) -> tuple[date, date]:
    return min(p.start for p in periods), max(p.end for p in periods)
