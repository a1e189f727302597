"""factory_boy factories for partnerships and plans, and a realistic sample plan."""

from __future__ import annotations

import factory

from saferplan.partnerships.models import Agency, AgencyMembership, GlossaryEntry, Partnership
from saferplan.plans.models import (
    Action,
    ActionAgency,
    Plan,
    Priority,
    ProgressUpdate,
    TargetRow,
    UpdateStatus,
)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partnership {n} Community Safety Partnership")
    area = "Ashcombe borough"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    acronym = ""
    kind = Agency.Kind.OTHER


class AgencyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    partnership = factory.SubFactory(PartnershipFactory)
    agency = factory.SubFactory(AgencyFactory)


class GlossaryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryEntry

    partnership = factory.SubFactory(PartnershipFactory)
    term = factory.Sequence(lambda n: f"T{n}")
    meaning = "A term the plan uses"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    year = "2024/25"
    title = factory.LazyAttribute(lambda o: f"{o.partnership.name} Action Plan {o.year}")
    status = Plan.Status.PUBLISHED
    source_name = "action-plan.docx"


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Priority {n + 1}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    ref = factory.Sequence(lambda n: f"{n + 1}")
    text = factory.Sequence(lambda n: f"Action number {n + 1}")
    order = factory.Sequence(lambda n: n)


class ActionAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionAgency

    action = factory.SubFactory(ActionFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = ActionAgency.LEAD


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    period = "2024/25 Q1"
    text = "Work is under way."
    status = UpdateStatus.ON_TRACK


class TargetRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetRow

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Target {n}")
    order = factory.Sequence(lambda n: n)


AGENCIES = [
    ("Ashcombe District Council", "ADC", Agency.Kind.COUNCIL),
    ("Wessex Police", "WP", Agency.Kind.POLICE),
    ("Wessex Fire and Rescue Service", "WFRS", Agency.Kind.FIRE),
    ("Harbour Lights Domestic Abuse Service", "HLDAS", Agency.Kind.CHARITY),
    ("Pathways Recovery", "", Agency.Kind.HEALTH),
]

PRIORITIES = [
    ("Domestic abuse", "", False),
    ("Anti-social behaviour", "", False),
    ("Violence in a public place", "Violent crime", False),
    ("Night-time economy", "Violent crime", False),
    ("Road safety", "", True),
]

ACTIONS = [
    ("Provide the sanctuary scheme so victims can stay safely in their own homes", "33", "40"),
    ("Hold a monthly tasking meeting to agree action on hotspots and individuals", "N/A", "12"),
    ("Run detached youth work on Friday evenings in the town centre", "", "48 sessions"),
    ("Publicise support services during the 16 Days of Action campaign", "", ""),
]

UPDATES = [
    ("2024/25 Q1", UpdateStatus.ON_TRACK, "Eleven referrals received; all properties secured."),
    ("2024/25 Q2", UpdateStatus.AT_RISK, "Data to be provided"),
]


def sample_plan(name: str = "Ashcombe Community Safety Partnership") -> Plan:
    """A published plan with themes, a subsidiary priority, agencies, updates and targets."""
    partnership = PartnershipFactory(name=name, area="Ashcombe borough")
    agencies = [AgencyFactory(name=n, acronym=a, kind=k) for n, a, k in AGENCIES]
    for agency in agencies:
        AgencyMembership.objects.get_or_create(partnership=partnership, agency=agency)
    GlossaryEntryFactory(partnership=partnership, term="ASB", meaning="Anti-social behaviour")
    GlossaryEntryFactory(partnership=partnership, term="DA", meaning="Domestic abuse")
    plan = PlanFactory(partnership=partnership, year="2024/25")
    for p_index, (title, group, subsidiary) in enumerate(PRIORITIES, start=1):
        priority = PriorityFactory(
            plan=plan,
            ref=str(p_index),
            title=title,
            group=group,
            subsidiary=subsidiary,
            order=p_index,
            rationale=f"{title} rose by 12% against a county fall of 3.2%.",
        )
        priority.leads.set(agencies[(p_index - 1) % 2 : (p_index - 1) % 2 + 1])
        for a_index, (text, baseline, target) in enumerate(ACTIONS, start=1):
            action = ActionFactory(
                priority=priority,
                ref=f"{p_index}.{a_index}",
                text=text,
                baseline=baseline,
                target=target,
                measure="Number of sessions delivered" if a_index % 2 else "",
                order=a_index,
            )
            lead = agencies[(p_index + a_index) % len(agencies)]
            partner = agencies[(p_index + a_index + 1) % len(agencies)]
            ActionAgencyFactory(action=action, agency=lead, role=ActionAgency.LEAD)
            ActionAgencyFactory(action=action, agency=partner, role=ActionAgency.PARTNER)
            for period, status, update_text in UPDATES[: a_index % 3]:
                ProgressUpdateFactory(action=action, period=period, status=status, text=update_text)
    TargetRowFactory(
        plan=plan,
        section="Performance targets",
        title="Reduce all recorded crime",
        reference="NI 16",
        baseline="5,012",
        target="4,900",
        actual="4,861",
        printed_change="-3%",
    )
    return plan


# Quarterly indicators for the sample plan: opt in with ``add_sample_indicators(plan)``
# (the documents' tests chart them; other tests keep the plan without indicators).
SAMPLE_INDICATORS = [
    # name, reference, unit, priority, baseline, target, 2023/24 Q1-Q4 and 2024/25 Q1-Q2
    (
        "Anti-social behaviour incidents reported",
        "ASB-1",
        "count",
        "Anti-social behaviour",
        "1200",
        "1140",
        ["320", "310", "290", "280", "300", "270"],
    ),
    (
        "Repeat victims of domestic abuse",
        "DA-2",
        "percentage",
        "Domestic abuse",
        "23.1",
        "20",
        ["24.1", "23.5", "22.8", "22.0", "21.6", "21.0"],
    ),
]
SAMPLE_QUARTERS = [f"2023/24 Q{n}" for n in range(1, 5)] + ["2024/25 Q1", "2024/25 Q2"]


def add_sample_indicators(plan: Plan) -> list:
    """Two quarterly indicators linked to the plan's priorities, each with a 2024/25 target
    (baseline and figure) and six quarters of values."""
    from decimal import Decimal

    from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue

    owner = Agency.objects.filter(acronym="WP").first()
    made = []
    for name, reference, unit, priority, baseline, target, values in SAMPLE_INDICATORS:
        indicator = Indicator.objects.create(
            partnership=plan.partnership,
            name=name,
            reference=reference,
            unit=unit,
            frequency=Indicator.Frequency.QUARTERLY,
            owner=owner,
        )
        indicator.priorities.add(Priority.objects.get(plan=plan, title=priority))
        IndicatorTarget.objects.create(
            indicator=indicator,
            plan=plan,
            year=plan.year,
            baseline_period="2023/24",
            baseline_value=Decimal(baseline),
            target_value=Decimal(target),
        )
        for period, value in zip(SAMPLE_QUARTERS, values, strict=True):
            IndicatorValue.objects.create(indicator=indicator, period=period, value=Decimal(value))
        made.append(indicator)
    return made
