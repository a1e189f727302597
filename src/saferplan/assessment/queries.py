"""The SQL the assessment runs on the crime store (through ``Store``, which owns DuckDB).

Each function returns a (sql, params) pair so that a page can run all of its queries
on one connection.  District lists are passed as a VARCHAR[] parameter; ``None``
means every district (the national run).
"""

# ruff: noqa: S608 - the SQL is built from constants; every value is a query parameter.
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from saferplan.assessment.rules import ASB, Period

Statement = tuple[str, list]


def _districts(codes: Sequence[str] | None, column: str = "district_code") -> tuple[str, list]:
    """A filter on districts; an IN list (not a list parameter) so DuckDB can skip row
    groups by their min/max statistics."""
    if codes is None:
        return f"{column} IS NOT NULL", []
    codes = list(codes)
    return f"{column} IN ({', '.join('?' * len(codes))})", codes


def latest_month(codes: Sequence[str] | None) -> Statement:
    where, params = _districts(codes)
    return f"SELECT max(month) FROM counts WHERE {where}", params  # noqa: S608


def monthly(codes: Sequence[str] | None, first: date, last: date) -> Statement:
    """(district, crime type, month, rows): every figure and series is summed from this."""
    where, params = _districts(codes)
    return (
        "SELECT district_code, crime_type, month, sum(n)::BIGINT FROM counts "
        f"WHERE month BETWEEN ? AND ? AND {where} GROUP BY ALL",  # noqa: S608
        [first, last, *params],
    )


def _type_filter(crime_type: str | None) -> tuple[str, list]:
    if crime_type is None or crime_type.startswith("All crime"):
        if crime_type and crime_type != "All crime":
            return " AND crime_type <> ?", [ASB]
        return "", []
    return " AND crime_type = ?", [crime_type]


def lsoa_hotspots(
    codes: Sequence[str] | None, window: Period, limit: int, crime_type: str | None = None
) -> Statement:
    """Top LSOAs per district: (district, lsoa code, lsoa name, rows)."""
    where, params = _districts(codes)
    kind, kind_params = _type_filter(crime_type)
    return (
        "SELECT district_code, lsoa_code, any_value(lsoa_name), count(*) AS n FROM crimes "
        f"WHERE month BETWEEN ? AND ? AND {where}{kind} GROUP BY district_code, lsoa_code "  # noqa: S608
        "QUALIFY row_number() OVER (PARTITION BY district_code ORDER BY n DESC, lsoa_code) <= ? "
        "ORDER BY district_code, n DESC, lsoa_code",
        [window.start, window.end, *params, *kind_params, limit],
    )


def street_hotspots(
    codes: Sequence[str] | None, window: Period, limit: int, crime_type: str | None = None
) -> Statement:
    """Top street points per district: (district, location, lsoa name, lon, lat, rows).

    A police.uk point (longitude, latitude) has one "On or near" name, so the rows are
    grouped by the point alone, which is much cheaper than grouping by the name too.
    """
    where, params = _districts(codes)
    kind, kind_params = _type_filter(crime_type)
    return (
        "SELECT district_code, any_value(location), any_value(lsoa_name), longitude, latitude, "
        f"count(*) AS n FROM crimes WHERE month BETWEEN ? AND ? AND {where}{kind} "
        "AND longitude IS NOT NULL GROUP BY district_code, longitude, latitude "
        "QUALIFY row_number() OVER (PARTITION BY district_code "
        "ORDER BY n DESC, longitude, latitude) <= ? "
        "ORDER BY district_code, n DESC",
        [window.start, window.end, *params, *kind_params, limit],
    )


def outcomes(codes: Sequence[str], window: Period) -> Statement:
    """Last outcome of crimes (not anti-social behaviour) in the window: (outcome, rows)."""
    where, params = _districts(codes)
    return (
        "SELECT coalesce(outcome, 'No outcome recorded'), count(*) AS n FROM crimes "
        f"WHERE month BETWEEN ? AND ? AND {where} AND crime_type <> ? "  # noqa: S608
        "GROUP BY 1 ORDER BY n DESC, 1",
        [window.start, window.end, *params, ASB],
    )


def force_months(codes: Sequence[str], first: date, last: date) -> Statement:
    """Per force and month, for the forces with rows in the county: rows, rows with no
    location, rows in LSOAs the lookups do not know, rows in the county."""
    where, params = _districts(codes)
    return (
        "SELECT force, month, sum(n)::BIGINT, coalesce(sum(n) FILTER (WHERE NOT located), 0), "
        "coalesce(sum(n) FILTER (WHERE located AND district_code IS NULL), 0), "
        f"coalesce(sum(n) FILTER (WHERE {where}), 0) FROM counts "
        "WHERE month BETWEEN ? AND ? AND force IN (SELECT DISTINCT force FROM counts "
        f"WHERE month BETWEEN ? AND ? AND {where}) GROUP BY ALL ORDER BY force, month",
        [*params, first, last, first, last, *params],
    )
