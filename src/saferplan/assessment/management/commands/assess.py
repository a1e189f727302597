"""saferplan assess --county CODES [--window A:B] [--compare A:B] [--format csv|json]

Data-quality notes (months missing or abnormally low, rows without a location or
outside the county, bad rows skipped at load) go to stderr as ``warning: ...`` lines,
so stdout stays one CSV table (or JSON document); the JSON also lists them under
``notes``, beside ``rows`` (still one row per district and crime type).
"""

from __future__ import annotations

import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError

from saferplan.assessment.models import County
from saferplan.assessment.rules import Period
from saferplan.assessment.services import NoData, add_quality, compute
from saferplan.assessment.store import StoreBusy

FIELDS = [
    "district_code",
    "district_name",
    "crime_type",
    "count",
    "previous_count",
    "change",
    "change_pct",
    "population",
    "rate_per_1000",
    "rank",
    "rank_words",
    "county_count",
    "county_previous_count",
    "county_change_pct",
    "county_rate_per_1000",
    "rate_difference",
]
HOTSPOT_FIELDS = [
    "district_code",
    "kind",
    "place",
    "lsoa_code",
    "longitude",
    "latitude",
    "count",
    "share_pct",
]


def _round(value, places=2):
    return None if value is None else round(value, places)


class Command(BaseCommand):
    help = (
        "Print the assessment of every district of a county and crime type: counts, change, "
        "rate per 1,000, rank in the county. --hotspots N adds each district's top N places."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--county", required=True, help="District codes (E07000105,...) or a county's name"
        )
        parser.add_argument("--county-name", help="How the county is named in the output")
        parser.add_argument("--window", help="Months, e.g. 2025-01:2025-12 (default: latest 12)")
        parser.add_argument("--compare", help="Months to compare with (default: a year earlier)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--hotspots", type=int, default=0, metavar="N")

    def handle(self, *args, **options):
        codes, name = self._county(options)
        try:
            window = Period.parse(options["window"]) if options["window"] else None
            compare = Period.parse(options["compare"]) if options["compare"] else None
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from None
        try:
            result = compute(codes, name, window, compare, hotspots=max(options["hotspots"], 1))
            notes = add_quality(result, codes)
        except (NoData, StoreBusy) as error:
            raise CommandError(str(error), returncode=2) from None
        for note in notes:  # stderr: stdout stays one machine-readable table
            self.stderr.write(f"warning: {note}")
        rows = [self._row(f) for f in result.figures]
        hotspots = self._hotspots(result) if options["hotspots"] else []
        if options["format"] == "json":
            payload = {
                "county": name,
                "window": str(result.window),
                "compare": str(result.compare),
                "rows": rows,
                "notes": notes,
            }
            if options["hotspots"]:
                payload["hotspots"] = hotspots
            self.stdout.write(json.dumps(payload, indent=2))
            return
        self._csv(rows, FIELDS)
        if hotspots:
            self.stdout.write("")
            self._csv(hotspots, HOTSPOT_FIELDS)

    def _csv(self, rows, fields):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.stdout.write(buffer.getvalue(), ending="")

    def _county(self, options) -> tuple[list[str], str]:
        value = options["county"].strip()
        county = (
            County.objects.filter(name__iexact=value).first()
            or County.objects.filter(slug=value).first()
        )
        if county:
            return county.district_codes, options["county_name"] or county.name
        codes = [c.strip().upper() for c in value.split(",") if c.strip()]
        if not codes or not all(len(c) == 9 and c[0] in "EW" for c in codes):
            raise CommandError(
                f"--county {value!r}: give district codes like E07000105,E07000106 "
                "or a county's name",
                returncode=2,
            )
        return codes, options["county_name"] or "the county"

    def _row(self, f) -> dict:
        return {
            "district_code": f.district_code,
            "district_name": f.district_name,
            "crime_type": f.crime_type,
            "count": f.count,
            "previous_count": f.previous,
            "change": f.change,
            "change_pct": _round(f.change_pct, 1),
            "population": f.population,
            "rate_per_1000": _round(f.rate),
            "rank": f.rank,
            "rank_words": f.rank_words,
            "county_count": f.county_count,
            "county_previous_count": f.county_previous,
            "county_change_pct": _round(f.county_change_pct, 1),
            "county_rate_per_1000": _round(f.county_rate),
            "rate_difference": _round(f.rate_difference),
        }

    def _hotspots(self, result) -> list[dict]:
        out = []
        for kind, table in (("lsoa", result.lsoa_hotspots), ("street", result.street_hotspots)):
            for unit, items in table.items():
                for h in items:
                    out.append(
                        {
                            "district_code": unit,
                            "kind": kind,
                            "place": h.place,
                            "lsoa_code": h.lsoa_code,
                            "longitude": h.longitude,
                            "latitude": h.latitude,
                            "count": h.count,
                            "share_pct": _round(h.share, 1),
                        }
                    )
        return out
