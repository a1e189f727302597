"""Who may produce documents, the public pages and open data, and the command line."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.plans.models import ActionAgency, Plan, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(partnership, council, police, lead_officer):
    from factories import ActionFactory, PlanFactory, PriorityFactory

    plan = PlanFactory(partnership=partnership, year="2024/25", status=Plan.Status.PUBLISHED)
    priority = PriorityFactory(plan=plan, ref="1", title="Domestic abuse", rationale="Rising.")
    for n, agency in enumerate((police, council), start=1):
        action = ActionFactory(priority=priority, ref=f"1.{n}", text=f"Action {n} text")
        ActionAgency.objects.create(action=action, agency=agency, role=ActionAgency.LEAD)
        ProgressUpdate.objects.create(
            action=action,
            period="2024/25 Q1",
            text=f"Published update {n}",
            status="on_track",
            updated_by=lead_officer,
        )
    draft = ProgressUpdate.objects.get(action__ref="1.2")
    draft.state, draft.text = ProgressUpdate.State.DRAFT, "Unfinished draft words"
    draft.save()
    return plan


@pytest.mark.parametrize(
    ("persona", "published", "expected"),
    [
        ("manager", False, 200),
        ("viewer", False, 200),
        ("lead_officer", False, 200),
        ("scrutiny", True, 200),
        ("scrutiny", False, 404),
        ("outsider", True, 404),
        ("outsider", False, 404),
        ("anonymous", True, 302),
        ("anonymous", False, 404),
    ],
)
def test_who_may_download_documents(plan, personas, verified_client, persona, published, expected):
    plan.status = Plan.Status.PUBLISHED if published else Plan.Status.DRAFT
    plan.save()
    client = verified_client(personas[persona])
    response = client.get(f"/reports/plans/{plan.pk}/quarterly.docx")
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"].endswith('.docx"')
        assert client.get(f"/reports/plans/{plan.pk}/").status_code == 200
        assert client.get(f"/reports/plans/{plan.pk}/committee/").status_code == 200


def test_every_kind_and_format_downloads_for_a_manager(plan, manager, verified_client):
    client = verified_client(manager)
    for kind, formats in {
        "plan": "docx pdf html xlsx",
        "quarterly": "docx pdf html xlsx",
        "committee": "docx pdf html",
        "workbook": "xlsx",
    }.items():
        for fmt in formats.split():
            response = client.get(f"/reports/plans/{plan.pk}/{kind}.{fmt}?period=2024/25-Q1")
            assert response.status_code == 200, (kind, fmt)
    assert client.get(f"/reports/plans/{plan.pk}/workbook.pdf").status_code == 404


def test_manager_edits_the_committee_header(plan, manager, viewer, verified_client):
    url = f"/reports/plans/{plan.pk}/texts/"
    assert verified_client(viewer).get(url).status_code == 404
    client = verified_client(manager)
    assert client.get(url).status_code == 200
    response = client.post(url, {"agenda_item": "7", "report_to": "Cabinet"})
    assert response.status_code == 302
    assert plan.report_text.agenda_item == "7"
    assert plan.report_text.history.first().history_change_reason == "reports.texts.edited"


def test_branding_colour_is_validated(partnership, manager, verified_client):
    client = verified_client(manager)
    url = f"/reports/partnerships/{partnership.slug}/branding/"
    assert client.post(url, {"colour": "blue"}).status_code == 400
    assert (
        client.post(url, {"colour": "#00703c", "display_name": "Safer Ashcombe"}).status_code == 302
    )
    from saferplan.reports.builders.common import branding_for

    assert branding_for(partnership).colour == "#00703c"
    assert branding_for(partnership).name == "Safer Ashcombe"


def test_public_page_shows_published_plans_without_drafts_or_personal_data(plan, client):
    page = client.get(f"/public/plans/{plan.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Published update 1" in html and "Action 2 text" in html
    assert "Unfinished draft words" not in html
    assert "bob" not in html and "@example.org" not in html
    assert client.get("/public/").content.decode().count(plan.title) == 1
    plan.status = Plan.Status.DRAFT
    plan.save()
    for url in ("", "open-data.csv", "open-data.json", "plan.pdf"):
        assert client.get(f"/public/plans/{plan.pk}/{url}").status_code == 404
    assert plan.title not in client.get("/public/").content.decode()


def test_open_data_csv_and_json_carry_the_licence_and_no_drafts(plan, client, read):
    csv_text = client.get(f"/public/plans/{plan.pk}/open-data.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("partnership,plan,financial_year")
    assert "Published update 1" in csv_text and "Unfinished draft words" not in csv_text
    data = read.json_of(client.get(f"/public/plans/{plan.pk}/open-data.json").content)
    assert data["licence"] == "Open Government Licence v3.0"
    action = data["priorities"][0]["actions"][0]
    assert action["lead_agencies"] == ["Ashcombe Police"]
    assert action["progress"] == [
        {"quarter": "2024/25 Q1", "status": "on_track", "text": "Published update 1"}
    ]
    assert "bob" not in str(data) and "@" not in str(data)


def test_police_uk_figures_bring_the_ogl_attribution_and_a_chart(plan, client):
    indicator = Indicator.objects.create(
        partnership=plan.partnership,
        name="Recorded violent crime",
        source=Indicator.Source.COMPUTED,
    )
    indicator.priorities.add(plan.priorities.first())
    IndicatorTarget.objects.create(
        indicator=indicator, year="2024/25", baseline_value=Decimal(1030), target_value=958
    )
    IndicatorValue.objects.create(indicator=indicator, period="2023/24", value=Decimal(1030))
    html = client.get(f"/public/plans/{plan.pk}/").content.decode()
    assert "Open Government Licence" in html and "police.uk" in html
    chart = client.get(f"/public/plans/{plan.pk}/charts/0.png")
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    assert client.get(f"/public/plans/{plan.pk}/charts/1.png").status_code == 404


def test_report_command_writes_each_format(plan, tmp_path, read):
    target = tmp_path / "q1.docx"
    out = io.StringIO()
    call_command(
        "report", "quarterly", str(plan.pk), "--format", "docx", "--period", "2024/25-Q1",
        "-o", str(target), stdout=out,
    )  # fmt: skip
    assert "Wrote" in out.getvalue()
    assert "Progress report 2024/25 Q1" in read.docx_text(target.read_bytes())
    slug = f"{plan.partnership.slug}:2024/25"
    call_command("report", "workbook", slug, "--format", "xlsx", "-o", str(tmp_path / "w.xlsx"))
    assert "Actions and returns" in read.xlsx_rows((tmp_path / "w.xlsx").read_bytes())
    # The same plan reference every other command takes.
    call_command(
        "report", "plan", f"{plan.partnership.slug}/2024-25", "-o", str(tmp_path / "p.pdf")
    )
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="not a quarter"):
        call_command("report", "quarterly", str(plan.pk), "--period", "2024/25 Q9")
    with pytest.raises(CommandError, match="no plan"):
        call_command("report", "plan", "nowhere:2024/25")


def _csv(client, plan) -> list[dict]:
    import csv

    text = client.get(f"/public/plans/{plan.pk}/open-data.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    licence = next(csv.reader(lines[-1:]))
    assert len(licence) == 1  # one cell on the last line
    return list(csv.DictReader(lines[:-1])), licence[0]


def test_open_data_csv_has_indicators_and_a_licence_line(plan, client, read):
    indicator = Indicator.objects.create(
        partnership=plan.partnership,
        name="Domestic abuse incidents",
        reference="DA-1",
        frequency=Indicator.Frequency.QUARTERLY,
        owner=plan.priorities.first().actions.first().agency_links.first().agency,
    )
    indicator.priorities.add(plan.priorities.first())
    IndicatorTarget.objects.create(
        indicator=indicator, year="2024/25", baseline_value=Decimal(1200), target_value=1140
    )
    for period, value in (("2024/25 Q1", 300), ("2024/25 Q2", 270)):
        IndicatorValue.objects.create(
            indicator=indicator, period=period, value=Decimal(value), note="Checked by Bob Smith"
        )
    rows, licence = _csv(client, plan)
    actions = [r for r in rows if r["record"] == "action"]
    figures = [r for r in rows if r["record"] == "indicator"]
    assert {r["action_ref"] for r in actions} == {"1.1", "1.2"}
    assert [(r["period"], r["value"]) for r in figures] == [
        ("2024/25 Q1", "300"),
        ("2024/25 Q2", "270"),
    ]  # noqa: E501
    first = figures[0]
    assert (
        first["indicator"] == "Domestic abuse incidents" and first["indicator_reference"] == "DA-1"
    )
    assert first["priority"] == "Domestic abuse" and first["priority_ref"] == "1"
    assert (first["baseline"], first["target"], first["unit"]) == ("1200", "1140", "count")
    assert first["lead_agencies"] == "Ashcombe Police"  # the owning agency, not a person
    assert "Bob Smith" not in str(rows)  # a value's note may name a person: not published
    assert licence.startswith("Licence: Open Government Licence v3.0 https://www.national")
    assert licence.endswith(f"{plan.partnership.name}, Open Government Licence v3.0")
    data = read.json_of(client.get(f"/public/plans/{plan.pk}/open-data.json").content)
    assert data["attribution"] == f"{plan.partnership.name}, Open Government Licence v3.0"
    assert data["indicators"][0]["baseline"] == "1200"
    assert data["indicators"][0]["values"][1] == {"period": "2024/25 Q2", "value": "270"}
    assert "Bob Smith" not in str(data)


def test_police_uk_figures_switch_the_open_data_attribution_to_the_ogl_notice(plan, client, read):
    from saferplan.reports.document import OGL_NOTICE

    computed = Indicator.objects.create(
        partnership=plan.partnership, name="Recorded burglary", source=Indicator.Source.COMPUTED
    )
    computed.priorities.add(plan.priorities.first())
    IndicatorValue.objects.create(indicator=computed, period="2023/24", value=Decimal(412))
    data = read.json_of(client.get(f"/public/plans/{plan.pk}/open-data.json").content)
    assert data["attribution"] == OGL_NOTICE
    _rows, licence = _csv(client, plan)
    assert licence.endswith(OGL_NOTICE)


def test_an_assessment_paragraph_brings_the_ogl_notice_to_open_data(plan, client, read):
    from datetime import date

    from saferplan.assessment.models import Assessment, PriorityScore
    from saferplan.reports.document import OGL_NOTICE

    assessment = Assessment.objects.create(
        partnership=plan.partnership,
        county_name="Wessex",
        window_start=date(2023, 10, 1),
        window_end=date(2024, 9, 30),
        compare_start=date(2022, 10, 1),
        compare_end=date(2023, 9, 30),
    )
    PriorityScore.objects.create(
        assessment=assessment,
        crime_type="Violence and sexual offences",
        paragraph="Violence rose by 9.1% against a Wessex fall of 2.0%.",
        priority=plan.priorities.first(),
    )
    data = read.json_of(client.get(f"/public/plans/{plan.pk}/open-data.json").content)
    assert data["attribution"] == OGL_NOTICE
    assert data["priorities"][0]["why"] == "Violence rose by 9.1% against a Wessex fall of 2.0%."
    page = client.get(f"/public/plans/{plan.pk}/").content.decode()
    assert "Violence rose by 9.1%" in page and "Open Government Licence" in page


def add_actions(plan, per_priority: int = 6) -> None:
    """More actions in every priority, each with a lead and a return."""
    from factories import ActionAgencyFactory, ActionFactory, ProgressUpdateFactory
    from saferplan.partnerships.models import Agency
    from saferplan.plans.models import Priority

    agencies = list(Agency.objects.all())
    for priority in Priority.objects.filter(plan=plan):
        for n in range(per_priority):
            action = ActionFactory(priority=priority, ref=f"{priority.ref}.{20 + n}", text="More")
            ActionAgencyFactory(action=action, agency=agencies[n % len(agencies)])
            ProgressUpdateFactory(action=action, period="2024/25 Q1")


REPORT_PAGES = [
    "",
    "plan/",
    "quarterly/",
    "committee/",
    "quarterly/?period=2024/25-Q1",
    "quarterly/charts/0.png",
    "plan.html",
    "quarterly.xlsx",
    "workbook.xlsx",
]


def test_report_pages_cost_a_bounded_number_of_queries_whatever_the_actions(
    sample, manager_of, verified_client, django_assert_max_num_queries
):
    client = verified_client(manager_of(sample.partnership))
    urls = [f"/reports/plans/{sample.pk}/{page}" for page in REPORT_PAGES]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(32) as ctx:
            assert client.get(url).status_code == 200, url
        counts[url] = len(ctx.captured_queries)
    add_actions(sample)  # 20 actions become 50
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200, url
