"""saferplan load-geography FILE... : ONS lookups (LSOA → district → CSP → force area)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.assessment.conf import get_store
from saferplan.assessment.geography import GeographyError, load_lookup
from saferplan.assessment.store import StoreBusy


class Command(BaseCommand):
    help = (
        "Load ONS lookup CSVs: LSOA (2011 or 2021) to district, and district to Community "
        "Safety Partnership and police force area. Columns are recognised by their names "
        "(LSOA21CD, LAD24CD, CSP24NM ...). Crimes already loaded are re-mapped."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, **options):
        store = get_store()
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{path}: no such file", returncode=2)
            try:
                self.stdout.write(load_lookup(path, store))
            except (GeographyError, StoreBusy) as error:
                raise CommandError(str(error), returncode=2) from None
