"""The indicator pages for every persona; outsiders get 404, forms refuse who may not edit."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from saferplan.importing.document import ParsedTarget
from saferplan.indicators.checks import check_parsed_targets
from saferplan.indicators.models import IndicatorValue
from saferplan.plans.models import Plan, Priority

pytestmark = pytest.mark.django_db


def urls(indicator):
    slug = indicator.partnership.slug
    return {
        "list": reverse("indicators:list", args=[slug]),
        "detail": indicator.get_absolute_url(),
        "chart": reverse("indicators:chart", args=[slug, indicator.pk]),
        "value": reverse("indicators:value_new", args=[slug, indicator.pk]),
        "upload": reverse("indicators:upload", args=[slug]),
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("manager", {"list": 200, "detail": 200, "chart": 200, "value": 200, "upload": 200}),
        ("lead_officer", {"list": 200, "detail": 200, "chart": 200, "value": 200, "upload": 200}),
        ("viewer", {"list": 200, "detail": 200, "chart": 200, "value": 403, "upload": 403}),
        ("scrutiny", {"list": 200, "detail": 200, "chart": 200, "value": 403, "upload": 403}),
        ("outsider", {"list": 404, "detail": 404, "chart": 404, "value": 404, "upload": 404}),
        ("anonymous", {"list": 302, "detail": 302, "chart": 302, "value": 302, "upload": 302}),
    ],
)
def test_each_persona_gets_the_right_status(
    indicator, personas, verified_client, persona, expected
):
    client = verified_client(personas[persona])
    got = {name: client.get(url).status_code for name, url in urls(indicator).items()}
    assert got == expected


def test_a_lead_officer_may_not_open_the_form_for_another_agencys_indicator(
    council_indicator, lead_officer, verified_client
):
    response = verified_client(lead_officer).get(urls(council_indicator)["value"])
    assert response.status_code == 403


def test_an_indicator_of_another_partnership_is_not_found_under_this_one(
    indicator, other_partnership, manager, verified_client
):
    url = reverse("indicators:detail", args=[other_partnership.slug, indicator.pk])
    assert verified_client(manager).get(url).status_code == 404


def test_the_indicator_page_shows_status_chart_table_and_values(indicator, viewer, verified_client):
    response = verified_client(viewer).get(indicator.get_absolute_url())
    assertContains(response, '<h1 class="govuk-heading-xl">Violent crimes</h1>', html=False)
    assertContains(response, urls(indicator)["chart"])
    assertContains(response, "Figures in the chart")
    assertContains(response, "Target for 2024/25")
    assertContains(response, "1,193")
    assertNotContains(response, "Record a value")  # viewers cannot


def test_the_chart_is_an_svg_with_text_fonts(indicator, viewer, verified_client):
    response = verified_client(viewer).get(urls(indicator)["chart"])
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "1,193" in svg and "Target for 2024/25" in svg  # text, not glyph paths


def test_the_list_shows_a_sparkline_and_status(indicator, viewer, verified_client):
    response = verified_client(viewer).get(urls(indicator)["list"])
    assertContains(response, 'role="img" aria-label="Trend of Violent crimes: 2022/23: 1,193')
    assertContains(response, "govuk-tag--")
    assertNotContains(response, "Upload values")


def test_recording_a_value_in_the_form(indicator, lead_officer, verified_client):
    client = verified_client(lead_officer)
    response = client.post(
        urls(indicator)["value"], {"period": "2024/25 Q1", "value": "1,240", "note": "Draft"}
    )
    assert response.status_code == 302
    assert indicator.values.get(period="2024/25 Q1").value == D(1240)
    page = client.get(indicator.get_absolute_url())
    assertContains(page, "Recorded Violent crimes for 2024/25 Q1")
    assertContains(page, "Entered in a form")  # the history says how


def test_a_form_with_errors_shows_the_error_summary(indicator, manager, verified_client):
    response = verified_client(manager).post(
        urls(indicator)["value"], {"period": "Q9", "value": "lots"}
    )
    assert response.status_code == 400
    assertContains(response, "There is a problem", status_code=400)
    assertContains(response, 'href="#id_period"', status_code=400)
    assertContains(response, "Enter the value as a number", status_code=400)
    assertContains(response, "<title>Error: ", status_code=400)


def test_uploading_values_in_the_page(indicator, manager, verified_client):
    client = verified_client(manager)
    good = SimpleUploadedFile(
        "values.csv", b"indicator,period,value\nViolent crimes,2024/25 Q1,240\n"
    )
    response = client.post(urls(indicator)["upload"], {"spreadsheet": good})
    assert response.status_code == 302
    assert indicator.values.filter(period="2024/25 Q1").exists()


def test_a_bad_upload_lists_every_row_and_stores_nothing(indicator, manager, verified_client):
    bad = SimpleUploadedFile(
        "values.csv",
        b"indicator,period,value\nViolent crimes,2024/25 Q2,240\nNope,2024/25,1\n,x,y\n",
    )
    response = verified_client(manager).post(urls(indicator)["upload"], {"spreadsheet": bad})
    assertContains(response, "values.csv, row 3: no indicator", status_code=400)
    assertContains(response, "values.csv, row 4: the indicator is missing", status_code=400)
    assert not IndicatorValue.objects.filter(period="2024/25 Q2").exists()


def test_an_upload_of_the_wrong_type_is_refused(indicator, manager, verified_client):
    wrong = SimpleUploadedFile("values.pdf", b"%PDF")
    response = verified_client(manager).post(urls(indicator)["upload"], {"spreadsheet": wrong})
    assertContains(response, "must be a CSV or XLSX", status_code=400)


def test_the_priority_fragment_lists_its_indicators(indicator, partnership, rf, viewer):
    plan = Plan.objects.create(partnership=partnership, year="2024/25", title="Plan")
    priority = Priority.objects.create(plan=plan, title="Violent crime")
    indicator.priorities.add(priority)
    request = rf.get("/")
    request.user = viewer
    html = render_to_string(
        "indicators/includes/priority_indicators.html", {"priority": priority}, request=request
    )
    assert "Indicators for Violent crime" in html
    assert f'href="{indicator.get_absolute_url()}"' in html
    assert "958" in html and "1,030" in html
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    public = render_to_string(
        "indicators/includes/priority_indicators.html", {"priority": priority}, request=request
    )
    assert "Violent crimes" in public and "href" not in public  # no link the reader cannot follow


def test_the_import_flags_fragment_lists_only_disagreements():
    checks = check_parsed_targets(
        [
            ParsedTarget(
                title="Reduce domestic burglary by 5%",
                baseline="273",
                target="259",
                actual="254",
                printed_change="- 7%",
            ),
            ParsedTarget(
                title="Reduce the number of violent crimes by 5%",
                baseline="1,193",
                target="1,133",
                actual="1,030",
                printed_change="- 6%",
            ),
        ]
    )
    html = render_to_string(
        "indicators/includes/import_flags.html", {"checks": [c.as_dict() for c in checks]}
    )
    assert "2 target rows recomputed" in html and "1 printed change disagrees" in html
    assert "violent crimes" in html and "domestic burglary" not in html
    assert "Inconsistent" in html and "-14%" in html
