"""The assessment pages: who sees what, saving, scoring, attaching, charts, exports, uploads."""

from __future__ import annotations

import zipfile

import pytest

from saferplan.assessment import jobs
from saferplan.assessment.models import Assessment, County, CrimeLoad
from saferplan.plans.models import Plan, Priority

from .conftest import row, write_street


@pytest.fixture
def loaded(geography, tmp_path, partnership):
    from saferplan.assessment.loading import load

    write_street(tmp_path, "2024-01", [row("2024-01", "Burglary")])
    write_street(
        tmp_path,
        "2025-01",
        [
            row("2025-01", "Burglary"),
            row("2025-01", "Shoplifting"),
            row("2025-01", "Burglary", lsoa="E01000003"),
        ],
    )
    load([tmp_path], geography, progress_bar=False)
    partnership.district_codes = ["E07000901", "E07000902"]  # a partnership of two districts
    partnership.save()
    return partnership


URL = "/assessment/ashcombe-csp/?window=2025-01:2025-01&compare=2024-01:2024-01"


def test_anonymous_people_sign_in_and_outsiders_get_404(loaded, personas, verified_client):
    response = verified_client(None).get(URL)
    assert response.status_code == 302 and "/account/" in response["Location"]
    assert verified_client(personas["outsider"]).get(URL).status_code == 404
    for name in ("viewer", "lead_officer", "manager"):
        assert verified_client(personas[name]).get(URL).status_code == 200, name


def test_the_page_shows_the_partnership_as_one_area(loaded, viewer, verified_client):
    page = verified_client(viewer).get(URL).content.decode()
    assert "Strategic assessment: Alpha and Beta" in page  # the ONS partnership name
    assert "Testshire" in page  # the force area is the county
    assert "Save this assessment" not in page  # viewers cannot save
    assert "Why is burglary a priority?" in page


def test_charts_and_exports(loaded, viewer, verified_client):
    client = verified_client(viewer)
    query = "?window=2025-01:2025-01&compare=2024-01:2024-01"
    for kind in ("trend", "districts"):
        response = client.get(f"/assessment/ashcombe-csp/chart/{kind}.svg{query}")
        assert response["Content-Type"] == "image/svg+xml"
        assert b"<svg" in response.content and b"font-family" in response.content
    xlsx = client.get(f"/assessment/ashcombe-csp/export.xlsx{query}")
    assert xlsx.content[:2] == b"PK" and "attachment" in xlsx["Content-Disposition"]
    docx = client.get(f"/assessment/ashcombe-csp/export.docx{query}")
    assert zipfile.ZipFile(__import__("io").BytesIO(docx.content)).namelist()


def test_a_manager_saves_scores_edits_and_attaches(loaded, manager, viewer, verified_client):
    client = verified_client(manager)
    county = County.objects.get(name="Testshire")
    response = client.post(
        "/assessment/ashcombe-csp/save/",
        {"window": "2025-01:2025-01", "compare": "2024-01:2024-01", "county": county.slug},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and str(assessment.pk) in response["Location"]
    score = assessment.scores.get(crime_type="Burglary")
    assert score.paragraph.startswith("Burglaries in Alpha and Beta have increased by 1 (100.0%)")
    post = {f"version-{s.pk}": s.version for s in assessment.scores.all()}
    post |= {
        f"capacity-{score.pk}": "4",
        f"concern-{score.pk}": "9",
        f"paragraph-{score.pk}": "Burglary matters here.",
    }
    client.post(f"/assessment/ashcombe-csp/saved/{assessment.pk}/scores/", post)
    score.refresh_from_db()
    assert (score.capacity, score.concern, score.edited) == (4, 5, True)  # 9 capped at 5
    stale = client.post(
        f"/assessment/ashcombe-csp/saved/{assessment.pk}/scores/", post, follow=True
    )
    assert "changed by someone else" in stale.content.decode()
    plan = Plan.objects.create(partnership=loaded, year="2025/26", title="Plan")
    priority = Priority.objects.create(plan=plan, title="Acquisitive crime")
    client.post(
        f"/assessment/ashcombe-csp/saved/{assessment.pk}/attach/{score.pk}/",
        {"priority": priority.pk},
    )
    priority.refresh_from_db()
    assert priority.rationale == "Burglary matters here."
    viewer_client = verified_client(viewer)
    assert viewer_client.get(f"/assessment/ashcombe-csp/saved/{assessment.pk}/").status_code == 200
    refused = viewer_client.post(f"/assessment/ashcombe-csp/saved/{assessment.pk}/scores/", post)
    assert refused.status_code == 403


def test_an_upload_is_loaded_in_the_background(
    loaded, manager, verified_client, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    started = []
    monkeypatch.setattr(jobs, "start", started.append)
    csv_path = write_street(tmp_path / "up", "2025-02", [row("2025-02", "Robbery")])
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(csv_path, "2025-02/2025-02-test-street.csv")
    client = verified_client(manager)
    with archive.open("rb") as handle, pytest.MonkeyPatch.context() as m:
        m.setattr("django.db.transaction.on_commit", lambda f, **k: f())
        response = client.post("/assessment/ashcombe-csp/upload/", {"archive": handle})
    job = CrimeLoad.objects.get()
    assert response.status_code == 302 and started == [job.pk]
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.rows == 1
    status = client.get(f"/assessment/ashcombe-csp/loads/{job.pk}/?format=json").json()
    assert status["percent"] == 100


def test_an_upload_that_is_not_a_zip_is_refused(loaded, manager, verified_client, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("x")
    with path.open("rb") as handle:
        page = verified_client(manager).post(
            "/assessment/ashcombe-csp/upload/", {"archive": handle}
        )
    assert "must be a police.uk archive" in page.content.decode()
