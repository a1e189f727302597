"""The SQL the assessment runs on the crime store (through ``Store``, which owns DuckDB).

Each function returns a (sql, params) pair so that a page can run all of its queries
on one connection.  District lists are passed as a VARCHAR[] parameter; ``None``
means every district (the national run).
"""

# ruff: noqa: S608 - the SQL is built from constants; every value is a query parameter.
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from saferplan.assessment.rules import ALL_CRIME, ALL_EXCEPT_ASB, ASB, Period

Statement = tuple[str, list]


SMALL_LIST = 32
# A crime row holds its LSOA; its district is the LSOA's (a single crime type only:
# every other figure comes from the summaries, already by district).
_CRIMES = "crimes JOIN lsoa_district USING (lsoa_code)"


def _districts(codes: Sequence[str] | None, column: str = "district_code") -> tuple[str, list]:
    """A filter on districts.  A short list is an IN list (not a list parameter) so DuckDB
    can skip row groups by their min/max statistics; a long one (a national run) is one
    list parameter, as an IN list of hundreds of values costs more than it skips."""
    if codes is None:
        return f"{column} IS NOT NULL", []
    codes = list(codes)
    if len(codes) > SMALL_LIST:
        return f"list_contains(?::VARCHAR[], {column})", [codes]
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


def _summary_count(crime_type: str | None) -> str | None:
    """The column expression of the per-LSOA and per-point summaries for this type, or
    None when only the crime rows can answer (a single crime type)."""
    if crime_type in (None, ALL_CRIME):
        return "n"
    if crime_type == ALL_EXCEPT_ASB:
        return "n - n_asb"
    return None


def _top_per_district(source: str, order: str) -> str:
    """CTEs ending in ``top``: the ``limit`` rows of ``source`` with the largest
    ``total`` in each district, ties broken by ``order``.  Ranking every group with a
    window function costs seconds at national scale (700,000 street points), so each
    district's ``limit``-th largest total is found first (``max(total, n)``: one small
    aggregate) and only the rows at or above it are ranked.  Takes the limit twice."""
    return (
        f", cut AS (SELECT district_code, list_min(max(total, ?)) AS least FROM {source} "
        "GROUP BY district_code), "
        f"top AS (SELECT {source}.* FROM {source} JOIN cut USING (district_code) "
        "WHERE total >= least QUALIFY row_number() OVER (PARTITION BY district_code "
        f"ORDER BY total DESC, {order}) <= ?) "
    )


def lsoa_hotspots(
    codes: Sequence[str] | None, window: Period, limit: int, crime_type: str | None = None
) -> Statement:
    """Top LSOAs per district: (district, lsoa code, lsoa name, rows)."""
    where, params = _districts(codes)
    rank = (
        "QUALIFY row_number() OVER (PARTITION BY district_code ORDER BY total DESC, lsoa_code) "
        "<= ? ORDER BY district_code, total DESC, lsoa_code"
    )
    count = _summary_count(crime_type)
    if count:  # all crime: the summary of a few hundred thousand rows a year
        return (
            f"WITH totals AS (SELECT district_code, lsoa_code, any_value(lsoa_name) AS lsoa_name, "
            f"sum({count})::BIGINT AS total FROM lsoa_counts WHERE month BETWEEN ? AND ? "
            f"AND {where} GROUP BY district_code, lsoa_code HAVING sum({count}) > 0) "
            + _top_per_district("totals", "lsoa_code")
            + "SELECT district_code, lsoa_code, lsoa_name, total FROM top "
            "ORDER BY district_code, total DESC, lsoa_code",
            [window.start, window.end, *params, limit, limit],
        )
    kind, kind_params = _type_filter(crime_type)
    return (
        "SELECT district_code, lsoa_code, any_value(lsoa_name), count(*) AS total "
        f"FROM {_CRIMES} WHERE month BETWEEN ? AND ? AND {where}{kind} "
        "GROUP BY district_code, lsoa_code " + rank,
        [window.start, window.end, *params, *kind_params, limit],
    )


def street_hotspots(
    codes: Sequence[str] | None, window: Period, limit: int, crime_type: str | None = None
) -> Statement:
    """Top street points per district: (district, location, lsoa name, lon, lat, rows).

    A police.uk point (longitude, latitude) has one "On or near" name, so the rows are
    grouped by the point alone.  For all crime the per-point summary answers, grouped
    by the point's integer id; a single crime type groups the crime rows.
    """
    where, params = _districts(codes)
    count = _summary_count(crime_type)
    if count:
        # Nationally, the integer key alone lets DuckDB use its array ("perfect hash")
        # aggregate, twice as fast over 700,000 points; for a few districts the array
        # (sized by every point id) costs more than it saves, and the district in the
        # key keeps to an ordinary hash table.
        key = "point" if codes is None or len(codes) > SMALL_LIST else "district_code, point"
        return (
            f"WITH totals AS (SELECT {key}, sum({count})::BIGINT AS total FROM place_counts "
            f"WHERE month BETWEEN ? AND ? AND {where} GROUP BY {key} HAVING sum({count}) > 0), "
            "placed AS (SELECT point, p.district_code, p.longitude, p.latitude, totals.total "
            "FROM totals JOIN points p USING (point))"
            + _top_per_district("placed", "longitude, latitude")
            # the names of the few points shown, not of every point counted
            + "SELECT top.district_code, p.location, p.lsoa_name, top.longitude, top.latitude, "
            "top.total FROM top JOIN points p USING (point) "
            "ORDER BY top.district_code, top.total DESC, top.longitude, top.latitude",
            [window.start, window.end, *params, limit, limit],
        )
    kind, kind_params = _type_filter(crime_type)
    return (
        "SELECT district_code, any_value(location), any_value(lsoa_name), longitude, latitude, "
        f"count(*) AS n FROM {_CRIMES} WHERE month BETWEEN ? AND ? AND {where}{kind} "
        "AND longitude IS NOT NULL GROUP BY district_code, longitude, latitude "
        "QUALIFY row_number() OVER (PARTITION BY district_code "
        "ORDER BY n DESC, longitude, latitude) <= ? "
        "ORDER BY district_code, n DESC, longitude, latitude",
        [window.start, window.end, *params, *kind_params, limit],
    )


def outcomes(codes: Sequence[str], window: Period) -> Statement:
    """Last outcome of crimes (not anti-social behaviour) in the window: (outcome, rows)."""
    where, params = _districts(codes)
    return (
        "SELECT coalesce(outcome, 'No outcome recorded'), sum(n)::BIGINT AS total "
        f"FROM outcome_counts WHERE month BETWEEN ? AND ? AND {where} "  # noqa: S608
        "GROUP BY 1 ORDER BY total DESC, 1",
        [window.start, window.end, *params],
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
