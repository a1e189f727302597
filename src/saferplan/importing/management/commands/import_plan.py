"""saferplan import-plan FILE... : read plan documents and store them."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saferplan.importing.document import ParsedPlan, PlanImportError
from saferplan.importing.services import import_plan, read_document


class Command(BaseCommand):
    help = (
        "Import plan documents (text extract, .docx, .xlsx or SaferPlan JSON). All files are "
        "imported in one transaction: if any fails, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--partnership", help="Partnership name, if the document lacks it")
        parser.add_argument(
            "--year", help="Financial year such as 2014/15, if the document lacks it"
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and report; store nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            parsed = [(path, self._read(path)) for path in options["files"]]
            results = self._store(parsed, options) if not options["dry_run"] else None
        except PlanImportError as error:
            raise CommandError(str(error), returncode=2) from None
        if options["format"] == "json":
            objects = []
            for index, (_path, plan) in enumerate(parsed):
                obj = plan.to_json()
                if options["partnership"]:
                    obj["partnership"] = options["partnership"]
                if options["year"]:
                    obj["year"] = options["year"]
                if results:
                    obj["id"] = results[index].plan.pk
                objects.append(obj)
            payload = objects[0] if len(objects) == 1 else objects
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        for index, (path, plan) in enumerate(parsed):
            self.stdout.write(self._summary(path, plan, results[index] if results else None))

    def _read(self, path: str) -> ParsedPlan:
        file = Path(path)
        if not file.is_file():
            raise PlanImportError("no such file", source=path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise PlanImportError(f"cannot be read ({error.strerror})", source=path) from None
        return read_document(file.name, data)

    def _store(self, parsed, options):
        with transaction.atomic():
            return [
                import_plan(
                    plan,
                    source_name=Path(path).name,
                    source_bytes=Path(path).read_bytes(),
                    partnership=options["partnership"],
                    year=options["year"],
                )
                for path, plan in parsed
            ]

    def _summary(self, path, plan: ParsedPlan, result) -> str:
        updates = sum(len(a.updates) for p in plan.priorities for a in p.actions)
        lines = [
            f"{path}: {plan.partnership or '(no partnership named)'}, "
            f"{plan.year or '(no year found)'}: {plan.title or '(untitled)'}",
            f"  {len(plan.priorities)} priorities, {plan.action_count()} actions, "
            f"{updates} progress updates, {len(plan.targets)} target rows, "
            f"{len(plan.glossary)} glossary terms",
        ]
        for priority in plan.priorities:
            kind = " (subsidiary)" if priority.subsidiary else ""
            group = f"{priority.group} / " if priority.group else ""
            lines.append(f"    {group}{priority.title}{kind}: {len(priority.actions)} actions")
        lines += [f"  warning: {w}" for w in plan.warnings]
        if result is not None:
            verb = "created" if result.created else "updated"
            stored = result.plan
            lines.append(
                f"  {verb} plan {stored.pk} ({stored.partnership.name} {stored.year})"
                + (f", {result.archived} rows archived" if result.archived else "")
            )
        else:
            lines.append("  dry run: nothing stored")
        return "\n".join(lines)
