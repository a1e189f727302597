"""Every URL of the project, requested by every persona, with the status each must get.

The URL patterns are read from the URL configuration itself, so a new view that
is not in ``MATRIX`` fails ``test_every_url_pattern_is_in_the_matrix``: nobody can
add a page without saying who may open it.  Only the Django admin (its own
staff checks, tests/web/test_templates_and_admin.py) and static files are left out.

Columns, left to right:

    mgr  alice, manages Ashcombe (second factor confirmed)
    led  bob, lead officer at the police, the leading agency of action 1.1 in both plans
    oth  frank, lead officer at Ashcombe Mediation, another agency, which leads nothing here
    vwr  carol, partner staff, read-only, drafts included
    scr  dave, a councillor: published material and reports only
    out  eve, manages Brookfield, and must not learn that Ashcombe's drafts exist
    ano  signed out

Each row is a URL name (under its ``[namespace]``), its kwargs, the method and
the seven statuses.  The kwargs name objects of the ``world`` fixture
(``pk=draft`` is the draft plan's id; anything else, like ``fmt=csv``, is taken
as written), with a row per object where it matters: a draft and a published
plan.  POST rows send an empty form with CSRF checks off, which is all a
permission check needs (a refusal comes before the form is read); forms that
also answer GET have both.  A 302 for "ano" where the manager gets a page must be
the redirect to sign in.

Known limits: with no police.uk data loaded the assessment's save, chart and
export answer 404 ("no districts", "no crime data") to everyone allowed past
the partnership check, so those rows only prove the outsider's 404 and the
sign-in redirect.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from factories import ActionAgencyFactory, ActionFactory, PlanFactory, PriorityFactory
from saferplan.accounts.models import Role
from saferplan.accounts.services import invite
from saferplan.api.tokens import create_token
from saferplan.assessment.models import Assessment, CrimeLoad, PriorityScore
from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.monitoring.evidence import attach_evidence
from saferplan.monitoring.links import create_link
from saferplan.monitoring.periods import ensure_periods
from saferplan.plans.models import Plan, ProgressUpdate
from saferplan.reports.models import ReportSettings

PERSONAS = ("mgr", "led", "oth", "vwr", "scr", "out", "ano")
GET, POST = "GET", "POST"

MATRIX_TABLE = """
url name                 kwargs (objects of the world fixture)    verb mgr led oth vwr scr out ano
[core]
home                     -                                        GET  200 200 200 200 200 200 200
search                   -                                        GET  200 200 200 200 200 200 200
[partnerships]
list                     -                                        GET  200 200 200 200 200 200 200
agencies                 -                                        GET  200 200 200 200 200 200 200
agency                   slug=agency_slug                         GET  200 200 200 200 200 200 200
detail                   slug=csp                                 GET  200 200 200 200 200 200 200
[plans]
detail                   pk=published                             GET  200 200 200 200 200 200 200
detail                   pk=draft                                 GET  200 200 200 200 404 404 404
action                   pk=published_action                      GET  200 200 200 200 200 200 200
action                   pk=draft_action                          GET  200 200 200 200 404 404 404
[importing]
upload                   -                                        GET  200 404 404 404 404 200 302
confirm                  -                                        POST 400 404 404 404 404 400 302
[indicators]
list                     slug=csp                                 GET  200 200 200 200 200 404 302
upload                   slug=csp                                 GET  200 200 200 403 403 404 302
upload                   slug=csp                                 POST 200 200 200 403 403 404 302
new                      slug=csp                                 GET  200 403 403 403 403 404 302
new                      slug=csp                                 POST 200 403 403 403 403 404 302
edit                     slug=csp pk=indicator                    GET  200 403 403 403 403 404 302
edit                     slug=csp pk=indicator                    POST 200 403 403 403 403 404 302
target_new               slug=csp pk=indicator                    GET  200 403 403 403 403 404 302
target_edit              slug=csp pk=indicator target_pk=target   GET  200 403 403 403 403 404 302
target_edit              slug=csp pk=indicator target_pk=target   POST 200 403 403 403 403 404 302
refresh                  slug=csp pk=indicator                    POST 302 403 403 403 403 404 302
detail                   slug=csp pk=indicator                    GET  200 200 200 200 200 404 302
chart                    slug=csp pk=indicator                    GET  200 200 200 200 200 404 302
value_new                slug=csp pk=indicator                    GET  200 200 403 403 403 404 302
value_new                slug=csp pk=indicator                    POST 200 200 403 403 403 404 302
[monitoring]
my_returns               -                                        GET  200 200 200 200 200 200 302
return                   action_id=published_action number=1      GET  200 200 200 200 403 403 302
return                   action_id=draft_action number=1          GET  200 200 200 200 404 404 302
return                   action_id=draft_action number=1          POST 302 302 403 403 404 404 302
evidence                 pk=published_evidence                    GET  200 200 200 200 404 404 302
evidence                 pk=draft_evidence                        GET  200 200 200 200 404 404 302
dashboard                plan_id=published                        GET  200 403 403 200 403 403 302
dashboard                plan_id=draft                            GET  200 403 403 200 404 404 302
roll_over                plan_id=published                        GET  200 403 403 403 403 403 302
roll_over                plan_id=published                        POST 400 403 403 403 403 403 302
period_status            plan_id=draft number=1                   POST 302 403 403 403 404 404 302
period_deadline          plan_id=draft number=1                   GET  200 403 403 403 404 404 302
period_deadline          plan_id=draft number=1                   POST 200 403 403 403 404 404 302
download                 plan_id=draft number=1 agency_id=police  GET  200 200 403 403 404 404 302
upload                   plan_id=draft number=1                   GET  200 200 403 403 404 404 302
upload                   plan_id=draft number=1                   POST 200 200 403 403 404 404 302
send_link                plan_id=draft number=1 agency_id=police  GET  200 403 403 403 404 404 302
send_link                plan_id=draft number=1 agency_id=police  POST 200 403 403 403 404 404 302
revoke_link              pk=link                                  POST 302 403 403 403 404 404 302
secure_link              token=link_token                         GET  200 200 200 200 200 200 200
secure_link              token=link_token                         POST 302 302 302 302 302 302 302
history                  action_id=published_action               GET  200 200 200 200 403 403 302
history                  action_id=draft_action                   GET  200 200 200 200 404 404 302
[api_tokens]
list                     -                                        GET  200 200 200 200 200 200 302
list                     -                                        POST 400 400 400 400 400 400 302
revoke                   pk=api_token                             POST 302 404 404 404 404 404 302
[accounts]
profile                  -                                        GET  200 200 200 200 200 200 302
login                    -                                        GET  200 200 200 200 200 200 200
logout                   -                                        GET  200 200 200 200 200 200 302
two_factor               -                                        GET  302 302 302 302 302 302 302
password_reset           -                                        GET  200 200 200 200 200 200 200
password_reset_done      -                                        GET  200 200 200 200 200 200 200
password_reset_complete  -                                        GET  200 200 200 200 200 200 200
password_reset_confirm   uidb64=uid token=reset_token             GET  302 302 302 302 302 302 302
accept_invitation        token=invitation                         GET  200 200 200 200 200 200 200
invite                   slug=csp                                 GET  200 404 404 404 404 404 302
invite                   slug=csp                                 POST 200 404 404 404 404 404 302
[assessment]
page                     slug=csp                                 GET  200 200 200 200 200 404 302
save                     slug=csp                                 POST 404 403 403 403 403 404 302
saved                    slug=csp pk=assessment                   GET  200 200 200 200 200 404 302
scores                   slug=csp pk=assessment                   POST 302 403 403 403 403 404 302
attach                   slug=csp pk=assessment score_pk=score    POST 302 403 403 403 403 404 302
chart                    slug=csp kind=trend                      GET  404 404 404 404 404 404 302
export                   slug=csp fmt=xlsx                        GET  404 404 404 404 404 404 302
upload                   slug=csp                                 GET  200 403 403 403 403 404 302
upload                   slug=csp                                 POST 200 403 403 403 403 404 302
load                     slug=csp pk=load                         GET  200 403 403 403 403 404 302
[api]
api-root                 -                                        GET  200 200 200 200 200 200 200
schema                   -                                        GET  200 200 200 200 200 200 200
docs                     -                                        GET  200 200 200 200 200 200 200
partnership-list         -                                        GET  200 200 200 200 200 200 200
partnership-detail       pk=csp_id                                GET  200 200 200 200 200 200 200
agency-list              -                                        GET  200 200 200 200 200 200 200
agency-detail            pk=police                                GET  200 200 200 200 200 200 200
plan-list                -                                        GET  200 200 200 200 200 200 200
plan-list                -                                        POST 405 405 405 405 405 405 401
plan-detail              pk=published                             GET  200 200 200 200 200 200 200
plan-detail              pk=draft                                 GET  200 200 200 200 404 404 404
priority-list            -                                        GET  200 200 200 200 200 200 200
priority-detail          pk=published_priority                    GET  200 200 200 200 200 200 200
priority-detail          pk=draft_priority                        GET  200 200 200 200 404 404 404
action-list              -                                        GET  200 200 200 200 200 200 200
action-detail            pk=published_action                      GET  200 200 200 200 200 200 200
action-detail            pk=draft_action                          GET  200 200 200 200 404 404 404
period-list              -                                        GET  200 200 200 200 200 200 200
period-detail            pk=published_q1                          GET  200 200 200 200 200 200 200
period-detail            pk=draft_q1                              GET  200 200 200 200 404 404 404
return-list              -                                        GET  200 200 200 200 200 200 200
return-list              -                                        POST 400 400 400 400 400 400 401
return-detail            pk=published_return                      GET  200 200 200 200 200 200 200
return-detail            pk=draft_return                          GET  200 200 200 200 404 404 404
assessment-list          -                                        GET  200 200 200 200 200 200 200
assessment-detail        pk=assessment                            GET  200 200 200 200 200 404 404
indicator-list           -                                        GET  200 200 200 200 200 200 200
indicator-detail         pk=indicator                             GET  200 200 200 200 200 404 404
indicator-value-list     -                                        GET  200 200 200 200 200 200 200
indicator-value-list     -                                        POST 400 400 400 400 400 400 401
indicator-value-detail   pk=indicator_value                       GET  200 200 200 200 200 404 404
[reports]
index                    pk=published                             GET  200 200 200 200 200 404 302
index                    pk=draft                                 GET  200 200 200 200 404 404 404
texts                    pk=draft                                 GET  200 404 404 404 404 404 404
texts                    pk=draft                                 POST 200 404 404 404 404 404 404
page                     pk=published kind=plan                   GET  200 200 200 200 200 404 302
page                     pk=draft kind=quarterly                  GET  200 200 200 200 404 404 404
download                 pk=published kind=plan fmt=html          GET  200 200 200 200 200 404 302
download                 pk=draft kind=plan fmt=html              GET  200 200 200 200 404 404 404
chart                    pk=published kind=quarterly index=0      GET  200 200 200 200 200 404 404
chart                    pk=draft kind=quarterly index=0          GET  200 200 200 200 404 404 404
branding                 slug=csp                                 GET  200 404 404 404 404 404 404
branding                 slug=csp                                 POST 200 404 404 404 404 404 404
logo                     slug=csp                                 GET  200 200 200 200 200 200 200
[public]
plans                    -                                        GET  200 200 200 200 200 200 200
plan                     pk=published                             GET  200 200 200 200 200 200 200
plan                     pk=draft                                 GET  404 404 404 404 404 404 404
chart                    pk=published index=0                     GET  200 200 200 200 200 200 200
chart                    pk=draft index=0                         GET  404 404 404 404 404 404 404
open_data                pk=published fmt=csv                     GET  200 200 200 200 200 200 200
open_data                pk=draft fmt=csv                         GET  404 404 404 404 404 404 404
document                 pk=published fmt=html                    GET  200 200 200 200 200 200 200
document                 pk=draft fmt=html                        GET  404 404 404 404 404 404 404
"""


@dataclass(frozen=True)
class Row:
    name: str  # "monitoring:dashboard"
    spec: str  # "plan_id=draft"
    method: str
    expected: dict[str, int]

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        return self.name, frozenset(_spec(self.spec))

    def __str__(self) -> str:
        return f"{self.method} {self.name} {self.spec}".strip()


def _spec(text: str) -> dict[str, str]:
    return dict(part.split("=") for part in text.split())


def parse(table: str) -> list[Row]:
    rows, namespace = [], ""
    for line in table.strip().splitlines()[1:]:
        if line.startswith("["):
            namespace = line.strip("[]")
            continue
        name, *middle, method = line.split()[:-7]
        statuses = [int(code) for code in line.split()[-7:]]
        spec = " ".join(part for part in middle if part != "-")
        rows.append(Row(f"{namespace}:{name}", spec, method, dict(zip(PERSONAS, statuses))))
    return rows


MATRIX = parse(MATRIX_TABLE)

# Namespaces with their own checks: the admin (staff only) and files served in DEBUG.
SKIPPED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced, "plans:detail"
    kwargs: frozenset[str]  # without DRF's optional ".json" suffix
    suffixed: bool  # DRF's format-suffix twin of another pattern

    @property
    def key(self) -> tuple[str, frozenset[str]]:
        return self.name, self.kwargs


def _kwarg_names(pattern) -> set[str]:
    return set(pattern.regex.groupindex)  # path() converters and re_path() groups alike


def url_patterns(resolver=None, namespace: str = "", kwargs=frozenset()) -> list[Pattern]:
    """Every named pattern, walking nested resolvers; a nameless view is an error."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        names = kwargs | _kwarg_names(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry, inner, names)
        elif isinstance(entry, URLPattern):
            route = str(entry.pattern)
            if route.startswith(("static/", "media/", "^static/", "^media/")):
                continue
            assert entry.name, f"the URL pattern {route!r} has no name: name it and add it here"
            found.append(
                Pattern(
                    f"{namespace}{entry.name}", frozenset(names - {"format"}), "format" in names
                )
            )
    return found


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "#1d70b8").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def world(
    partnership, council, police, mediation, other_partnership, personas, other_officer, make_user
) -> dict:
    """Objects for every URL kwarg: a draft and a published Ashcombe plan, each with
    action 1.1 led by the police and a Q1 return, quarters, an indicator, an
    assessment, a secure link, an API token, an invitation and a password-reset link."""
    manager = personas["manager"]
    plans = {}
    for name, year, status in (
        ("published", "2024/25", Plan.Status.PUBLISHED),
        ("draft", "2025/26", Plan.Status.DRAFT),
    ):
        plan = PlanFactory(partnership=partnership, year=year, status=status)
        priority = PriorityFactory(plan=plan, ref="1", title="Domestic abuse")
        action = ActionFactory(priority=priority, ref="1.1", text="Support victims")
        ActionAgencyFactory(action=action, agency=police)
        update = ProgressUpdate.objects.create(
            action=action, period=f"{plan.year} Q1", text="Going well", status="on_track"
        )
        evidence = attach_evidence(update, "notes.txt", b"Twelve referrals\n", user=manager)
        ensure_periods(plan)
        plans[name] = plan
        plans[f"{name}_action"] = action
        plans[f"{name}_evidence"] = evidence
        plans[f"{name}_priority"] = priority
        plans[f"{name}_return"] = update
        plans[f"{name}_q1"] = plan.periods.get(number=1)
    period = plans["draft"].periods.get(number=1)
    link, link_token = create_link(period, police, "bob@example.org", user=manager)
    indicator = Indicator.objects.create(
        partnership=partnership, name="Domestic abuse incidents", owner=police
    )
    value = IndicatorValue.objects.create(indicator=indicator, period="2024/25", value=120)
    IndicatorValue.objects.create(indicator=indicator, period="2023/24", value=130)
    indicator.priorities.add(plans["published_priority"], plans["draft_priority"])
    target = IndicatorTarget.objects.create(
        indicator=indicator, plan=plans["published"], year="2024/25", target_value=110
    )
    assessment = Assessment.objects.create(
        partnership=partnership,
        county_name="Kent",
        window_start=datetime.date(2024, 1, 1),
        window_end=datetime.date(2024, 12, 31),
        compare_start=datetime.date(2023, 1, 1),
        compare_end=datetime.date(2023, 12, 31),
        created_by=manager,
    )
    score = PriorityScore.objects.create(assessment=assessment, crime_type="Burglary")
    load = CrimeLoad.objects.create(partnership=partnership, created_by=manager)
    api_token, _raw = create_token(manager, "matrix")
    ReportSettings.objects.create(partnership=partnership, logo=ContentFile(_png(), "logo.png"))
    # Someone who never signs in here: signing in changes last_login, which voids reset links.
    forgetful = make_user("grace", role=Role.VIEWER, partnership=partnership, agency=council)
    _invitation, invitation_token = invite(
        partnership=partnership,
        email="new@example.org",
        role=Role.VIEWER,
        agency=council,
        invited_by=manager,
    )
    return {
        **plans,
        "police": police.pk,
        "csp": partnership.slug,
        "agency_slug": police.slug,
        "indicator": indicator.pk,
        "indicator_value": value.pk,
        "target": target.pk,
        "csp_id": partnership.pk,
        "assessment": assessment.pk,
        "score": score.pk,
        "load": load.pk,
        "link": link.pk,
        "link_token": link_token,
        "api_token": api_token.pk,
        "invitation": invitation_token,
        "uid": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "reset_token": default_token_generator.make_token(forgetful),
    }


