"""Finding a plan from what a person types on the command line."""

import pytest

from saferplan.plans.lookups import find_plan
from saferplan.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(partnership):
    return Plan.objects.create(partnership=partnership, year="2014/15", title="Action plan")


@pytest.mark.parametrize(
    "reference",
    ["{pk}", " {pk} ", "{slug}/2014-15", "{slug}/2014/15", "{slug}:2014/15", "{slug}:2014-15"],
)
def test_a_plan_is_found_by_id_or_by_partnership_and_year(plan, reference):
    typed = reference.format(pk=plan.pk, slug=plan.partnership.slug)
    assert find_plan(typed) == plan


@pytest.mark.parametrize("reference", ["999", "{slug}/2015-16", "{slug}", "nowhere/2014-15"])
def test_an_unknown_plan_says_what_to_type(plan, reference):
    with pytest.raises(Plan.DoesNotExist, match="give a plan id"):
        find_plan(reference.format(slug=plan.partnership.slug))
