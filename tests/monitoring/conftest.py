import pytest

from saferplan.importing.document import ParsedAction, ParsedPlan, ParsedPriority, ParsedUpdate
from saferplan.importing.services import import_plan


@pytest.fixture
def plan(db):
    """A 2024/25 plan: two priorities, four actions, some Q1 returns already in."""
    parsed = ParsedPlan(
        partnership="Ashcombe CSP",
        title="Ashcombe Action Plan 2024/25",
        year="2024/25",
        priorities=[
            ParsedPriority(
                ref="1",
                title="Domestic abuse",
                actions=[
                    ParsedAction(
                        ref="1.1",
                        text="Support victims",
                        leads=["Ashcombe Police"],
                        updates=[ParsedUpdate("2024/25 Q1", "12 supported", "on_track")],
                    ),
                    ParsedAction(
                        ref="1.2",
                        text="Train staff",
                        leads=["Ashcombe Police", "ABC"],
                        updates=[ParsedUpdate("2024/25 Q1", "Data to be provided", "no_data")],
                    ),
                ],
            ),
            ParsedPriority(
                ref="2",
                title="Anti-social behaviour",
                actions=[
                    ParsedAction(ref="2.1", text="Patrol hotspots", leads=["ABC"]),
                    ParsedAction(
                        ref="2.2",
                        text="Mediation",
                        leads=["Ashcombe Mediation"],
                        updates=[ParsedUpdate("2024/25 Q1", "Behind schedule", "off_track")],
                    ),
                ],
            ),
        ],
    )
    return import_plan(parsed, source_name="fixture").plan


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    from saferplan.accounts.models import PartnershipRole, Profile

    def make(username, *, role=None, partnership=None, agency=None, email=None):
        user = get_user_model().objects.create_user(
            username, email=email or f"{username}@example.org", password="correct horse battery"
        )
        Profile.objects.create(user=user, agency=agency)
        if role:
            PartnershipRole.objects.create(user=user, partnership=partnership, role=role)
        return user

    return make
