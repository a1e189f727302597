"""saferplan refresh-indicators PARTNERSHIP : recount indicators computed from police.uk data."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from saferplan.indicators.computed import refresh_partnership
from saferplan.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Fill the values of a partnership's indicators computed from the strategic "
        "assessment, from the police.uk data loaded (run after load-crime)."
    )

    def add_arguments(self, parser):
        parser.add_argument("partnership", metavar="PARTNERSHIP", help="the partnership's slug")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"no partnership {options['partnership']!r}", returncode=2)
        reports = refresh_partnership(partnership)
        if not reports:
            self.stdout.write(f"{partnership.name} has no indicators computed from the assessment")
        for report in reports:
            self.stdout.write(("! " if report.error else "") + report.summary)
        if any(r.error for r in reports):
            raise CommandError("some indicators could not be computed", returncode=1)
