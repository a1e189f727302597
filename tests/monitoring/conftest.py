import pytest

from saferplan.importing.document import ParsedAction, ParsedPlan, ParsedPriority, ParsedUpdate
from saferplan.importing.services import import_plan


@pytest.fixture
def plan(db):
    """A 2024/25 plan: two priorities, four actions, some Q1 returns already in.  Actions 1.1
    and 1.2 are measured by numbers (a count, a target figure); 2.1 and 2.2 are not."""
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
                        measure="Number of victims supported",
                        updates=[ParsedUpdate("2024/25 Q1", "12 supported", "on_track")],
                    ),
                    ParsedAction(
                        ref="1.2",
                        text="Train staff",
                        leads=["Ashcombe Police", "ABC"],
                        target="40 staff trained",
                        updates=[ParsedUpdate("2024/25 Q1", "Data to be provided", "no_data")],
                    ),
                ],
            ),
            ParsedPriority(
                ref="2",
                title="Anti-social behaviour",
                actions=[
                    ParsedAction(
                        ref="2.1",
                        text="Patrol hotspots",
                        leads=["ABC"],
                        measure="Hotspots agreed at the monthly tasking meeting",
                    ),
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
def returns_plan(partnership, council, police, plan):
    """The ``plan`` fixture imported into the personas' Ashcombe CSP, so that ``bob`` (lead
    officer at the police) leads actions 1.1 and 1.2 and ``alice`` manages it."""
    assert plan.partnership == partnership
    return plan


@pytest.fixture
def as_persona(verified_client, personas, returns_plan, other_officer):
    """``as_persona("lead_officer")``: a client signed in as that persona (managers verified
    with a second factor); "other_officer" (tests/personas.py) is the lead officer of
    Ashcombe Mediation, which leads action 2.2 only; "anonymous" is signed out."""

    def make(name):
        user = other_officer if name == "other_officer" else personas[name]
        return verified_client(user)

    return make


@pytest.fixture
def big_plan(partnership, council, police):
    """Ashcombe's plan with 36 actions over four priorities, each with a Q1 and a Q2 return."""
    priorities = [
        ParsedPriority(
            ref=str(p),
            title=f"Priority {p}",
            actions=[
                ParsedAction(
                    ref=f"{p}.{a}",
                    text=f"Action {a} of priority {p}",
                    leads=["Ashcombe Police"] if a % 2 else ["ABC", "Ashcombe Police"],
                    updates=[
                        ParsedUpdate("2024/25 Q1", "Done in Q1", "on_track"),
                        ParsedUpdate("2024/25 Q2", "Data to be provided", "no_data"),
                    ],
                )
                for a in range(1, 10)
            ],
        )
        for p in range(1, 5)
    ]
    parsed = ParsedPlan(
        partnership="Ashcombe CSP", title="Big plan", year="2024/25", priorities=priorities
    )
    return import_plan(parsed, source_name="big fixture").plan


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Evidence files uploaded through the pages land in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
