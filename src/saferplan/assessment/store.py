"""The crime store: police.uk rows in a DuckDB file.  The only module that imports duckdb.

Tens of millions of rows do not belong in the Django database; they live in one
DuckDB file (setting ``SAFERPLAN_CRIME_DB``, default ``var/crime.duckdb``).  Django
keeps the metadata (which force-months came from which file, districts,
populations, saved assessments).

DuckDB lets one process write a file at a time, and a writer blocks readers in
other processes, so the store is opened for each operation and closed straight
after; an open that meets a lock is retried for a few seconds.
"""

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
# England and Wales with a margin: anything outside is a bad coordinate.
LON_RANGE, LAT_RANGE = (-9.0, 3.0), (49.0, 61.0)

SCHEMA = """
CREATE TABLE IF NOT EXISTS crimes (
    force VARCHAR NOT NULL, month DATE NOT NULL, district_code VARCHAR,
    crime_type VARCHAR NOT NULL, lsoa_code VARCHAR, lsoa_name VARCHAR,
    location VARCHAR, longitude DOUBLE, latitude DOUBLE, outcome VARCHAR,
    bad UTINYINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS lsoa_lookup (
    source VARCHAR, lsoa_code VARCHAR, lsoa_year INTEGER, district_code VARCHAR,
    district_year INTEGER, lsoa21_code VARCHAR);
CREATE TABLE IF NOT EXISTS lsoa_district (lsoa_code VARCHAR, district_code VARCHAR);
CREATE TABLE IF NOT EXISTS counts (
    force VARCHAR, month DATE, district_code VARCHAR, crime_type VARCHAR, located BOOLEAN,
    n BIGINT);
"""
# counts: rows per force, month, district and type (``located``: the row has an LSOA).
# A few hundred thousand rows for the whole country, kept in step with ``crimes`` by
# every load and geography change: the figures and data-quality checks read it
# instead of scanning tens of millions of rows.
_COUNT_ROWS = """SELECT force, month, district_code, crime_type,
    lsoa_code IS NOT NULL AS located, count(*) AS n
    FROM crimes {where} GROUP BY ALL"""


class StoreBusy(Exception):
    """Another process is writing the crime store."""


@dataclass(frozen=True)
class CsvFile:
    """One monthly street CSV on disk at ``.../sp_force=<force>/sp_month=<YYYY-MM>/<name>``.

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


def _read_csv(*, rejects: bool = False, hive: bool = False) -> str:
    """A read_csv call for the file list given as the first query parameter."""
    options = (
        f"header=true, columns={COLUMNS}, dateformat='%Y-%m', auto_detect=false, delim=',', "
        "quote='\"', escape='\"', strict_mode=true"
    )
    if hive:  # folder names carry the force and month: constant columns, no per-row join
        options += (
            ", hive_partitioning=true, hive_types={'sp_force': 'VARCHAR', 'sp_month': 'VARCHAR'}"
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
            if self.memory_limit:
                con.execute(f"SET memory_limit = {_quote(self.memory_limit)}")
            if not read_only:
                con.execute(SCHEMA)
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
        con.execute(
            "DELETE FROM crimes USING sp_files f WHERE crimes.force = f.force "
            "AND crimes.month = f.month"
        )
        (lon0, lon1), (lat0, lat1) = LON_RANGE, LAT_RANGE
        # One pass: every row goes in, flagged; the few bad ones are counted and removed.
        con.execute(
            f"""INSERT INTO crimes SELECT r.sp_force, strptime(r.sp_month, '%Y-%m')::DATE,
                l.district_code, r."Crime type", nullif(r."LSOA code", ''),
                nullif(r."LSOA name", ''), nullif(r.Location, ''), r.Longitude, r.Latitude,
                nullif(r."Last outcome category", ''),
                CASE WHEN r.Month IS DISTINCT FROM strptime(r.sp_month, '%Y-%m')::DATE THEN 1
                     WHEN r.Longitude NOT BETWEEN {lon0} AND {lon1}
                       OR r.Latitude NOT BETWEEN {lat0} AND {lat1} THEN 2
                     WHEN r."Crime type" IS NULL THEN 3 ELSE 0 END
            FROM {_read_csv(rejects=True, hive=True)} r
            LEFT JOIN lsoa_district l ON l.lsoa_code = r."LSOA code" """,  # noqa: S608
            [paths],
        )
        batch = (
            "FROM crimes JOIN sp_files f USING (force, month) WHERE crimes.month "
            "BETWEEN (SELECT min(month) FROM sp_files) AND (SELECT max(month) FROM sp_files)"
        )
        counts = con.execute(
            f"SELECT f.path, count(*) FILTER (WHERE bad = 0), count(*) FILTER (WHERE bad > 0) "
            f"{batch} GROUP BY f.path"  # noqa: S608
        ).fetchall()
        for path, rows, bad in counts:
            results[path].rows, results[path].bad_rows = rows, bad
        examples = con.execute(
            f"SELECT f.path, bad, longitude, latitude {batch} AND bad > 0 "  # noqa: S608
            "QUALIFY row_number() OVER (PARTITION BY f.path) <= 3"
        ).fetchall()
        reasons = {1: "month differs from the file name's", 3: "no crime type"}
        for path, bad, lon, lat in examples:
            why = reasons.get(bad) or f"coordinates {lon}, {lat} are outside Great Britain"
            results[path].examples.append(why)
        if examples:
            con.execute("DELETE FROM crimes WHERE bad > 0")
        con.execute(
            "DELETE FROM counts USING sp_files f WHERE counts.force = f.force "
            "AND counts.month = f.month"
        )
        where = (
            "WHERE (force, month) IN (SELECT (force, month) FROM sp_files) AND month BETWEEN "
            "(SELECT min(month) FROM sp_files) AND (SELECT max(month) FROM sp_files)"
        )
        con.execute("INSERT INTO counts " + _COUNT_ROWS.format(where=where))

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

    def delete_force_months(self, keys: Sequence[tuple[str, date]]) -> None:
        with self.connect() as con:
            con.executemany("DELETE FROM crimes WHERE force = ? AND month = ?", list(keys))
            con.executemany("DELETE FROM counts WHERE force = ? AND month = ?", list(keys))

    # -- geography -------------------------------------------------------------------

    def replace_lookup(self, source: str, csv_path: str, specs: Sequence[LookupColumns]) -> int:
        """Replace one lookup file's LSOA rows and re-map every crime to its district.

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
            con.execute(
                """UPDATE crimes SET district_code = l.district_code FROM lsoa_district l
                WHERE crimes.lsoa_code = l.lsoa_code
                  AND crimes.district_code IS DISTINCT FROM l.district_code"""
            )
            con.execute("CREATE OR REPLACE TABLE counts AS " + _COUNT_ROWS.format(where=""))
            con.execute("COMMIT")
            return con.execute("SELECT count(*) FROM lsoa_district").fetchone()[0]

    def lsoa_count(self) -> int:
        with self.connect(read_only=True) as con:
            return con.execute("SELECT count(*) FROM lsoa_district").fetchone()[0]

    # -- queries ---------------------------------------------------------------------

    def query(self, sql: str, params: Sequence | None = None) -> list[tuple]:
        with self.connect(read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def queries(self, statements: Sequence[tuple[str, Sequence]]) -> list[list[tuple]]:
        """Several read queries on one connection (one open of the file)."""
        with self.connect(read_only=True) as con:
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


def period_bounds(*periods: Period) -> tuple[date, date]:
    return min(p.start for p in periods), max(p.end for p in periods)