def _value(world: dict, name: str) -> str | int:
    if name in world:
        value = world[name]
        return getattr(value, "pk", value)
    return name  # a literal such as "html" or "trend"


def build_url(world: dict, name: str, spec: str, *, suffixed: bool = False) -> str:
    kwargs = {key: _value(world, ref) for key, ref in _spec(spec).items()}
    if suffixed:
        kwargs["format"] = "json"
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def clients(verified_client, personas, other_officer) -> dict[str, Client]:
    """One client per column; CSRF checks are off, as in every Django test client."""
    users = {
        "mgr": personas["manager"],
        "led": personas["lead_officer"],
        "oth": other_officer,
        "vwr": personas["viewer"],
        "scr": personas["scrutiny"],
        "out": personas["outsider"],
        "ano": None,
    }
    return {column: verified_client(user) for column, user in users.items()}


def test_every_url_pattern_is_in_the_matrix():
    known = {row.key for row in MATRIX}
    patterns = {p.key for p in url_patterns()}

    def described(keys):
        return sorted(
            f"{name} ({', '.join(sorted(kwargs)) or 'no kwargs'})" for name, kwargs in keys
        )

    assert not described(patterns - known), "URL patterns missing from the permission matrix"
    assert not described(known - patterns), "matrix rows for URL patterns that no longer exist"


