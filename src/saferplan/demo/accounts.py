"""Demo accounts, one per role, so a new user can try every page of the demo site."""

from __future__ import annotations

import secrets
from datetime import date

from django.contrib.auth import get_user_model

from saferplan.accounts.models import PartnershipRole, Profile, Role
from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import Plan
from saferplan.plans.periods import financial_year_of

# username, first name, last name, agency, {partnership name: role}
ACCOUNTS = [
    (
        "manager",
        "Morgan",
        "Hale",
        "Thornbury Vale Borough Council",
        {"Thornbury Vale Community Safety Partnership": Role.MANAGER},
    ),
    (
        "police.officer",
        "Priya",
        "Shah",
        "Wessex Police",
        {
            "Thornbury Vale Community Safety Partnership": Role.LEAD_OFFICER,
            "Ashcombe Community Safety Partnership": Role.LEAD_OFFICER,
        },
    ),
    (
        "council.officer",
        "Owen",
        "Pryce",
        "Thornbury Vale Borough Council",
        {"Thornbury Vale Community Safety Partnership": Role.LEAD_OFFICER},
    ),
    (
        "viewer",
        "Vera",
        "Long",
        "Wessex Fire & Rescue Service",
        {"Thornbury Vale Community Safety Partnership": Role.VIEWER},
    ),
    (
        "councillor",
        "Cal",
        "Morris",
        None,
        {"Thornbury Vale Community Safety Partnership": Role.SCRUTINY},
    ),
]


def create_accounts(password: str | None = None) -> str:
    """Create the demo accounts (all with one password) and return that password."""
    password = password or secrets.token_urlsafe(9)
    User = get_user_model()
    for username, first, last, agency_name, roles in ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.saferplan.invalid",
            },
        )
        user.set_password(password)
        user.save()
        agency = Agency.objects.filter(name=agency_name).first() if agency_name else None
        Profile.objects.update_or_create(user=user, defaults={"agency": agency})
        for partnership_name, role in roles.items():
            partnership = Partnership.objects.get(name=partnership_name)
            PartnershipRole.objects.update_or_create(
                user=user, partnership=partnership, defaults={"role": role}
            )
    return password


def open_periods(today: date) -> None:
    """Every plan gets its quarters.  Last year's plan (which has Q1 and Q2 returns) has
    those two open; this year's plans have today's quarter open, so its returns are due."""
    current = financial_year_of(today)
    for plan in Plan.objects.all():
        periods = ensure_periods(plan)
        if plan.year == str(current):
            quarter = (today.month - 4) % 12 // 3  # 0 for April to June
            change_status(periods[quarter], "open", user=None)
        else:
            change_status(periods[0], "open", user=None)
            change_status(periods[1], "open", user=None)
