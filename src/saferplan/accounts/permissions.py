"""The one permission check: ``can(user, permission, obj)``.

Views, the command line, the API and templates all ask this function; nothing
else decides who may see or change what.  A user's rights come from their role
in the object's partnership and, for returns, from their agency leading the
action.  Views turn a refusal to *see* into 404, so people outside a
partnership cannot tell its plans exist.
"""

from __future__ import annotations

from typing import Any

from saferplan.accounts.models import PartnershipRole, Role

# Which roles hold each permission.  "submit_return" also needs the user's
# agency to lead the action (managers excepted); see ``can``.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Residents (anyone, signed in or not) may read published plans and the
    # directory of partnerships and agencies; see PUBLIC below.
    "browse": frozenset(Role.values),
    "view": frozenset(Role.values),
    "view_draft": frozenset({Role.MANAGER, Role.LEAD_OFFICER, Role.VIEWER}),
    "view_dashboard": frozenset({Role.MANAGER, Role.VIEWER}),
    "view_history": frozenset({Role.MANAGER, Role.LEAD_OFFICER, Role.VIEWER}),
    "view_returns": frozenset({Role.MANAGER, Role.LEAD_OFFICER, Role.VIEWER}),
    "submit_return": frozenset({Role.MANAGER, Role.LEAD_OFFICER}),
    "edit_plan": frozenset({Role.MANAGER}),
    "manage_periods": frozenset({Role.MANAGER}),
    "import_plan": frozenset({Role.MANAGER}),
    "invite_users": frozenset({Role.MANAGER}),
    "send_links": frozenset({Role.MANAGER}),
    # Record indicator values; lead officers only for indicators their agency owns.
    "edit_indicators": frozenset({Role.MANAGER, Role.LEAD_OFFICER}),
    # Define indicators and set their targets.
    "manage_indicators": frozenset({Role.MANAGER}),
}


# Permissions anyone holds, without signing in: reading a *published* plan
# (and its priorities, actions and updates) and browsing the directory.
PUBLIC = {"browse", "view"}


def roles_of(user) -> dict[int, str]:
    """partnership id → role, read once per user object (so once per request)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_saferplan_roles", None)
    if cached is None:
        cached = dict(
            PartnershipRole.objects.filter(user=user).values_list("partnership_id", "role")
        )
        user._saferplan_roles = cached
    return cached


def agency_id_of(user) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    return profile.agency_id if profile else None


def partnership_id_of(obj: Any) -> int | None:
    """The partnership an object belongs to, following its parents."""
    from saferplan.partnerships.models import Partnership

    if isinstance(obj, Partnership):
        return obj.pk
    for path in ("partnership_id", "plan", "priority", "action", "indicator", "period"):
        value = getattr(obj, path, None)
        if value is None:
            continue
        return value if isinstance(value, int) else partnership_id_of(value)
    return None


def is_published(obj: Any) -> bool:
    plan = _plan_of(obj)
    return plan is None or plan.status == "published"


def _plan_of(obj: Any):
    from saferplan.plans.models import Plan

    while obj is not None and not isinstance(obj, Plan):
        obj = next(
            (getattr(obj, p) for p in ("plan", "priority", "action", "period") if hasattr(obj, p)),
            None,
        )
    return obj


def _is_public(permission: str, obj: Any) -> bool:
    if permission == "browse":
        return True
    plan = _plan_of(obj)
    return permission == "view" and plan is not None and plan.status == "published"


def can(user, permission: str, obj: Any) -> bool:
    """May ``user`` do ``permission`` to ``obj``?  Unknown permissions are refused."""
    allowed_roles = PERMISSIONS.get(permission)
    if allowed_roles is None:
        return False
    if permission in PUBLIC and _is_public(permission, obj):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = roles_of(user).get(partnership_id_of(obj))
    if role not in allowed_roles:
        return False
    if permission == "view" and role == Role.SCRUTINY and not is_published(obj):
        return False
    if permission == "submit_return" and role == Role.LEAD_OFFICER:
        return _agency_leads(agency_id_of(user), obj)
    if permission == "edit_indicators" and role == Role.LEAD_OFFICER:
        return _agency_owns_indicator(agency_id_of(user), obj)
    return True


def _agency_leads(agency_id: int | None, obj: Any) -> bool:
    """Whether the agency leads the action (``obj`` is an action or one of its returns)."""
    if agency_id is None:
        return False
    action = getattr(obj, "action", obj)
    links = getattr(action, "agency_links", None)
    if links is None:
        return False
    return any(link.agency_id == agency_id and link.role == "lead" for link in links.all())


def _agency_owns_indicator(agency_id: int | None, obj: Any) -> bool:
    """Whether the agency owns the indicator (``obj`` is an indicator, or one of its values or
    targets).  For the partnership itself (the upload page) an agency is enough: each row
    of an upload is then checked against its own indicator."""
    from saferplan.partnerships.models import Partnership

    if agency_id is None:
        return False
    if isinstance(obj, Partnership):
        return True
    indicator = getattr(obj, "indicator", obj)
    return getattr(indicator, "owner_id", None) == agency_id


def is_admin(user) -> bool:
    """An active administrator: sees and may do everything."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def partnerships_where(user, permission: str) -> list[int] | None:
    """Ids of the partnerships where the user's role holds ``permission``; None means all."""
    if is_admin(user):
        return None
    allowed = PERMISSIONS[permission]
    return [pid for pid, role in roles_of(user).items() if role in allowed]


def visible_plan_q(user, path: str = ""):
    """The condition on the plan at ``path`` (``""`` for a plan itself, ``"plan__"``,
    ``"priority__plan__"``...) that the user may read it: published, or a draft or
    archived plan of a partnership where their role allows drafts.  As a condition on
    the list's own rows, a join PostgreSQL can walk in the list's order instead of an
    ``IN`` subquery it must first build in full."""
    from django.db.models import Q

    from saferplan.plans.models import Plan

    drafts = partnerships_where(user, "view_draft")
    if drafts is None:
        return Q()
    published = Q(**{f"{path}status": Plan.Status.PUBLISHED})
    return published | Q(**{f"{path}partnership_id__in": drafts}) if drafts else published


def visible_plans(user):
    """The plans ``user`` may read (``visible_plan_q``).  For lists and search."""
    from saferplan.plans.models import Plan

    return Plan.objects.filter(visible_plan_q(user))


def visibility(user) -> str:
    """What decides which plans, actions and returns the user sees in lists
    (``visible_plan_q`` and the API's querysets): administrator, or the role in each
    partnership.  The same string for everyone who sees the same rows: part of the cache
    key of pages that list them."""
    if is_admin(user):
        return "admin"
    return ",".join(f"{pid}:{role}" for pid, role in sorted(roles_of(user).items()))


def manages_any(user) -> bool:
    """Whether the user may open pages that act on partnerships they manage (import)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Role.MANAGER in roles_of(user).values()
