"""The returns list keeps its count between pages, and never shows a stale one."""

from __future__ import annotations

from saferplan.plans.models import ProgressUpdate


def test_the_cached_count_follows_every_change(world, manager, police_action, api):
    client = api(manager)
    first = client.get("/api/returns/").json()["count"]
    assert first == ProgressUpdate.objects.count()
    ProgressUpdate.objects.create(action=police_action, period="2024/25 Q2", status="on_track")
    assert client.get("/api/returns/").json()["count"] == first + 1  # the plan moved on
    ProgressUpdate.objects.filter(period="2024/25 Q2").get().delete()
    assert client.get("/api/returns/").json()["count"] == first


def test_the_count_is_each_persons_own(world, manager, scrutiny, api):
    assert api(manager).get("/api/returns/").json()["count"] == 2  # the draft too
    assert api(scrutiny).get("/api/returns/").json()["count"] == 1  # submitted only
    assert api(manager).get("/api/returns/?state=draft").json()["count"] == 1


def test_paging_past_the_end_is_still_404(world, manager, api):
    client = api(manager)
    assert client.get("/api/returns/?page_size=1&page=2").status_code == 200
    assert client.get("/api/returns/?page_size=1&page=3").status_code == 404
