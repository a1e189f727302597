"""Indicators computed from the strategic assessment, on hand-made police.uk files.

The tiny county of tests/assessment/conftest.py: Alpha (E01000001) and Beta
(E01000003) are Ashcombe's districts; Gamma (E01000004) is not, and its rows
must never be counted.  Every month from April 2024 to April 2025 has
``month_number`` burglaries in Alpha (1 in April … 13 in the next April),
one in Beta, five in Gamma, and one anti-social behaviour incident in Alpha.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessment.conftest import geography, row, store, write_street  # noqa: F401  (fixtures)
from saferplan.assessment.loading import load
from saferplan.assessment.rules import Period as Months
from saferplan.assessment.services import monthly_counts
from saferplan.indicators.computed import NotComputable, by_frequency, refresh_computed
from saferplan.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

MONTHS = [f"{2024 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(4, 17)]  # 2024-04..2025-04


@pytest.fixture
def crimes(geography, tmp_path, partnership):  # noqa: F811
    for number, month in enumerate(MONTHS, start=1):
        rows = [row(month, "Burglary") for _ in range(number)]
        rows += [row(month, "Burglary", lsoa="E01000003")]
        rows += [row(month, "Burglary", lsoa="E01000004") for _ in range(5)]
        rows += [row(month, "Anti-social behaviour")]
        write_street(tmp_path / "crime", month, rows)
    load([tmp_path / "crime"], geography, progress_bar=False)
    partnership.district_codes = ["E07000901", "E07000902"]
    partnership.save()
    return partnership


def computed(partnership, frequency, crime_type="Burglary", districts=()):
    return Indicator.objects.create(
        partnership=partnership,
        name=f"{crime_type} ({frequency})",
        source=Indicator.Source.COMPUTED,
        frequency=frequency,
        crime_type=crime_type,
        district_codes=list(districts),
    )


def stored(indicator) -> dict[str, D]:
    return dict(indicator.values.values_list("period", "value"))


def test_monthly_values_count_the_type_in_the_partnerships_districts_only(crimes):
    indicator = computed(crimes, "monthly")
    report = refresh_computed(indicator)
    values = stored(indicator)
    assert report.created == 13
    assert values["2024-04"] == D(2)  # 1 in Alpha + 1 in Beta; Gamma's 5 are not ours
    assert values["2025-04"] == D(14)
    assert indicator.values.first().source == IndicatorValue.Source.COMPUTED


def test_quarters_and_years_are_stored_only_when_complete(crimes):
    quarterly = computed(crimes, "quarterly")
    refresh_computed(quarterly)
    assert stored(quarterly) == {
        "2024/25 Q1": D((1 + 2 + 3) + 3),
        "2024/25 Q2": D((4 + 5 + 6) + 3),
        "2024/25 Q3": D((7 + 8 + 9) + 3),
        "2024/25 Q4": D((10 + 11 + 12) + 3),
    }  # April 2025 alone is no quarter
    annual = computed(crimes, "annual")
    refresh_computed(annual)
    assert stored(annual) == {"2024/25": D(sum(range(1, 13)) + 12)}


def test_a_chosen_district_and_all_crime(crimes):
    alpha = computed(crimes, "quarterly", districts=["E07000901"])
    refresh_computed(alpha)
    assert stored(alpha)["2024/25 Q1"] == D(6)
    everything = computed(crimes, "monthly", crime_type="All crime")
    refresh_computed(everything)
    assert stored(everything)["2024-04"] == D(3)  # two burglaries and the ASB incident


def test_refreshing_again_changes_nothing_and_keeps_what_people_entered(crimes, manager):
    indicator = computed(crimes, "quarterly")
    refresh_computed(indicator)
    entered = indicator.values.get(period="2024/25 Q2")
    entered.value, entered.source = D(99), IndicatorValue.Source.ENTERED
    entered.save()
    history_before = IndicatorValue.history.count()
    report = refresh_computed(indicator, user=manager)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert report.kept == ["2024/25 Q2"]
    assert indicator.values.get(period="2024/25 Q2").value == D(99)
    assert IndicatorValue.history.count() == history_before


def test_an_indicator_without_districts_or_data_says_why(db, partnership):
    indicator = computed(partnership, "monthly")
    with pytest.raises(NotComputable, match="has no districts"):
        refresh_computed(indicator)
    entered = Indicator.objects.create(partnership=partnership, name="Entered")
    with pytest.raises(NotComputable, match="not computed"):
        refresh_computed(entered)


def test_by_frequency_needs_every_month_of_a_quarter():
    from datetime import date

    months = [(date(2024, 4, 1), 1), (date(2024, 5, 1), 2), (date(2024, 7, 1), 4)]
    assert by_frequency("quarterly", months) == []
    months.append((date(2024, 6, 1), 3))
    assert [(p.label, n) for p, n in by_frequency("quarterly", months)] == [("2024/25 Q1", 6)]


def test_the_command_refreshes_every_computed_indicator(crimes):
    indicator = computed(crimes, "annual")
    out = StringIO()
    call_command("refresh_indicators", crimes.slug, stdout=out)
    assert "Burglary (annual): 1 new, 0 changed, 0 unchanged" in out.getvalue()
    assert stored(indicator) == {"2024/25": D(90)}
    with pytest.raises(CommandError):
        call_command("refresh_indicators", "nowhere", stdout=out)


def test_the_recount_button_is_for_managers(crimes, personas, verified_client):
    indicator = computed(crimes, "monthly")
    url = reverse("indicators:refresh", args=[crimes.slug, indicator.pk])
    assert verified_client(personas["viewer"]).post(url).status_code == 403
    assert verified_client(personas["outsider"]).post(url).status_code == 404
    client = verified_client(personas["manager"])
    assert client.get(url).status_code == 405
    page = client.get(indicator.get_absolute_url())
    assert "Recount from police.uk data" in page.content.decode()
    assert "Burglary in Alpha, Beta" in page.content.decode()
    response = client.post(url, follow=True)
    assert "Burglary (monthly): 13 new" in response.content.decode()
    assert indicator.values.count() == 13


def test_monthly_counts_sum_the_districts_and_mark_months_not_loaded(crimes, geography):  # noqa: F811
    months = Months(date(2024, 2, 1), date(2024, 6, 1))  # February and March not loaded
    alpha_beta = monthly_counts(["E07000901", "E07000902"], "Burglary", months, geography)
    assert alpha_beta == [
        (date(2024, 2, 1), None),
        (date(2024, 3, 1), None),
        (date(2024, 4, 1), 2),  # Alpha 1 + Beta 1
        (date(2024, 5, 1), 3),
        (date(2024, 6, 1), 4),
    ]
    every_crime = monthly_counts(["E07000901"], "All crime", months, geography)
    assert [n for _, n in every_crime] == [None, None, 2, 3, 4]  # burglary + ASB in Alpha
