"""The returns list keeps its count between pages, and never shows a stale one."""

from __future__ import annotations

from django.core.cache import cache

from saferplan.accounts.permissions import visible_plans
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


def test_short_lists_count_beside_their_rows_in_one_query(
    world, manager, published, api, django_assert_num_queries
):
    client = api(manager)
    client.get("/api/plans/")  # the token's first use is written down once
    # the token, the roles, the data's version, the page with its count (and for actions,
    # the agencies of the page's actions); each asked with an empty cache
    for url, queries in (
        ("/api/plans/", 4),
        (f"/api/returns/?plan={published.pk}", 4),
        (f"/api/actions/?plan={published.pk}", 5),
    ):
        cache.clear()
        with django_assert_num_queries(queries):
            assert client.get(url).json()["count"] == 2
    cache.clear()
    with django_assert_num_queries(2):  # the public: no token, no roles
        assert api(None).get("/api/plans/").json()["count"] == 1


def test_a_page_asked_again_comes_from_the_cache_and_follows_every_change(
    world, manager, published, api, django_assert_num_queries
):
    client = api(manager)
    url = f"/api/actions/?plan={published.pk}"
    before = client.get(url).json()
    with django_assert_num_queries(3):  # the token, the roles, the data's version
        assert client.get(url).json() == before
    action = published.priorities.get().actions.first()
    action.text = "Street marshals on Friday nights"
    action.save()
    assert "Street marshals on Friday nights" in {
        a["text"] for a in client.get(url).json()["results"]
    }
    client.get("/api/plans/")
    partnership = published.partnership
    partnership.name = "Ashcombe and Dene Community Safety Partnership"
    partnership.save()
    names = {p["partnership_name"] for p in client.get("/api/plans/").json()["results"]}
    assert "Ashcombe and Dene Community Safety Partnership" in names


def test_a_cached_page_is_never_served_to_someone_who_sees_other_rows(world, manager, api, ids):
    mine = ids(api(manager).get("/api/plans/"))
    public = ids(api(None).get("/api/plans/"))
    assert public < mine  # the manager's draft plan is not for the public
    assert ids(api(manager).get("/api/plans/")) == mine


def test_a_short_lists_pages_and_count_agree_with_counting_first(world, manager, api, ids):
    client = api(manager)
    first = client.get("/api/plans/?page_size=1").json()
    second = client.get("/api/plans/?page_size=1&page=2").json()
    assert first["count"] == second["count"] == visible_plans(manager).count() == 2
    assert first["previous"] is None and first["next"].endswith("page=2&page_size=1")
    assert second["next"] is None and second["previous"] is not None
    assert client.get("/api/plans/?page_size=1&page=last").json() == second
    for page in ("3", "0", "-1", "abc", "1.5", "186917830844632236032"):
        assert client.get(f"/api/plans/?page_size=1&page={page}").status_code == 404, page
    assert ids(client.get("/api/plans/?status=archived")) == set()
    assert client.get("/api/plans/?status=archived").json()["count"] == 0


def test_a_short_lists_count_follows_every_change(world, manager, published, api):
    client = api(manager)
    url = f"/api/returns/?plan={published.pk}"
    assert client.get(url).json()["count"] == 2
    action = published.priorities.get().actions.first()
    ProgressUpdate.objects.create(action=action, period="2024/25 Q3", status="on_track")
    assert client.get(url).json()["count"] == 3
    assert client.get(f"/api/actions/?plan={published.pk}&page=2").status_code == 404


def test_a_cached_page_of_returns_follows_every_change_and_each_persons_view(
    world, manager, scrutiny, police_action, api, django_assert_max_num_queries
):
    client = api(manager)
    texts = lambda response: [row["text"] for row in response.json()["results"]]  # noqa: E731
    before = texts(client.get("/api/returns/"))
    with django_assert_max_num_queries(3):  # the token, the roles, the plans' version
        assert texts(client.get("/api/returns/")) == before  # from the cache
    update = ProgressUpdate.objects.create(
        action=police_action, period="2024/25 Q2", text="Patrols doubled", status="on_track"
    )
    assert "Patrols doubled" in texts(client.get("/api/returns/"))
    update.text = "Patrols tripled"
    update.save()
    assert "Patrols tripled" in texts(client.get("/api/returns/"))
    drafts = set(ProgressUpdate.objects.filter(state="draft").values_list("text", flat=True))
    assert drafts and drafts <= set(texts(client.get("/api/returns/")))
    assert not drafts & set(texts(api(scrutiny).get("/api/returns/")))
