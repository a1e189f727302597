"""An indicator owned by the police, for the personas of tests/personas.py.

Ashcombe CSP: ``alice`` manages it, ``bob`` is a lead officer at the police
(which owns ``indicator``), ``carol`` a viewer, ``dave`` scrutiny, and
``eve`` manages another partnership and must see nothing of Ashcombe.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue


@pytest.fixture
def indicator(partnership, police) -> Indicator:
    indicator = Indicator.objects.create(
        partnership=partnership,
        name="Violent crimes",
        reference="West Kent Policing Plan",
        unit=Indicator.Unit.COUNT,
        polarity=Indicator.Polarity.LOWER,
        frequency=Indicator.Frequency.QUARTERLY,
        owner=police,
    )
    IndicatorTarget.objects.create(
        indicator=indicator,
        year="2024/25",
        baseline_period="2023/24",
        baseline_value=Decimal(1030),
        target_value=Decimal(958),
    )
    for period, value in [("2022/23", 1193), ("2023/24", 1030)]:
        IndicatorValue.objects.create(indicator=indicator, period=period, value=Decimal(value))
    return indicator


@pytest.fixture
def council_indicator(partnership, council) -> Indicator:
    return Indicator.objects.create(
        partnership=partnership,
        name="Fly-tipping incidents",
        reference="LOCAL1",
        owner=council,
    )
