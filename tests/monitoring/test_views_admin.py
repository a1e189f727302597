"""The monitoring models in the administration: lists and pages open, records stay read-only."""

from __future__ import annotations

import pytest

from saferplan.monitoring.links import create_link
from saferplan.monitoring.periods import change_status, ensure_periods

pytestmark = pytest.mark.django_db


def test_every_monitoring_model_has_an_admin_list_and_page(
    returns_plan, police, django_user_model, verified_client
):
    admin = django_user_model.objects.create_superuser("stella", "stella@example.org", "x" * 16)
    period = change_status(ensure_periods(returns_plan)[0], "open", user=admin)
    change_status(period, "lock", user=admin)
    link, _token = create_link(period, police, "bob@example.org", user=admin)
    client = verified_client(admin)
    for model in (
        "reportingperiod",
        "periodsnapshot",
        "evidencefile",
        "remindersent",
        "securelink",
    ):
        assert client.get(f"/admin/monitoring/{model}/").status_code == 200, model
    assert client.get(f"/admin/monitoring/reportingperiod/{period.pk}/change/").status_code == 200
    page = client.get(f"/admin/monitoring/securelink/{link.pk}/change/").content.decode()
    assert "bob@example.org" in page and link.token_hash not in page
    assert client.get("/admin/monitoring/securelink/add/").status_code == 403
