"""Defining indicators and setting targets in pages: managers only, outsiders get 404."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from saferplan.indicators import services
from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, Plan, Priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(partnership):
    plan = Plan.objects.create(partnership=partnership, year="2024/25", title="Ashcombe plan")
    priority = Priority.objects.create(plan=plan, title="Burglary")
    Action.objects.create(priority=priority, ref="1.1", text="Target-harden repeat victims")
    return plan


def form_urls(indicator):
    slug = indicator.partnership.slug
    target = indicator.targets.get()
    return {
        "new": reverse("indicators:new", args=[slug]),
        "edit": reverse("indicators:edit", args=[slug, indicator.pk]),
        "target_new": reverse("indicators:target_new", args=[slug, indicator.pk]),
        "target_edit": reverse("indicators:target_edit", args=[slug, indicator.pk, target.pk]),
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("lead_officer", 403),  # may record the police's values, not define indicators
        ("viewer", 403),
        ("scrutiny", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_managers_open_the_forms(indicator, personas, verified_client, persona, status):
    client = verified_client(personas[persona])
    got = {name: client.get(url).status_code for name, url in form_urls(indicator).items()}
    assert got == dict.fromkeys(got, status)
    posted = client.post(form_urls(indicator)["edit"], {"name": "Hijacked"})
    assert posted.status_code == (400 if persona == "manager" else status)
    indicator.refresh_from_db()
    assert indicator.name == "Violent crimes"


def valid_indicator(**changes) -> dict:
    data = {
        "name": "Domestic burglaries",
        "reference": "NI16",
        "unit": "count",
        "polarity": "lower",
        "frequency": "quarterly",
        "source": "entered",
        "change_decimals": "0",
    }
    return {**data, **changes}


def test_a_manager_defines_an_indicator_linked_to_priorities_and_actions(
    plan, police, manager, verified_client
):
    priority = plan.priorities.get()
    action = priority.actions.get()
    client = verified_client(manager)
    form = client.get(reverse("indicators:new", args=[plan.partnership.slug]))
    assertContains(form, "Target-harden repeat victims")  # the plan's actions are offered
    response = client.post(
        reverse("indicators:new", args=[plan.partnership.slug]),
        valid_indicator(owner=police.pk, priorities=[priority.pk], actions=[action.pk]),
    )
    indicator = Indicator.objects.get(name="Domestic burglaries")
    assert response.status_code == 302 and response["Location"] == indicator.get_absolute_url()
    assert (indicator.owner, indicator.frequency, indicator.reference) == (
        police,
        "quarterly",
        "NI16",
    )
    assert list(indicator.priorities.all()) == [priority]
    assert list(indicator.actions.all()) == [action]
    record = indicator.history.get()
    assert (record.history_user, record.history_change_reason) == (manager, "indicators.defined")
    page = client.get(indicator.get_absolute_url())
    assertContains(page, "Defined Domestic burglaries")
    assertContains(page, "Change the indicator")
    assertContains(page, "Set a target")


def test_editing_keeps_history_and_replaces_the_links(indicator, plan, manager, verified_client):
    indicator.priorities.add(plan.priorities.get())
    client = verified_client(manager)
    edit = reverse("indicators:edit", args=[indicator.partnership.slug, indicator.pk])
    assertContains(client.get(edit), 'value="Violent crimes"')
    response = client.post(edit, valid_indicator(name="Violence with injury", polarity="lower"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Violence with injury" and indicator.owner is None
    assert not indicator.priorities.exists()
    assert indicator.history.latest().history_change_reason == "indicators.changed"
    assert indicator.history.earliest().name == "Violent crimes"


def test_priorities_and_agencies_of_another_partnership_are_refused(
    plan, other_partnership, manager, verified_client
):
    theirs = Plan.objects.create(partnership=other_partnership, year="2024/25", title="Theirs")
    their_priority = Priority.objects.create(plan=theirs, title="Not yours")
    stranger = Agency.objects.create(name="Elsewhere Council")
    url = reverse("indicators:new", args=[plan.partnership.slug])
    response = verified_client(manager).post(
        url, valid_indicator(priorities=[their_priority.pk], owner=stranger.pk)
    )
    assertContains(response, "Select priorities of this partnership", status_code=400)
    assertContains(response, "Select an agency of the partnership", status_code=400)
    assert not Indicator.objects.exists()
    with pytest.raises(ValueError, match="not a member agency"):
        services.save_indicator(
            plan.partnership, valid_indicator(owner=stranger), user=manager, indicator=None
        )


def test_the_form_shows_every_error_in_the_summary(partnership, manager, verified_client):
    url = reverse("indicators:new", args=[partnership.slug])
    response = verified_client(manager).post(
        url, valid_indicator(name="", source="computed", unit="percentage")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html and "There is a problem" in html
    for anchor, message in [
        ("#id_name", "Enter the indicator&#x27;s name"),
        ("#id_unit", "An indicator computed from the assessment is a count"),
        ("#id_source", "The partnership has no districts"),
        ("#id_crime_type", "Select the crime type to count"),
    ]:
        assert f'href="{anchor}"' in html and message in html
        assert f'id="{anchor[1:]}"' in html  # the link has somewhere to go


def test_a_computed_indicator_names_its_type_and_districts(partnership, manager, verified_client):
    partnership.district_codes = ["E07000901", "E07000902"]
    partnership.save()
    url = reverse("indicators:new", args=[partnership.slug])
    response = verified_client(manager).post(
        url,
        valid_indicator(source="computed", crime_type="Burglary", district_codes=["E07000902"]),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.crime_type, indicator.district_codes) == ("Burglary", ["E07000902"])
    refused = verified_client(manager).post(
        url, valid_indicator(source="computed", crime_type="Burglary", district_codes=["E0"])
    )
    assert refused.status_code == 400  # not one of the partnership's districts


def test_the_service_refuses_people_who_do_not_manage(indicator, lead_officer, manager):
    with pytest.raises(PermissionDenied):
        services.save_indicator(
            indicator.partnership, {"name": "x"}, user=lead_officer, indicator=indicator
        )
    with pytest.raises(PermissionDenied):
        services.save_target(indicator, {"year": "2025/26"}, user=lead_officer)


def valid_target(**changes) -> dict:
    data = {
        "year": "2025/26",
        "baseline_period": "2024/25",
        "baseline_value": "273",
        "kind": "change",
        "change_percent": "-5",
        "green_tolerance": "0",
        "amber_tolerance": "5",
    }
    return {**data, **changes}


def test_reduce_by_five_percent_on_273_is_shown_as_259(indicator, plan, manager, verified_client):
    client = verified_client(manager)
    url = reverse("indicators:target_new", args=[indicator.partnership.slug, indicator.pk])
    response = client.post(url, valid_target(plan=plan.pk, title="Reduce by 5%"))
    assert response.status_code == 302
    target = indicator.targets.get(year="2025/26")
    assert (target.kind, target.change_percent, target.goal) == ("change", D(-5), D("259.35"))
    assert target.plan == plan and target.target_value is None
    assert target.history.get().history_user == manager
    IndicatorValue.objects.create(indicator=indicator, period="2025/26", value=D(254))
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">259</td>' in page
    assert "259.4" not in page


def test_a_target_can_change_from_a_percentage_to_maintain(indicator, manager, verified_client):
    target = indicator.targets.get()
    target.kind, target.change_percent, target.target_value = "change", D(-7), None
    target.save()
    url = reverse(
        "indicators:target_edit", args=[indicator.partnership.slug, indicator.pk, target.pk]
    )
    client = verified_client(manager)
    assertContains(client.get(url), 'value="-7"')  # as typed, not -7.00
    response = client.post(url, valid_target(year="2024/25", kind="maintain", change_percent="-7"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.kind, target.change_percent, target.goal) == ("maintain", None, D(273))
    assert target.history.count() == 3


@pytest.mark.parametrize(
    ("changes", "anchor", "message"),
    [
        ({"year": "2024/26"}, "id_year", "Enter the financial year"),
        ({"year": "2024/25"}, "id_year", "There is already a target for 2024/25"),
        ({"kind": "absolute"}, "id_target_value", "Enter the target"),
        ({"change_percent": ""}, "id_change_percent", "Enter the change from the baseline"),
        ({"kind": "amount"}, "id_change_amount", "Enter the change from the baseline"),
        ({"baseline_value": "", "baseline_period": ""}, "id_baseline_value", "Enter the base"),
        ({"baseline_period": "soon"}, "id_baseline_period", "Enter the baseline period"),
        ({"change_percent": "lots"}, "id_change_percent", "Enter the change as a number"),
        ({"amber_tolerance": "-1"}, "id_amber_tolerance", "Enter how far from target is at"),
        ({"green_tolerance": "6"}, "id_amber_tolerance", "at least the green threshold"),
    ],
)
def test_target_errors(indicator, manager, verified_client, changes, anchor, message):
    url = reverse("indicators:target_new", args=[indicator.partnership.slug, indicator.pk])
    response = verified_client(manager).post(url, valid_target(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert message in html
    assert indicator.targets.count() == 1


def test_a_target_of_another_indicator_is_not_found(
    indicator, council_indicator, manager, verified_client
):
    target = indicator.targets.get()
    url = reverse(
        "indicators:target_edit",
        args=[indicator.partnership.slug, council_indicator.pk, target.pk],
    )
    assert verified_client(manager).get(url).status_code == 404


def test_a_change_by_an_amount(indicator, manager):
    target = services.save_target(
        indicator,
        {"year": "2025/26", "baseline_value": D(1030), "kind": "amount", "change_amount": D(-30)},
        user=manager,
    )
    assert target.goal == D(1000)
    assert isinstance(target, IndicatorTarget)


def test_the_list_offers_the_form_to_managers_and_lists_unlinked_indicators(
    indicator, plan, manager, viewer, verified_client
):
    url = reverse("indicators:list", args=[indicator.partnership.slug])
    page = verified_client(manager).get(url)
    assertContains(page, "Define an indicator")
    assertContains(page, "Not linked to a priority or action")
    assertNotContains(verified_client(viewer).get(url), "Define an indicator")
    indicator.priorities.add(plan.priorities.get())
    assertNotContains(verified_client(manager).get(url), "Not linked to a priority")


def test_the_partnership_page_lists_indicators_for_members_only(
    indicator, council_indicator, viewer, verified_client
):
    url = indicator.partnership.get_absolute_url()
    page = verified_client(viewer).get(url)
    assertContains(page, "Performance indicators</h2>", html=False)
    assertContains(page, 'aria-label="Trend of Violent crimes: 2022/23: 1,193')
    assertContains(page, indicator.get_absolute_url())
    assertContains(page, "Fly-tipping incidents")
    public = verified_client(None).get(url)
    assert public.status_code == 200
    assertNotContains(public, "Violent crimes")


def test_the_partnership_page_costs_the_same_queries_for_more_indicators(
    indicator, viewer, verified_client
):
    client = verified_client(viewer)
    url = indicator.partnership.get_absolute_url()
    client.get(url)  # warm the session and any caches

    def count() -> int:
        client.get(url)  # the page's cached parts as they now stand
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for n in range(5):
        extra = Indicator.objects.create(partnership=indicator.partnership, name=f"Extra {n}")
        IndicatorValue.objects.create(indicator=extra, period="2024/25", value=D(n))
        IndicatorTarget.objects.create(indicator=extra, year="2024/25", target_value=D(1))
    assert count() == one
