"""Seed 000: Tonbridge & Malling action plan 2014/15 with Q1/Q2 returns."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def plan(parse_seed):
    return parse_seed("000")


def _action(plan, priority_index, ref):
    return next(a for a in plan.priorities[priority_index].actions if a.ref == ref)


def test_metadata(plan):
    assert plan.title == "Community Safety Partnership Action Plan 2014/15"
    assert plan.year == "2014/15"
    assert plan.partnership is None  # the document never names its partnership
    assert plan.warnings == []


def test_priorities_and_counts(plan):
    assert [p.title for p in plan.priorities] == [
        "Anti-social behaviour (ASB)",
        "Domestic Abuse",
        "Substance misuse",
    ]
    assert [len(p.actions) for p in plan.priorities] == [11, 16, 12]
    assert plan.action_count() == 39
    assert [a.ref for a in plan.priorities[1].actions] == [str(n) for n in range(1, 17)]


def test_every_action_has_q1_and_q2(plan):
    for priority in plan.priorities:
        for action in priority.actions:
            assert [u.period for u in action.updates] == ["2014/15 Q1", "2014/15 Q2"]
            assert all(u.text for u in action.updates)


def test_baselines_targets_and_leads(plan):
    yisp = _action(plan, 0, "2")
    assert yisp.text == "The YISP Power Project to receive at least 20 referrals"
    assert (yisp.baseline, yisp.target, yisp.leads) == ("33", "20", ["KIASS"])
    report = _action(plan, 0, "1")
    assert (report.baseline, report.target) == ("N/A", "Report to be produced each quarter")
    assert _action(plan, 0, "9").leads == ["KCC", "Kent Police"]
    assert _action(plan, 1, "5").leads == ["NKWA", "DAVSS", "Circle Russet"]
    assert _action(plan, 2, "9").leads == ["KCA", "Kent Police", "Kenward Trust"]
    assert (
        _action(plan, 2, "11").text == "Look into the possibility of a no-alcohol bar/recovery café"
    )


def _statuses(plan, quarter):
    found = {}
    for index, priority in enumerate(plan.priorities):
        for action in priority.actions:
            update = next(u for u in action.updates if u.period.endswith(quarter))
            if update.status:
                found.setdefault(update.status, []).append((index, action.ref))
    return found


def test_q2_statuses(plan):
    statuses = _statuses(plan, "Q2")
    assert statuses["no_data"] == [
        (0, "2"), (0, "4"), (0, "6"),
        (1, "1"), (1, "3"), (1, "4"), (1, "16"),
        (2, "1"), (2, "3"), (2, "6"), (2, "11"),
    ]  # fmt: skip
    assert statuses["not_started"] == [(1, "8")]
    assert set(statuses) == {"no_data", "not_started"}


def test_q1_statuses(plan):
    # The seed prints "To be progressed" four times in Q1 (DA 8, 12, 13; SM 10)
    # and once in Q2 (DA 8): five in all.
    statuses = _statuses(plan, "Q1")
    assert statuses["no_data"] == [(1, "16")]
    assert statuses["not_started"] == [(1, "8"), (1, "12"), (1, "13"), (2, "10")]


def test_update_texts(plan):
    q1, q2 = _action(plan, 1, "16").updates
    assert (q1.text, q1.status) == ("Awaiting data", "no_data")
    assert (q2.text, q2.status) == ("Data to be provided", "no_data")
    q1, q2 = _action(plan, 2, "11").updates
    assert (q2.text, q2.status) == ("Information to be provided", "no_data")
    q1, q2 = _action(plan, 0, "6").updates
    # Mentions "to be provided" but is not a status on its own: no guess.
    assert (q1.text, q1.status) == ("Ongoing work. More details to be provided in quarter 2.", None)
    assert _action(plan, 1, "14").updates[1].text == "Action completed"
    assert _action(plan, 1, "14").updates[1].status is None
