"""What is stored, to compare before and after a refused import, and a per-example rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from saferplan.backup.archive import backed_up_models


def database_state() -> dict[str, list[tuple]]:
    """Every row of every table (as the backup sees them), by primary key."""
    state = {}
    for model in backed_up_models():
        columns = [f.attname for f in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*columns)
        state[model._meta.label_lower] = list(rows)
    return state


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example in a savepoint that is rolled back: each example starts from the
    same database, so examples are independent and a run is reproducible."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
