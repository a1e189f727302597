"""Thornbury Vale Community Safety Partnership's 2025/26 plan (fictional demo content).

Thornbury Vale, its council and the Wessex agencies are invented for SaferPlan's
demo.  This plan uses every part of the import contract (themes, a subsidiary
priority, partners, aims, quarterly returns with statuses, targets, glossary,
agencies), so it also serves as the richest round-trip fixture in the tests.
``build_documents`` writes it as an Excel workbook in SaferPlan's layout.
"""

from __future__ import annotations

from saferplan.importing.document import (
    ParsedAction,
    ParsedAgency,
    ParsedGlossaryEntry,
    ParsedPlan,
    ParsedPriority,
    ParsedTarget,
    ParsedUpdate,
)

YEAR = "2025/26"
Q1 = f"{YEAR} Q1"

_AGENCIES = [
    ("Thornbury Vale Borough Council", "TVBC"),
    ("Wessex Police", None),
    ("Wessex Fire & Rescue Service", "WFRS"),
    ("Wessex County Council", "WCC"),
    ("Open Door Domestic Abuse Service", "ODDAS"),
    ("Vale Homes Association", "VHA"),
    ("Thornbury Vale Mediation", "TVM"),
    ("Turning Tide", None),
    ("Safer Roads Wessex", "SRW"),
    ("Wessex Probation Service", None),
    ("NHS Vale Integrated Care Board", "ICB"),
]

