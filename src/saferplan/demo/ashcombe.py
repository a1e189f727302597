"""Ashcombe Community Safety Partnership's 2025/26 action plan (fictional demo content).

Written for SaferPlan's demo: the district, agencies and people are invented.
``build_documents`` writes it as a Word document laid out like many real CSP
plans (a heading per priority, then an ``Action / Lead / Measure`` table with
actions numbered 1.1, 1.2 ...).
"""

from __future__ import annotations

PARTNERSHIP = "Ashcombe Community Safety Partnership"
TITLE = "Ashcombe Community Safety Partnership Action Plan 2025/26"
YEAR = "2025/26"

INTRODUCTION = (
    "The Ashcombe Community Safety Partnership brings together Ashcombe District Council, "
    "Wessex Police, Wessex Fire & Rescue Service, Wessex County Council, the NHS and the "
    "voluntary sector. Our strategic assessment for 2025/26 identified five priorities. "
    "Each action below has a lead agency who reports progress to the Partnership every quarter."
)

# (priority title, [(action, lead, measure), ...]); refs are numbered when written.
PRIORITIES: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Domestic Abuse",
        [
            (
                "Provide the Safe at Home sanctuary scheme so that victims can remain in their "
                "own homes.",
                "ADC Housing Options and Harbour Lights",
                "Number of properties made secure.",
            ),
            (
                "Run the Ashcombe One Stop Shop every week at the Harbourside Hub.",
                "Harbour Lights, ADC and Wessex Police",
                "Sessions held and number of visitors from Ashcombe.",
            ),
            (
                "Deliver recovery programmes for survivors, including a group for male survivors.",
                "Harbour Lights",
                "Number of programmes run and number of people completing them.",
            ),
            (
                "Train staff in GP surgeries, pharmacies and dental practices to recognise and "
                "refer domestic abuse.",
                "NHS Ashcombe Place and DA Co-ordinator",
                "Sessions delivered and number of practices trained.",
            ),
            (
                "Make sure stalking cases are identified and referred to the Wessex Stalking "
                "Advocacy Service.",
                "DA service providers and Wessex Police",
                "Referrals received by the advocacy service.",
            ),
            (
                "Commission a behaviour change programme for people who cause harm.",
                "Wessex PCC, Probation Service and ADC",
                "Programme commissioned; referrals and completions.",
            ),
            (
                "Publicise support services during the 16 Days of Action campaign.",
                "Community Safety Team",
                "Campaign delivered; reach of social media posts.",
            ),
        ],
    ),
    (
        "Anti-Social Behaviour",
        [
            (
                "Hold a monthly Community Safety Unit tasking meeting to agree action on "
                "hotspots and individuals.",
                "ADC Community Safety Team and Wessex Police",
                "Meetings held; actions agreed and completed.",
            ),
            (
                "Use Community Protection Warnings and Notices against persistent perpetrators.",
                "ADC Community Safety Officers and Wessex Police",
                "Warnings and Notices served and complied with.",
            ),
            (
                "Deploy the redeployable CCTV cameras to locations identified through tasking.",
                "ADC CCTV Team",
                "Deployments made and incidents captured.",
            ),
            (
                "Run detached youth work on Friday evenings in Westgate and the Quayside.",
                "Ashcombe Youth Trust and WCC Early Help",
                "Sessions delivered and young people engaged.",
            ),
            (
                "Offer mediation for neighbour disputes before they escalate.",
                "Ashcombe & District Mediation",
                "Referrals received and cases resolved.",
            ),
            (
                "Renew the town centre Public Spaces Protection Order after public consultation.",
                "ADC Legal and Community Safety Team",
                "Consultation completed and Order renewed.",
            ),
            (
                "Apply the ASB Case Review (Community Trigger) consistently and publish the "
                "results.",
                "Community Safety Manager",
                "Reviews held within 15 working days; annual figures published.",
            ),
            (
                "Support Street Pastors on Friday and Saturday nights in the town centre.",
                "Ashcombe Street Pastors and Wessex Police",
                "Patrols completed and people helped.",
            ),
        ],
    ),
    (
        "Serious Violence",
        [
            (
                "Deliver the local Serious Violence Duty strategy with the Wessex Violence "
                "Reduction Unit.",
                "Community Safety Manager and Wessex VRU",
                "Strategy actions delivered on time.",
            ),
            (
                "Run knife crime awareness sessions in secondary schools and colleges.",
                "Wessex Police Schools Officers",
                "Schools and students reached.",
            ),
            (
                "Place knife bins at the two locations identified by the strategic assessment.",
                "ADC and Wessex Police",
                "Bins installed; number of knives surrendered.",
            ),
            (
                "Provide trauma-informed mentoring for young people at risk of exploitation.",
                "Ashcombe Youth Trust",
                "Young people mentored; reduction in missing episodes.",
            ),
            (
                "Work with licensed premises on the Safer Nights charter to reduce "
                "alcohol-related violence.",
                "ADC Licensing and Wessex Police",
                "Premises signed up; violence with injury in the night-time economy.",
            ),
        ],
    ),
    (
        "Acquisitive Crime",
        [
            (
                "Run a shop theft reduction scheme with town centre retailers.",
                "Ashcombe BID and Wessex Police",
                "Retailers taking part; reported shop theft.",
            ),
            (
                "Offer property marking and crime prevention advice in rural villages.",
                "Wessex Police Rural Task Force",
                "Events held and households reached.",
            ),
            (
                "Fit target-hardening measures for repeat burglary victims.",
                "ADC Community Safety Team",
                "Properties made secure; repeat victimisation.",
            ),
            (
                "Raise awareness of courier and doorstep fraud among older residents.",
                "WCC Trading Standards",
                "Talks given and No Cold Calling Zones in place.",
            ),
            (
                "Use the cycle theft hotspot data to improve bike parking at Ashcombe station.",
                "ADC and Network Rail",
                "Secure stands installed; cycle thefts at the station.",
            ),
        ],
    ),
    (
        "Substance Misuse",
        [
            (
                "Provide outreach to street drinkers and rough sleepers in the town centre.",
                "Pathways Recovery and ADC Housing",
                "People engaged and entering treatment.",
            ),
            (
                "Close premises used for drug dealing using Closure Orders.",
                "Wessex Police and ADC Legal",
                "Closure Orders obtained.",
            ),
            (
                "Deliver drug and alcohol education in schools through the Choices programme.",
                "Pathways Recovery",
                "Sessions delivered and pupils reached.",
            ),
            (
                "Carry out test purchases for alcohol and vapes sold to under-18s.",
                "WCC Trading Standards",
                "Test purchases made and action taken.",
            ),
            (
                "Distribute naloxone to hostels, outreach workers and families.",
                "Pathways Recovery",
                "Kits distributed.",
            ),
            (
                "Hold a County Lines awareness week with partners and local businesses.",
                "Wessex Police and Community Safety Team",
                "Week delivered; reports received through Crimestoppers.",
            ),
        ],
    ),
]

GLOSSARY: list[tuple[str, str]] = [
    ("ADC", "Ashcombe District Council"),
    ("ASB", "Anti-social behaviour"),
    ("BID", "Business Improvement District"),
    ("CCTV", "Closed circuit television"),
    ("DA", "Domestic abuse"),
    ("PCC", "Police and Crime Commissioner"),
    ("PSPO", "Public Spaces Protection Order"),
    ("VRU", "Violence Reduction Unit"),
    ("WCC", "Wessex County Council"),
]


def action_count() -> int:
    return sum(len(actions) for _, actions in PRIORITIES)
