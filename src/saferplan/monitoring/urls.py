from django.urls import path

from . import views, views_dashboard, views_history, views_links, views_spreadsheet

app_name = "monitoring"
urlpatterns = [
    path("", views.my_returns, name="my_returns"),
    path("action/<int:action_id>/<int:number>/", views.return_form, name="return"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("plan/<int:plan_id>/", views_dashboard.dashboard, name="dashboard"),
    path("plan/<int:plan_id>/roll-over/", views_dashboard.plan_roll_over, name="roll_over"),
    path(
        "plan/<int:plan_id>/<int:number>/status/",
        views_dashboard.period_status,
        name="period_status",
    ),
    path(
        "plan/<int:plan_id>/<int:number>/deadline/",
        views_dashboard.period_deadline,
        name="period_deadline",
    ),
    path(
        "plan/<int:plan_id>/<int:number>/agency/<int:agency_id>.xlsx",
        views_spreadsheet.download,
        name="download",
    ),
    path("plan/<int:plan_id>/<int:number>/upload/", views_spreadsheet.upload, name="upload"),
    path(
        "plan/<int:plan_id>/<int:number>/agency/<int:agency_id>/link/",
        views_links.send_link,
        name="send_link",
    ),
    path("links/<int:pk>/revoke/", views_links.revoke_link, name="revoke_link"),
    path("link/<str:token>/", views_links.secure_link, name="secure_link"),
    path("history/action/<int:action_id>/", views_history.history, name="history"),
]