_GLOSSARY = [
    ("ABC", "Acceptable Behaviour Contract"),
    ("ASB", "Anti-social behaviour"),
    ("IDVA", "Independent Domestic Violence Adviser"),
    ("KSI", "Killed or seriously injured"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("NTE", "Night-time economy"),
    ("PSPO", "Public Spaces Protection Order"),
    ("RAG", "Red, amber, green status"),
]

_TARGETS = [
    # (title, reference, baseline, target, actual, printed change)
    ("Reduce anti-social behaviour incidents by 5%", "TV01", "3,412", "3,241", None, None),
    ("Increase domestic abuse victims supported by outreach", "TV02", "181", "190", None, None),
    ("Reduce violence with injury in the town centre NTE by 10%", "TV03", "214", "193", None, None),
    ("Reduce people killed or seriously injured on the roads", "TV04", "58", "52", None, None),
    ("Increase referrals into drug and alcohol treatment", "TV05", "247", "260", None, None),
]


def _update(text: str | None, status: str | None) -> list[ParsedUpdate]:
    return [ParsedUpdate(period=Q1, text=text, status=status)]


def _asb() -> ParsedPriority:
    return ParsedPriority(
        ref="1",
        title="Anti-social behaviour",
        leads=["Thornbury Vale Borough Council"],
        rationale="ASB fell by 4% in 2024/25 but remains the issue residents raise most often, "
        "concentrated in Millbrook, Eastfield and the town centre.",
        intended_outcomes="Fewer repeat locations; residents feel listened to.",
        key_partners="Wessex Police, VHA, TVM, Wessex Fire & Rescue Service",
        actions=[
            ParsedAction(
                ref="1.1",
                text="Hold a monthly ASB Case Review Group for persistent individuals and families",
                leads=["TVBC"],
                partners=["Wessex Police", "VHA"],
                aim="Intervene early with repeat perpetrators",
                baseline="12 meetings",
                target="12 meetings",
                measure="Meetings held; ABCs and warnings issued",
                evidence="Case Review Group minutes",
                updates=_update("Three meetings held; 17 cases discussed.", "on_track"),
            ),
            ParsedAction(
                ref="1.2",
                text="Receive at least 45 referrals to mediation for neighbour disputes",
                leads=["TVM"],
                baseline="49",
                target="45",
                measure="Referrals received and cases resolved",
                updates=_update("Data to be provided", "no_data"),
            ),
            ParsedAction(
                ref="1.3",
                text="Run a summer diversionary programme in Millbrook and Eastfield",
                leads=["TVBC", "Wessex Fire & Rescue Service"],
                target="Programme delivered by September",
                measure="Attendances; ASB reports in the two wards in August",
                updates=_update("Venues booked and coaches recruited.", "on_track"),
            ),
            ParsedAction(
                ref="1.4",
                text="Deploy the mobile CCTV camera to hotspots agreed at the Tasking Group",
                leads=["TVBC"],
                partners=["Wessex Police"],
                measure="Deployments and evidential footage provided",
                updates=_update("Camera out of service for four weeks for repair.", "at_risk"),
            ),
            ParsedAction(
                ref="1.5",
                text="Train council and housing staff on the ASB Case Review (Community Trigger)",
                leads=["TVBC", "VHA"],
                target="2 sessions",
                measure="Staff trained",
                updates=_update(None, "not_started"),
            ),
            ParsedAction(
                ref="1.6",
                text="Clear graffiti and fly-tipping at hotspots through Community Payback",
                leads=["Wessex Probation Service"],
                measure="Projects completed",
                updates=_update(
                    "Five projects completed, including the Mill Lane underpass.", "completed"
                ),
            ),
        ],
    )


def _violence() -> list[ParsedPriority]:
    group = "Violence and vulnerability"
    return [
        ParsedPriority(
            ref="2a",
            title="Domestic abuse",
            group=group,
            leads=["Open Door Domestic Abuse Service"],
            actions=[
                ParsedAction(
                    ref="2.1",
                    text="Offer every high-risk victim discussed at MARAC an IDVA",
                    leads=["ODDAS"],
                    baseline="100%",
                    target="100%",
                    measure="Victims offered an IDVA; engagement rate",
                    updates=_update("44 referrals; all offered an IDVA, 39 engaged.", "on_track"),
                ),
                ParsedAction(
                    ref="2.2",
                    text="Support at least 190 standard and medium risk victims through outreach",
                    leads=["ODDAS"],
                    baseline="181",
                    target="190",
                    measure="Victims supported",
                    updates=_update("43 victims supported, 6 of them male.", "on_track"),
                ),
                ParsedAction(
                    ref="2.3",
                    text="Start the perpetrator behaviour change programme",
                    leads=["Wessex Probation Service", "ODDAS"],
                    target="First cohort by July 2025",
                    measure="Referrals and completions",
                    updates=_update("Facilitator vacancy delays the first cohort.", "off_track"),
                ),
                ParsedAction(
                    ref="2.4",
                    text="Make victims' homes secure through the Sanctuary scheme",
                    leads=["TVBC"],
                    baseline="27",
                    target="25",
                    measure="Properties made secure",
                    updates=_update("7 properties made secure.", "on_track"),
                ),
                ParsedAction(
                    ref="2.5",
                    text="Train GP surgeries and pharmacies to recognise and refer domestic abuse",
                    leads=["ICB"],
                    target="6 sessions",
                    measure="Sessions delivered",
                    updates=_update("Awaiting data", "no_data"),
                ),
            ],
        ),
        ParsedPriority(
            ref="2b",
            title="Serious violence",
            group=group,
            leads=["Wessex Police"],
            actions=[
                ParsedAction(
                    ref="2.6",
                    text="Run knife crime awareness sessions in all secondary schools",
                    leads=["Wessex Police"],
                    target="5 schools",
                    measure="Schools and pupils reached",
                    updates=_update("Two schools visited; 640 pupils.", "on_track"),
                ),
                ParsedAction(
                    ref="2.7",
                    text="Sign town centre licensed premises up to the Safer Nights charter",
                    leads=["TVBC Licensing", "Wessex Police"],
                    baseline="11 premises",
                    target="18 premises",
                    measure="Premises signed up; violence with injury in the NTE",
                    updates=_update("13 premises signed up.", "at_risk"),
                ),
                ParsedAction(
                    ref="2.8",
                    text="Mentor young people at risk of criminal exploitation",
                    leads=["Wessex County Council"],
                    partners=["Turning Tide"],
                    measure="Young people mentored; missing episodes",
                    updates=_update("9 young people matched with mentors.", "on_track"),
                ),
                ParsedAction(
                    ref="2.9",
                    text="Install knife surrender bins at the two locations in the assessment",
                    leads=["TVBC", "Wessex Police"],
                    target="2 bins",
                    measure="Bins installed; knives surrendered",
                    updates=_update("Sites agreed; installation booked for August.", "on_track"),
                ),
                ParsedAction(
                    ref="2.10",
                    text="Support Street Pastors patrols on Friday and Saturday nights",
                    leads=["TVBC"],
                    partners=["Wessex Police", "Thornbury Vale Street Pastors"],
                    measure="Patrols completed; people helped",
                    updates=_update("24 patrols; 81 people helped, 9 to safety.", "on_track"),
                ),
            ],
        ),
    ]


def _substance_and_roads() -> list[ParsedPriority]:
    return [
        ParsedPriority(
            ref="3",
            title="Substance misuse",
            leads=["Turning Tide"],
            actions=[
                ParsedAction(
                    ref="3.1",
                    text="Deliver outreach in at least 8 locations across the borough",
                    leads=["Turning Tide"],
                    baseline="7",
                    target="8",
                    measure="Locations covered; people engaged",
                    updates=_update("Outreach delivered in 6 locations.", "on_track"),
                ),
                ParsedAction(
                    ref="3.2",
                    text="Carry out test purchases for alcohol and vapes sold to under-18s",
                    leads=["WCC Trading Standards"],
                    target="4 operations",
                    measure="Operations and sales refused",
                    updates=_update("Data to be provided", "no_data"),
                ),
                ParsedAction(
                    ref="3.3",
                    text="Close premises used for drug dealing with Closure Orders",
                    leads=["Wessex Police", "VHA"],
                    measure="Closure Orders obtained",
                    updates=_update("One Closure Order obtained in Eastfield.", "on_track"),
                ),
                ParsedAction(
                    ref="3.4",
                    text="Distribute naloxone kits to hostels and outreach workers",
                    leads=["Turning Tide"],
                    baseline="47",
                    target="60",
                    measure="Kits distributed",
                    updates=_update("15 kits issued.", "on_track"),
                ),
                ParsedAction(
                    ref="3.5",
                    text="Report referrals into drug and alcohol treatment every quarter",
                    leads=["Turning Tide"],
                    measure="Quarterly report to the Partnership",
                    updates=_update("66 referrals, 25 of them self-referrals.", "completed"),
                ),
            ],
        ),
        ParsedPriority(
            ref="4",
            title="Road safety",
            subsidiary=True,
            leads=["Safer Roads Wessex"],
            rationale="Monitored rather than actively led by the Partnership this year: "
            "Safer Roads Wessex reports to the board twice a year.",
        ),
    ]


def plan_2025_26() -> ParsedPlan:
    """The plan as the importer would read it from the demo workbook."""
    return ParsedPlan(
        partnership="Thornbury Vale Community Safety Partnership",
        title="Thornbury Vale Community Safety Partnership Action Plan 2025/26",
        year=YEAR,
        introduction="Our plan for 2025/26 builds on last year's work. Anti-social behaviour "
        "and violence remain our main concerns; road safety is monitored as a subsidiary "
        "priority. Lead agencies report every quarter.",
        priorities=[_asb(), *_violence(), *_substance_and_roads()],
        targets=[
            ParsedTarget(title, reference, baseline, target, actual, change, "Targets 2025/26")
            for title, reference, baseline, target, actual, change in _TARGETS
        ],
        agencies=[ParsedAgency(name, acronym) for name, acronym in _AGENCIES],
        glossary=[ParsedGlossaryEntry(term, meaning) for term, meaning in _GLOSSARY],
    )
