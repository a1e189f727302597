from datetime import date
from decimal import Decimal

import pytest

from saferplan.monitoring.rules import (
    STATUS_LABELS,
    UNRATED,
    Tally,
    default_deadline,
    is_numeric_measure,
    offers_value,
    rag_counts,
    reminder_offsets_due,
    return_state,
    shown_status,
    status_from_text,
)
from saferplan.plans.models import UpdateStatus
from saferplan.plans.periods import FinancialYear


@pytest.mark.parametrize(
    ("number", "deadline"),
    [
        (1, date(2024, 7, 15)),
        (2, date(2024, 10, 15)),
        (3, date(2025, 1, 15)),
        (4, date(2025, 4, 15)),
    ],
)
def test_returns_are_due_on_the_15th_of_the_month_after_the_quarter(number, deadline):
    assert default_deadline(FinancialYear(2024).quarter(number)) == deadline


def test_the_deadline_day_is_configurable():
    assert default_deadline(FinancialYear(2024).quarter(1), day=30) == date(2024, 7, 28)
    assert default_deadline(FinancialYear(2024).quarter(1), day=1) == date(2024, 7, 1)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Data to be provided", "no_data"),
        ("  awaiting   DATA ", "no_data"),
        ("Information to be provided by KCC", "no_data"),
        ("To be progressed", "not_started"),
        ("Awaiting data from Kent Police", "no_data"),
        ("More data to be provided next quarter once the survey closes", None),
        ("5 referrals received during this quarter", None),
        ("", None),
        (None, None),
    ],
)
def test_the_wording_of_an_update_can_imply_its_status(text, status):
    assert status_from_text(text) == status


def test_a_return_is_overdue_only_when_unsubmitted_after_its_deadline():
    deadline = date(2024, 7, 15)
    on_the_day = return_state(submitted=False, status=None, deadline=deadline, today=deadline)
    day_after = return_state(
        submitted=False, status=None, deadline=deadline, today=date(2024, 7, 16)
    )
    submitted = return_state(
        submitted=True, status="no_data", deadline=deadline, today=date(2024, 8, 1)
    )
    assert not on_the_day.overdue and day_after.overdue
    assert not submitted.overdue and submitted.no_data and submitted.missing


def test_a_tally_counts_due_submitted_overdue_and_no_data():
    tally = Tally()
    for submitted, status, today in [
        (True, "on_track", date(2024, 7, 1)),
        (True, "no_data", date(2024, 7, 1)),
        (False, None, date(2024, 8, 1)),
    ]:
        tally.add(
            return_state(
                submitted=submitted, status=status, deadline=date(2024, 7, 15), today=today
            )
        )
    assert (tally.due, tally.submitted, tally.overdue, tally.no_data) == (3, 2, 1, 1)
    assert tally.outstanding == 1


def test_rag_counts_every_status_and_treats_a_missing_one_as_no_data():
    counts = rag_counts(["on_track", "on_track", None, "off_track", "", UNRATED])
    assert counts == {
        "not_started": 0,
        "on_track": 2,
        "at_risk": 0,
        "off_track": 1,
        "completed": 0,
        "no_data": 2,
        "unrated": 1,
    }


@pytest.mark.parametrize(
    ("status", "text", "has_update", "shown"),
    [
        ("on_track", "Going well", True, "on_track"),
        ("no_data", "Data to be provided", True, "no_data"),
        ("", "5 referrals received during this quarter", True, UNRATED),
        ("", "   ", True, "no_data"),
        ("", "", True, "no_data"),
        (None, None, False, "no_data"),
    ],
)
def test_an_update_with_words_but_no_status_is_unrated_not_missing(status, text, has_update, shown):
    assert shown_status(status, text, has_update) == shown


def test_status_labels_are_the_update_statuses_and_unrated():
    assert {k: v for k, v in STATUS_LABELS.items() if k != UNRATED} == dict(UpdateStatus.choices)


def test_reminders_fall_due_relative_to_the_deadline():
    deadline = date(2024, 7, 15)
    offsets = dict(before=[7, 1], after=[3, 10])
    assert reminder_offsets_due(deadline, date(2024, 7, 7), **offsets) == []
    assert reminder_offsets_due(deadline, date(2024, 7, 8), **offsets) == [-7]
    assert reminder_offsets_due(deadline, date(2024, 7, 20), **offsets) == [-7, -1, 3]


@pytest.mark.parametrize(
    ("measure", "target", "baseline", "numeric"),
    [
        ("Number of referrals to the sanctuary scheme", "", "", True),
        ("% of victims who feel safer", "", "", True),
        ("Rate of reoffending", "", "", True),
        ("Total spent (£)", "", "", True),
        ("", "40", "", True),
        ("", "48 sessions", "", True),
        ("Reduction in ASB", "Reduce by 5%", "", True),
        ("", "", "33", True),
        ("", "Deliver 2 campaigns by March 2025", "", True),
        ("Quarterly update to the board", "", "", False),
        ("Partnership working", "Ongoing", "N/A", False),
        ("", "By March 2025", "", False),
        ("", "Complete in 2024/25 Q4", "", False),
        ("", "By 31st March", "", False),
        ("", "Launch on 16 October", "", False),
        ("", "Review by 31/03/2025", "", False),
        ("Accurate records kept", "", "", False),  # "rate" only as a word
        ("", "", "", False),
    ],
)
def test_a_value_is_asked_for_only_when_the_measure_is_a_number(measure, target, baseline, numeric):
    assert is_numeric_measure(measure, target, baseline) is numeric


def test_a_value_already_recorded_is_always_shown():
    assert offers_value("Quarterly update", "", "", current_value=None) is False
    assert offers_value("Quarterly update", "", "", current_value=Decimal("0")) is True
    assert offers_value("Number of referrals", "", "", current_value=None) is True
