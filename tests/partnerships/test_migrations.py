"""A database with partnerships and their history takes the ``updated_at`` migration."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partnerships", "0001_initial")]
AFTER = [("partnerships", "0002_partnership_updated_at")]


@pytest.mark.django_db(transaction=True)
def test_existing_partnerships_and_their_history_get_a_version():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Partnership = old.get_model("partnerships", "Partnership")
    History = old.get_model("partnerships", "HistoricalPartnership")
    partnership = Partnership.objects.create(name="Ashcombe CSP", slug="ashcombe-csp")
    History.objects.create(
        id=partnership.pk,
        name=partnership.name,
        slug=partnership.slug,
        area="",
        district_codes=[],
        created_at=partnership.created_at,
        history_date=partnership.created_at,
        history_type="+",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    stamped = new.get_model("partnerships", "Partnership").objects.get()
    assert stamped.updated_at is not None
    assert new.get_model("partnerships", "HistoricalPartnership").objects.get().updated_at
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())  # as before
