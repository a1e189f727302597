"""A plan's last change, so pages can cache what they compute from a plan.

``Plan.updated_at`` moves on every save of the plan itself (``auto_now``).  The receivers
below move it too whenever something shown with the plan changes: a priority, an action,
an agency's part in an action, a return (``ProgressUpdate``) or its evidence files, a
reporting period, a performance target row, an agency that works on it, or which
indicators a priority lists.  The bump is an ``UPDATE`` in the same
transaction as the change, so the version and the data commit together, and it lives in
the database, so every gunicorn worker sees it.  A fragment cached under
``fragment_key(plan, ...)`` is therefore never older than the plan's content.

What a fragment may hold: only what every person who may open the page sees the same way.
The views check ``can`` (view the plan, open the dashboard, write these returns) before
they look in the cache, and keep out of fragments what depends on the reader (links only
some may follow, CSRF tokens, controls).

``Partnership.updated_at`` is the same for a partnership's page: it moves on saves of the
partnership and of its member agencies (``AgencyMembership``, an agency's name), its
glossary and its indicators (``fragment_key(partnership, ...)``).  ``data_version`` is one
version of all of them, for pages that list many; ``digest_key`` makes a key of it.

Changes that bypass model signals (``QuerySet.update()``, ``bulk_create``) do not move the
version; SaferPlan's own code saves these rows one by one.  Anything that writes them in
bulk must call ``touch_plans`` (or ``touch_partnerships``) itself.
"""

from __future__ import annotations

import hashlib

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

# Bump when a cached template changes, so that old fragments are not served after a deploy.
FRAGMENT_VERSION = 1
# Fragments live a day at most: their keys change with the data, so the time is only a bound.
FRAGMENT_SECONDS = 24 * 60 * 60


def fragment_key(obj, name: str, *parts: object) -> str:
    """A cache key for fragment ``name`` of ``obj`` (a plan or a partnership) as it stands:
    its ``updated_at``, which the receivers below move."""
    stamp = obj.updated_at.timestamp() if obj.updated_at else 0
    extra = ":".join(str(p) for p in parts)
    owner = f"{obj._meta.model_name}{obj.pk}"
    return f"saferplan:{name}:v{FRAGMENT_VERSION}:{owner}:{stamp:.6f}:{extra}"


def digest_key(name: str, *parts: object) -> str:
    """A cache key for ``name`` made of many or long parts (versions, SQL, a URL, who is
    asking): their digest, so that the key stays short."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    return f"saferplan:{name}:v{FRAGMENT_VERSION}:{digest}"


def touch_partnerships(partnership_ids) -> None:
    """Mark the partnerships as changed now (one ``UPDATE``, no history row)."""
    from saferplan.partnerships.models import Partnership

    Partnership.objects.filter(pk__in=partnership_ids).update(updated_at=timezone.now())


def _partnership_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A member agency, glossary entry or indicator saved or deleted; an agency renamed."""
    from saferplan.partnerships.models import Agency, AgencyMembership

    if raw:
        return
    if isinstance(instance, Agency):
        touch_partnerships(
            AgencyMembership.objects.filter(agency_id=instance.pk).values("partnership_id")
        )
    else:
        touch_partnerships([instance.partnership_id])


def _far_side(instance, action: str, reverse: bool, pk_set, field: str):
    """The ids on the side of a many-to-many change that ``field`` (on the forward model)
    points to, or None for the signals that need nothing done: before a clear the links
    are still there to be read."""
    if action in ("post_add", "post_remove"):
        return [instance.pk] if reverse else list(pk_set or ())
    if action == "pre_clear":
        return [instance.pk] if reverse else getattr(instance, field).values("pk")
    return None


def _members_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """``agency.partnerships.add(...)`` and the like write memberships without saving them."""
    partnerships = _far_side(instance, action, reverse, pk_set, "partnerships")
    if partnerships is not None:
        touch_partnerships(partnerships)