def test_the_walk_finds_nested_and_suffixed_patterns():
    patterns = url_patterns()
    keys = {p.key for p in patterns}
    assert ("monitoring:download", frozenset({"plan_id", "number", "agency_id"})) in keys
    assert any(p.suffixed and p.name == "api:plan-detail" for p in patterns)
    assert not any(p.name.startswith("admin:") for p in patterns)


@pytest.mark.parametrize("row", MATRIX, ids=str)
def test_each_persona_gets_the_expected_status(row, world, clients, settings):
    urls = [build_url(world, row.name, row.spec)]
    if row.method == GET and any(p.suffixed and p.key == row.key for p in url_patterns()):
        urls.append(build_url(world, row.name, row.spec, suffixed=True))  # /api/plans/1.json
    got = {}
    for column in PERSONAS:
        client = clients[column]
        for url in urls:
            response = client.get(url) if row.method == GET else client.post(url)
            got.setdefault(column, response.status_code)
            if response.status_code != got[column]:
                got[column] = f"{got[column]}/{response.status_code}"
            if column == "ano" and response.status_code == 302 and row.expected["mgr"] != 302:
                assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), url
    wrong = {
        c: f"expected {row.expected[c]}, got {got[c]}"
        for c in PERSONAS
        if got[c] != row.expected[c]
    }
    assert not wrong, f"{row}: {wrong}"
