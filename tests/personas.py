"""Personas for account and permission tests (loaded by tests/conftest.py).

Ashcombe CSP has two member agencies, the council (ABC) and the police.
``alice`` manages it, ``bob`` is a lead officer at the police, ``carol`` a
viewer, ``dave`` a councillor with scrutiny access and ``eve`` an outsider
who manages another partnership and must see nothing of Ashcombe.  ``frank``
is a lead officer at Ashcombe Mediation, a third member agency: inside the
partnership, but not the lead of the police's actions.

``verified_client(user)`` returns a test client signed in as ``user`` whose
session carries a confirmed TOTP device, exactly what ``django_otp.login``
stores after a correct code, so managers pass the two-factor middleware.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferplan.accounts.models import PartnershipRole, Profile, Role
from saferplan.partnerships.models import Agency, AgencyMembership, Partnership

PASSWORD = "correct horse battery staple"


@pytest.fixture
def password() -> str:
    """Every persona's password."""
    return PASSWORD


@pytest.fixture
def partnership(db) -> Partnership:
    return Partnership.objects.create(name="Ashcombe CSP", slug="ashcombe-csp", area="Ashcombe")


@pytest.fixture
def other_partnership(db) -> Partnership:
    return Partnership.objects.create(name="Brookfield CSP", slug="brookfield-csp")


@pytest.fixture
def council(partnership) -> Agency:
    agency = Agency.objects.create(name="Ashcombe Borough Council", acronym="ABC")
    AgencyMembership.objects.create(partnership=partnership, agency=agency)
    return agency


@pytest.fixture
def police(partnership) -> Agency:
    agency = Agency.objects.create(name="Ashcombe Police", kind=Agency.Kind.POLICE)
    AgencyMembership.objects.create(partnership=partnership, agency=agency)
    return agency


@pytest.fixture
def mediation(partnership) -> Agency:
    """Ashcombe Mediation, a charity; plans that name it as a lead find it by name."""
    agency, _ = Agency.objects.get_or_create(
        name="Ashcombe Mediation", defaults={"kind": Agency.Kind.CHARITY}
    )
    AgencyMembership.objects.get_or_create(partnership=partnership, agency=agency)
    return agency


@pytest.fixture
def make_user(db):
    """``make_user("name", role=..., partnership=..., agency=...)``; password is PASSWORD."""

    def make(username, *, role=None, partnership=None, agency=None, email=None, **extra):
        user = get_user_model().objects.create_user(
            username, email=email or f"{username}@example.org", password=PASSWORD, **extra
        )
        Profile.objects.create(user=user, agency=agency)
        if role:
            PartnershipRole.objects.create(user=user, partnership=partnership, role=role)
        return user

    return make


@pytest.fixture
def manager(make_user, partnership, council):
    return make_user("alice", role=Role.MANAGER, partnership=partnership, agency=council)


@pytest.fixture
def lead_officer(make_user, partnership, police):
    return make_user("bob", role=Role.LEAD_OFFICER, partnership=partnership, agency=police)


@pytest.fixture
def viewer(make_user, partnership, council):
    return make_user("carol", role=Role.VIEWER, partnership=partnership, agency=council)


@pytest.fixture
def other_officer(make_user, partnership, mediation):
    """A lead officer of another Ashcombe agency: sees drafts, submits only for Mediation."""
    return make_user("frank", role=Role.LEAD_OFFICER, partnership=partnership, agency=mediation)


@pytest.fixture
def scrutiny(make_user, partnership):
    return make_user("dave", role=Role.SCRUTINY, partnership=partnership)


@pytest.fixture
def outsider(make_user, other_partnership):
    return make_user("eve", role=Role.MANAGER, partnership=other_partnership)


@pytest.fixture
def personas(manager, lead_officer, viewer, scrutiny, outsider) -> dict:
    """Every persona by role name, plus ``anonymous`` as ``None``."""
    return {
        "manager": manager,
        "lead_officer": lead_officer,
        "viewer": viewer,
        "scrutiny": scrutiny,
        "outsider": outsider,
        "anonymous": None,
    }


def confirmed_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


@pytest.fixture
def verified_client(db):
    """``verified_client(user)``: a client signed in with password and second factor.

    ``verified_client(None)`` is an anonymous client, handy in permission matrices.
    """

    def make(user) -> Client:
        client = Client()
        if user is None:
            return client
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()
        return client

    return make
