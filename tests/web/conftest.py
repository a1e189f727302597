"""Fixtures for the web pages: a realistic plan and the people who look at it."""

from __future__ import annotations

import pytest

from factories import sample_plan
from saferplan.plans.models import Plan


@pytest.fixture
def plan(db) -> Plan:
    return sample_plan()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "stella", "stella@example.org", "not-a-real-password", is_staff=True
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
