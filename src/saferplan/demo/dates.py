"""Bringing the demo plans to the present.

The demo documents are written for fixed years (2024/25 and 2025/26).  A new site should
show this financial year's plan and last year's, with a quarter under way, whatever the
date: ``move_years`` shifts every year a parsed plan prints (its year, the periods of its
updates, "Target 2024/25", "by October 2024") by whole years, before it is stored.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from saferplan.importing.document import ParsedPlan
from saferplan.plans.periods import FinancialYear, financial_year_of

# "2024/25" (a financial year) or "2024" on its own.
_YEAR = re.compile(r"\b(20\d\d)(?:/(\d\d))?\b")


def years_to_present(plans: list[ParsedPlan], today: date) -> int:
    """How many years the newest demo plan lies behind today's financial year."""
    newest = max(FinancialYear.parse(plan.year).start_year for plan in plans if plan.year)
    return financial_year_of(today).start_year - newest


def move_text(text: str, years: int) -> str:
    def moved(match: re.Match) -> str:
        start = int(match[1]) + years
        return f"{start}/{(start + 1) % 100:02d}" if match[2] else str(start)

    return _YEAR.sub(moved, text)


def move_years(value, years: int):
    """``value`` (a parsed plan, or any part of one) with every year moved by ``years``."""
    if not years:
        return value
    if isinstance(value, str):
        return move_text(value, years)
    if isinstance(value, list):
        return [move_years(item, years) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: move_years(getattr(value, f.name), years) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value
