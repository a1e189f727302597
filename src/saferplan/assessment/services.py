"""Compute a strategic assessment: figures, series, hotspots, outcomes, data quality.

``compute`` is the one entry point the command line, the pages and the exports use.
It runs a handful of grouped queries on the crime store (one connection) and does
the rest (sums, ranks, wording) in Python on at most a few hundred thousand groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from saferplan.assessment import queries
from saferplan.assessment.conf import get_store
from saferplan.assessment.geography import district_names, populations_for
from saferplan.assessment.models import ForceMonth
from saferplan.assessment.rules import (
    ALL_CRIME,
    ALL_EXCEPT_ASB,
    ASB,
    CRIME_TYPES,
    Figures,
    Period,
    add_months,
    build_figures,
    low_months,
    missing_months,
)
from saferplan.assessment.store import Store

MAJOR_FORCE_SHARE = 0.05  # forces below this share of the county's rows are listed, not audited
_FORCE_NAMES = {
    "btp": "British Transport Police",
    "metropolitan": "Metropolitan Police Service",
    "city-of-london": "City of London Police",
}


def force_name(slug: str) -> str:
    return _FORCE_NAMES.get(slug, slug.replace("-", " ").title() + " Police")


class NoData(Exception):
    """Nothing is loaded for these districts."""


@dataclass
class Hotspot:
    place: str
    lsoa_code: str | None
    lsoa_name: str | None
    longitude: float | None
    latitude: float | None
    count: int
    share: float | None


@dataclass
class ForceQuality:
    force: str
    county_rows: int
    share: float
    missing: list[date]
    low: list[date]
    no_location: int
    unknown_lsoa: int
    outside: int
    rows: int


@dataclass
class Result:
    county: str
    window: Period
    compare: Period
    units: dict[str, str]  # unit code → name (a district, or a partnership's districts merged)
    figures: list[Figures]
    series: dict[tuple[str, str, date], int]
    lsoa_hotspots: dict[str, list[Hotspot]] = field(default_factory=dict)
    street_hotspots: dict[str, list[Hotspot]] = field(default_factory=dict)
    hotspot_type: str = ALL_CRIME
    outcomes: list[tuple[str, int, float]] = field(default_factory=list)
    forces: list[ForceQuality] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def unit_figures(self, unit: str) -> list[Figures]:
        return [f for f in self.figures if f.district_code == unit]

    def figure(self, unit: str, crime_type: str) -> Figures:
        return next(
            f for f in self.figures if f.district_code == unit and f.crime_type == crime_type
        )

    def month_series(
        self, unit: str | None, crime_type: str = ALL_CRIME
    ) -> list[tuple[date, int | None]]:
        """Monthly rows for a unit (None: the whole county) over both periods; None for a
        month with no rows anywhere in the county (not loaded), so charts show a gap."""
        members = _members(crime_type)
        units = [unit] if unit else list(self.units)
        loaded = {m for (_, _, m) in self.series}
        first = min(self.compare.start, self.window.start)
        months = Period(first, max(self.compare.end, self.window.end)).months
        return [
            (m, sum(self.series.get((u, t, m), 0) for u in units for t in members))
            if m in loaded
            else (m, None)
            for m in months
        ]

    def paired_series(self, unit: str, crime_type: str = ALL_CRIME):
        """(window month, count, comparison month, count) for the trend chart and table."""
        series = dict(self.month_series(unit, crime_type))
        compare = self.compare.months
        return [
            (
                m,
                series.get(m),
                compare[i] if i < len(compare) else None,
                series.get(compare[i]) if i < len(compare) else None,
            )
            for i, m in enumerate(self.window.months)
        ]


def _members(crime_type: str) -> tuple[str, ...]:
    if crime_type == ALL_CRIME:
        return CRIME_TYPES
    if crime_type == ALL_EXCEPT_ASB:
        return tuple(t for t in CRIME_TYPES if t != ASB)
    return (crime_type,)


def default_window(codes: Sequence[str], store: Store | None = None) -> Period:
    """The latest 12 months loaded for these districts."""
    store = store or get_store()
    latest = store.query(*queries.latest_month(codes))[0][0]
    if latest is None:
        raise NoData("no crime data is loaded for these districts")
    return Period.ending(latest)


def monthly_counts(
    codes: Sequence[str], crime_type: str, months: Period, store: Store | None = None
) -> list[tuple[date, int | None]]:
    """Rows of ``crime_type`` per month in these districts together, None for a month with
    no rows in any of them (not loaded): what a computed indicator counts, without the
    figures, ranks and hotspots of ``compute`` (one query of the summaries)."""
    store = store or get_store()
    members = set(_members(crime_type))
    loaded: set[date] = set()
    counts: dict[date, int] = defaultdict(int)
    for _district, row_type, month, n in store.query(
        *queries.monthly(list(codes), months.start, months.end)
    ):
        loaded.add(month)
        if row_type in members:
            counts[month] += n
    return [(m, counts[m] if m in loaded else None) for m in months.months]


def compute(
    county_codes: Sequence[str],
    county_name: str,
    window: Period | None = None,
    compare: Period | None = None,
    *,
    merge: Mapping[str, Sequence[str]] | None = None,
    merge_names: Mapping[str, str] | None = None,
    focus: str | None = None,
    hotspots: int = 10,
    hotspot_type: str = ALL_CRIME,
    store: Store | None = None,
) -> Result:
    """The assessment of every district of a county, ranked in the county.

    ``merge`` maps a unit code to districts counted together (a partnership of two
    districts); ``focus`` is the unit whose hotspots, outcomes and data quality are
    wanted (None: hotspots for every unit, no outcomes).
    """
    store = store or get_store()
    with store.reading():  # one open of the store for every query
        return _compute(
            store,
            list(dict.fromkeys(county_codes)),
            county_name,
            window,
            compare,
            merge=merge,
            merge_names=merge_names,
            focus=focus,
            hotspots=hotspots,
            hotspot_type=hotspot_type,
        )


def _compute(
    store: Store,
    county_codes: list[str],
    county_name: str,
    window: Period | None,
    compare: Period | None,
    *,
    merge,
    merge_names,
    focus,
    hotspots: int,
    hotspot_type: str,
) -> Result:
    window = window or default_window(county_codes, store)
    compare = compare or window.year_earlier()
    unit_of = {code: code for code in county_codes}
    for unit, members in (merge or {}).items():
        unit_of.update({code: unit for code in members})
    first, last = min(window.start, compare.start), max(window.end, compare.end)
    focus_codes = [c for c, u in unit_of.items() if u == focus] if focus else None
    statements = [
        queries.monthly(county_codes, first, last),
        queries.lsoa_hotspots(focus_codes or county_codes, window, hotspots, hotspot_type),
        queries.street_hotspots(focus_codes or county_codes, window, hotspots, hotspot_type),
    ]
    if focus_codes:
        statements += [
            queries.outcomes(focus_codes, window),
            queries.force_months(county_codes, first, last),
        ]
    rows = store.queries(statements)
    series: dict[tuple[str, str, date], int] = defaultdict(int)
    for district, crime_type, month, n in rows[0]:
        series[(unit_of[district], crime_type, month)] += n
    units = _unit_names(county_codes, unit_of, merge_names or {})
    figures = build_figures(
        _period_counts(series, window, compare), units, _unit_populations(unit_of, window)
    )
    result = Result(county_name, window, compare, units, figures, dict(series))
    result.hotspot_type = hotspot_type
    _hotspots(result, rows[1], rows[2], unit_of, focus if focus_codes else None, hotspots)
    if focus_codes:
        total = sum(n for _, n in rows[3])
        result.outcomes = [(name, n, n / total * 100) for name, n in rows[3]]
        _quality(result, rows[4], window, compare)
    return result


def add_quality(
    result: Result, county_codes: Sequence[str], store: Store | None = None
) -> list[str]:
    """Fill ``result.forces`` and ``result.notes`` (data quality over the county's forces)
    for a result computed without a focus (``compute`` does this itself with one), and
    return the notes: months missing or abnormally low, rows without a location or in
    LSOAs outside the county, bad rows skipped at load.  Reads the small ``counts``
    table only."""
    store = store or get_store()
    first = min(result.window.start, result.compare.start)
    last = max(result.window.end, result.compare.end)
    rows = store.query(*queries.force_months(list(dict.fromkeys(county_codes)), first, last))
    result.forces = []
    _quality(result, rows, result.window, result.compare)
    return result.notes


def _unit_names(codes, unit_of, merge_names) -> dict[str, str]:
    names = district_names(codes)
    units: dict[str, str] = {}
    for code in codes:
        unit = unit_of[code]
        if unit not in units:
            members = [names[c] for c in codes if unit_of[c] == unit]
            units[unit] = merge_names.get(unit) or " and ".join(members)
    return dict(sorted(units.items(), key=lambda item: item[1]))


def _unit_populations(unit_of: Mapping[str, str], window: Period) -> dict[str, int | None]:
    by_district = populations_for(list(unit_of), window.end.year)
    totals: dict[str, int | None] = {}
    for code, unit in unit_of.items():
        value = by_district.get(code)
        if unit in totals and (totals[unit] is None or value is None):
            totals[unit] = None  # one member without a population: no rate for the unit
        else:
            totals[unit] = (totals.get(unit) or 0) + value if value is not None else None
    return totals


def _period_counts(
    series, window: Period, compare: Period
) -> dict[tuple[str, str], tuple[int, int]]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (unit, crime_type, month), n in series.items():
        if window.start <= month <= window.end:
            counts[(unit, crime_type)][0] += n
        if compare.start <= month <= compare.end:
            counts[(unit, crime_type)][1] += n
    return {key: (a, b) for key, (a, b) in counts.items()}


def _hotspots(result: Result, lsoas, streets, unit_of, focus: str | None, limit: int) -> None:
    """Hotspots per unit; a merged unit's are ranked across its districts."""
    totals = {
        f.district_code: f.count for f in result.figures if f.crime_type == result.hotspot_type
    }
    lsoa_rows: dict[str, list[Hotspot]] = defaultdict(list)
    for district, code, name, n in lsoas:
        unit = focus or unit_of[district]
        share = n / totals[unit] * 100 if totals.get(unit) else None
        lsoa_rows[unit].append(Hotspot(name or code or "", code, name, None, None, n, share))
    street_rows: dict[str, list[Hotspot]] = defaultdict(list)
    for district, location, name, lon, lat, n in streets:
        unit = focus or unit_of[district]
        share = n / totals[unit] * 100 if totals.get(unit) else None
        street_rows[unit].append(Hotspot(location or "", None, name, lon, lat, n, share))
    for target, source in (
        (result.lsoa_hotspots, lsoa_rows),
        (result.street_hotspots, street_rows),
    ):
        for unit, items in source.items():
            target[unit] = sorted(items, key=lambda h: (-h.count, h.place))[:limit]


def _quality(result: Result, rows, window: Period, compare: Period) -> None:
    by_force: dict[str, dict[date, tuple[int, int, int, int]]] = defaultdict(dict)
    for force, month, total, no_location, unknown, in_county in rows:
        by_force[force][month] = (total, no_location, unknown, in_county)
    county_rows = sum(v[3] for months in by_force.values() for v in months.values()) or 1
    for force, months in sorted(by_force.items()):
        in_window = {m: v for m, v in months.items() if window.start <= m <= window.end}
        mine = sum(v[3] for v in months.values())
        q = ForceQuality(
            force=force_name(force),
            county_rows=mine,
            share=mine / county_rows,
            missing=missing_months(set(months), window, compare),
            low=low_months({m: v[0] for m, v in months.items()}),
            no_location=sum(v[1] for v in in_window.values()),
            unknown_lsoa=sum(v[2] for v in in_window.values()),
            outside=sum(v[0] - v[1] - v[2] - v[3] for v in in_window.values()),
            rows=sum(v[0] for v in in_window.values()),
        )
        result.forces.append(q)
    result.forces.sort(key=lambda q: -q.county_rows)
    result.notes = quality_notes(result, rows_by_force=by_force)


def _month_list(months: list[date]) -> str:
    """2024-05 to 2024-12, 2025-03: runs of consecutive months collapsed."""
    runs: list[list[date]] = []
    for m in months:
        if runs and add_months(runs[-1][-1], 1) == m:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = [f"{r[0]:%b %Y}" if len(r) == 1 else f"{r[0]:%b %Y} to {r[-1]:%b %Y}" for r in runs]
    return ", ".join(parts)


def quality_notes(result: Result, rows_by_force) -> list[str]:
    notes = []
    for q in result.forces:
        if q.share < MAJOR_FORCE_SHARE:
            notes.append(
                f"{q.force} recorded {q.county_rows:,} rows in {result.county} "
                f"({q.share:.1%} of the county's rows)."
            )
            continue
        if q.missing:
            in_compare = [m for m in q.missing if result.compare.start <= m <= result.compare.end]
            notes.append(
                f"{q.force}: no data loaded for {_month_list(q.missing)}"
                + (
                    f"; the comparison period has {result.compare.length - len(in_compare)} of "
                    f"its {result.compare.length} months, so changes are not like for like."
                    if in_compare
                    else "."
                )
            )
        if q.low:
            notes.append(
                f"{q.force}: {_month_list(q.low)} look incomplete (far fewer rows per day than "
                "the force's other months); police.uk may have published partial data."
            )
        if q.rows:
            notes.append(
                f"{q.force}: {q.no_location:,} rows ({q.no_location / q.rows:.1%}) in "
                f"{result.window.label()} had no location and are in no district; "
                f"{q.outside:,} were in LSOAs outside {result.county}"
                + (
                    f"; {q.unknown_lsoa:,} in LSOAs the lookups do not know."
                    if q.unknown_lsoa
                    else "."
                )
            )
    notes += _bad_row_notes(result, rows_by_force)
    return notes


def _bad_row_notes(result: Result, rows_by_force) -> list[str]:
    first = min(result.window.start, result.compare.start)
    last = max(result.window.end, result.compare.end)
    bad = ForceMonth.objects.filter(
        force__in=list(rows_by_force), month__range=(first, last), bad_rows__gt=0
    )
    return [
        f"{force_name(fm.force)} {fm.month:%b %Y}: {fm.bad_rows:,} bad rows were skipped when "
        f"loading {fm.source}" + (f" (e.g. {fm.bad_examples[0]})." if fm.bad_examples else ".")
        for fm in bad
    ]
