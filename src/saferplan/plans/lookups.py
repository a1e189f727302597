"""Finding a plan from what a person types on the command line."""

from __future__ import annotations

from saferplan.plans.models import Plan
from saferplan.plans.periods import FinancialYear


def find_plan(reference: str) -> Plan:
    """A plan by id (``12``) or partnership slug and year (``tonbridge-and-malling/2014-15``,
    or ``tonbridge-and-malling:2014/15``).

    Raises ``Plan.DoesNotExist`` with a message that says what was looked for.
    """
    text = reference.strip()
    if text.isdigit():
        plan = Plan.objects.select_related("partnership").filter(pk=int(text)).first()
    elif ":" in text or "/" in text:
        slug, _, year = text.partition(":") if ":" in text else text.partition("/")
        try:
            year = str(FinancialYear.parse(year.replace("-", "/")))
        except ValueError:
            year = ""
        plan = (
            Plan.objects.select_related("partnership")
            .filter(partnership__slug=slug, year=year)
            .first()
        )
    else:
        plan = None
    if plan is None:
        raise Plan.DoesNotExist(
            f"no plan {reference!r}: give a plan id (12) or partnership slug and year "
            "(tonbridge-and-malling-csp/2014-15)"
        )
    return plan
