"""saferplan load-population FILE --code-column C --population-column P --year Y"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.assessment.geography import GeographyError, load_population


class Command(BaseCommand):
    help = "Load the population of each district for one year from a CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--code-column", required=True, help="Column of district codes")
        parser.add_argument("--population-column", required=True, help="Column of populations")
        parser.add_argument("--year", required=True, type=int, help="Year of the figures")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        try:
            summary = load_population(
                path, options["code_column"], options["population_column"], options["year"]
            )
        except GeographyError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(summary)
