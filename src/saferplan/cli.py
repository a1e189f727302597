"""The ``saferplan`` console script: Django's ``manage.py`` under the product's name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # Our commands are documented as `saferplan import-plan`; Django names them import_plan.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["saferplan", *args])


if __name__ == "__main__":
    main()
