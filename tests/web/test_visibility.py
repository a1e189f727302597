"""Residents see published plans; drafts only reach the partnership's own staff."""

import pytest

from factories import sample_plan
from saferplan.plans.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(partnership):
    """A draft plan of the personas' partnership (Ashcombe CSP)."""
    plan = sample_plan(name="Ashcombe CSP")
    plan.status = "draft"
    plan.save()
    return plan


@pytest.mark.parametrize(
    ("persona", "sees_draft"),
    [
        ("anonymous", False),
        ("scrutiny", False),
        ("outsider", False),
        ("viewer", True),
        ("lead_officer", True),
        ("manager", True),
    ],
)
def test_a_draft_plan_is_seen_only_by_the_partnerships_staff(
    verified_client, personas, draft, persona, sees_draft
):
    client = verified_client(personas[persona])
    action = Action.objects.filter(priority__plan=draft).first()
    expected = 200 if sees_draft else 404
    assert client.get(draft.get_absolute_url()).status_code == expected
    assert client.get(action.get_absolute_url()).status_code == expected
    listed = draft.title in client.get(draft.partnership.get_absolute_url()).content.decode()
    assert listed is sees_draft
    found = client.get("/search/", {"q": action.text[:20]}).content.decode()
    assert (f'href="{action.get_absolute_url()}"' in found) is sees_draft


def test_a_published_plan_is_open_to_everyone(verified_client, personas, draft):
    draft.status = "published"
    draft.save()
    for persona in personas.values():
        assert verified_client(persona).get(draft.get_absolute_url()).status_code == 200
