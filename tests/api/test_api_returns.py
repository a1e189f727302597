"""Submitting a quarterly return through the API: the same service and the same lost-update
guard as the web form."""

from __future__ import annotations

from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.plans.models import ProgressUpdate


def _post(client, action, **extra):
    body = {
        "action": action.pk,
        "period": "2024/25 Q2",
        "text": "Patrols done",
        "status": "on_track",
    }
    return client.post("/api/returns/", {**body, **extra}, format="json")


def test_a_new_return_is_created_at_version_1_and_recorded_as_the_user(
    lead_officer, police_action, api
):
    response = _post(api(lead_officer), police_action, submit=True)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"], body["state"], body["period"]) == (1, "submitted", "2024/25 Q2")
    update = ProgressUpdate.objects.get(pk=body["id"])
    assert update.updated_by == lead_officer
    assert update.history.first().history_user == lead_officer


def test_saving_again_from_the_current_version_moves_it_on(lead_officer, police_action, api):
    client = api(lead_officer)
    _post(client, police_action)
    response = _post(client, police_action, version=1, text="Now finished", status="completed")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert ProgressUpdate.objects.get(action=police_action, period="2024/25 Q2").text == (
        "Now finished"
    )


def test_a_save_from_an_old_version_is_refused_with_409_and_the_current_return(
    lead_officer, manager, police_action, api
):
    _post(api(lead_officer), police_action)  # version 1
    assert _post(api(manager), police_action, version=1, text="Manager's edit").status_code == 200
    stale = _post(api(lead_officer), police_action, version=1, text="Officer's edit")
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"]["version"] == 2
    assert body["current"]["text"] == "Manager's edit"
    assert "changed this return" in body["detail"]
    assert ProgressUpdate.objects.get(action=police_action, period="2024/25 Q2").version == 2


def test_a_save_without_a_version_never_overwrites_an_existing_return(
    lead_officer, police_action, api
):
    response = _post(api(lead_officer), police_action, period="2024/25 Q1")  # exists already
    assert response.status_code == 409
    assert response.json()["current"]["text"] == "Going well"


def test_bad_input_is_a_400_with_a_reason(lead_officer, police_action, api):
    client = api(lead_officer)
    assert _post(client, police_action, status="purple").status_code == 400
    wrong_year = _post(client, police_action, period="2030/31 Q1")
    assert wrong_year.status_code == 400
    assert "not a quarter of the plan's year" in str(wrong_year.json())
    assert _post(client, police_action, period="Q9").status_code == 400
    empty = _post(client, police_action, text=" ", submit=True)
    assert empty.status_code == 400
    assert "needs a progress update" in empty.json()["detail"]


def test_a_locked_quarter_takes_no_returns(manager, lead_officer, published, police_action, api):
    period = ensure_periods(published)[1]
    change_status(period, "open", user=manager)
    change_status(period, "lock", user=manager)
    response = _post(api(lead_officer), police_action)
    assert response.status_code == 400
    assert "locked" in response.json()["detail"].lower()
    assert ReportingPeriod.objects.get(pk=period.pk).status == "locked"


def test_a_read_only_token_may_read_but_not_submit(lead_officer, police_action, api):
    client = api(lead_officer, scope="read")
    assert client.get("/api/returns/").status_code == 200
    assert _post(client, police_action).status_code == 403


def test_an_indicator_value_is_created_then_replaced(lead_officer, indicator, api):
    client = api(lead_officer)
    body = {"indicator": indicator.pk, "period": "2024-05", "value": "12"}
    assert client.post("/api/indicator-values/", body, format="json").status_code == 201
    body["value"] = "13.25"
    replaced = client.post("/api/indicator-values/", body, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["value"] == "13.2500"
    assert indicator.values.get(period="2024-05").entered_by == lead_officer
    bad = client.post("/api/indicator-values/", {**body, "period": "someday"}, format="json")
    assert bad.status_code == 400


def test_a_value_is_refused_where_the_action_is_not_measured_by_a_number(
    lead_officer, police_action, api
):
    police_action.measure, police_action.target, police_action.baseline = (
        "Partners briefed",
        "All partners briefed",
        "N/A",
    )
    police_action.save()
    response = _post(api(lead_officer), police_action, value="12")
    assert response.status_code == 400
    assert "not measured by a number" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action=police_action, period="2024/25 Q2").exists()

    police_action.measure = "Number of partners briefed"
    police_action.save()
    assert _post(api(lead_officer), police_action, value="12").status_code == 201