def data_version(alias: str = "default") -> str:
    """A version of every plan and partnership at once, for what shows many of them (the
    home page, the API's lists): the latest change to any plan (moved on every change of
    its priorities, actions, agency links, agencies and returns, above) and to any
    partnership, and how many of each there are (one deleted outright).  One query."""
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Plan

    plans, partnerships = Plan._meta.db_table, Partnership._meta.db_table
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(updated_at) FROM {plans}), (SELECT count(*) FROM {plans}), "  # noqa: S608
            f"(SELECT max(updated_at) FROM {partnerships}), (SELECT count(*) FROM {partnerships})"
        )
        latest, count, renamed, partnership_count = cursor.fetchone()
    return f"{_stamp(latest)}:{count}:{_stamp(renamed)}:{partnership_count}"


def _stamp(value) -> str:
    if value is None:
        return "0"
    if isinstance(value, str):  # SQLite returns the text it stored
        return value
    return f"{value.timestamp():.6f}"


def touch_plans(plans) -> None:
    """Mark the plans (a queryset, or ids) as changed now.  One ``UPDATE``; no history row,
    as the plan itself did not change."""
    from saferplan.plans.models import Plan

    if not isinstance(plans, QuerySet):
        plans = Plan.objects.filter(pk__in=[pk for pk in plans if pk is not None])
    plans.update(updated_at=timezone.now())


def _plans_of(instance) -> QuerySet | None:
    from saferplan.monitoring.models import EvidenceFile, ReportingPeriod
    from saferplan.partnerships.models import Agency
    from saferplan.plans.models import (
        Action,
        ActionAgency,
        Plan,
        Priority,
        ProgressUpdate,
        TargetRow,
    )

    plans = Plan.objects.all()
    if isinstance(instance, Priority | ReportingPeriod | TargetRow):
        return plans.filter(pk=instance.plan_id)
    if isinstance(instance, Action):
        return _plans_of_priorities([instance.priority_id])
    if isinstance(instance, ActionAgency | ProgressUpdate):
        actions = Action.all_objects.filter(pk=instance.action_id)
        return _plans_of_priorities(actions.values("priority_id"))
    if isinstance(instance, EvidenceFile):
        actions = Action.all_objects.filter(updates__pk=instance.update_id)
        return _plans_of_priorities(actions.values("priority_id"))
    if isinstance(instance, Agency):
        links = ActionAgency.objects.filter(agency_id=instance.pk).values("action__priority__plan")
        led = Priority.leads.through.objects.filter(agency_id=instance.pk).values("priority__plan")
        return plans.filter(Q(pk__in=links) | Q(pk__in=led))
    return None


def _changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures or a backup: nothing is cached from it yet
        return
    plans = _plans_of(instance)
    if plans is not None:
        touch_plans(plans)


def _leads_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        _changed(sender, instance)


def _indicator_links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    """An indicator linked to or unlinked from priorities: their plans list it."""
    priorities = _far_side(instance, action, reverse, pk_set, "priorities")
    if priorities is not None:
        touch_plans(_plans_of_priorities(priorities))


def _plans_of_priorities(priorities) -> QuerySet:
    from saferplan.plans.models import Plan, Priority

    return Plan.objects.filter(
        pk__in=Priority.all_objects.filter(pk__in=priorities).values("plan_id")
    )


def connect() -> None:
    """Called once from ``CoreConfig.ready``."""
    from saferplan.indicators.models import Indicator
    from saferplan.monitoring.models import EvidenceFile, ReportingPeriod
    from saferplan.partnerships.models import Agency, AgencyMembership, GlossaryEntry
    from saferplan.plans.models import Action, ActionAgency, Priority, ProgressUpdate, TargetRow

    watched = [
        Priority,
        Action,
        ActionAgency,
        ProgressUpdate,
        ReportingPeriod,
        EvidenceFile,
        TargetRow,
    ]
    for model in [*watched, Agency]:
        uid = f"saferplan-freshness-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _leads_changed, sender=Priority.leads.through, dispatch_uid="saferplan-leads"
    )
    m2m_changed.connect(
        _indicator_links_changed,
        sender=Indicator.priorities.through,
        dispatch_uid="saferplan-indicator-priorities",
    )
    for model in (Agency, AgencyMembership, GlossaryEntry, Indicator):
        uid = f"saferplan-partnership-freshness-{model.__name__}"
        post_save.connect(_partnership_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_partnership_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _members_changed, sender=Agency.partnerships.through, dispatch_uid="saferplan-members"
    )
