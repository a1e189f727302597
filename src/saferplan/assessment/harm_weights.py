"""Indicative harm scores (1-5) per police.uk crime type, for the priority matrix.

INDICATIVE ONLY.  These are SaferPlan's own banding, not figures published by anyone.
They order the police.uk categories the way sentencing-based severity measures order
the offences inside them: the ONS Crime Severity Score (ONS, "Research outputs:
developing a Crime Severity Score for England and Wales using data on crimes recorded
by the police", 29 November 2016; each offence weighted by the average sentence it
attracts, from about 7,800 points for homicide to 3 for possession of cannabis) and the
Cambridge Crime Harm Index (Sherman, Neyroud and Neyroud, Policing 10(3), 2016; days of
imprisonment in the starting-point sentence for a first offender).

A police.uk category mixes offences of very different severity ("Violence and sexual
offences" holds both common assault and rape; "Drugs" both possession and supply), so
no single weight per category is exact.  Partnerships should replace these with their
own, through the ``SAFERPLAN_HARM_WEIGHTS`` setting, ideally from their force's
offence-level Crime Severity Score or Harm Index data.  docs/assessment.md explains.
"""

from __future__ import annotations

DEFAULT_HARM_WEIGHTS: dict[str, int] = {
    "Violence and sexual offences": 5,
    "Robbery": 5,
    "Possession of weapons": 4,
    "Burglary": 4,
    "Drugs": 3,
    "Theft from the person": 3,
    "Criminal damage and arson": 3,
    "Vehicle crime": 2,
    "Public order": 2,
    "Other crime": 2,
    "Other theft": 2,
    "Shoplifting": 1,
    "Bicycle theft": 1,
    # Not a crime and not sentenced; its community impact belongs in the manager's
    # "community concern" score.
    "Anti-social behaviour": 1,
}
