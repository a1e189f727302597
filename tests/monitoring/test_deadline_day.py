"""The default return deadline's day comes from SAFERPLAN_RETURN_DEADLINE_DAY."""

import os
import subprocess
import sys
from datetime import date

from saferplan.monitoring.periods import ensure_periods

PRINT_DAY = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SAFERPLAN_RETURN_DEADLINE_DAY)"
)


def settings_with(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "SAFERPLAN_RETURN_DEADLINE_DAY"}
    clean.update(DJANGO_SETTINGS_MODULE="saferplan.settings", SAFERPLAN_VAR_DIR=str(tmp_path))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_DAY], env=clean, capture_output=True, text=True
    )


def test_new_quarters_take_the_configured_day_read_when_they_are_made(plan, settings):
    settings.SAFERPLAN_RETURN_DEADLINE_DAY = 20
    deadlines = [p.deadline for p in ensure_periods(plan)]
    assert deadlines == [
        date(2024, 7, 20),
        date(2024, 10, 20),
        date(2025, 1, 20),
        date(2025, 4, 20),
    ]


def test_quarters_already_made_keep_their_deadline_when_the_setting_changes(plan, settings):
    first = [p.deadline for p in ensure_periods(plan)]
    settings.SAFERPLAN_RETURN_DEADLINE_DAY = 1
    assert [p.deadline for p in ensure_periods(plan)] == first


def test_an_explicit_day_wins_over_the_setting(plan, settings):
    settings.SAFERPLAN_RETURN_DEADLINE_DAY = 20
    assert ensure_periods(plan, deadline_day=5)[0].deadline == date(2024, 7, 5)


def test_the_setting_defaults_to_the_15th_and_reads_the_environment(tmp_path):
    default = settings_with(tmp_path)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "15"
    assert settings_with(tmp_path, SAFERPLAN_RETURN_DEADLINE_DAY="10").stdout.strip() == "10"


def test_a_day_not_in_every_month_is_refused_at_start_up(tmp_path):
    result = settings_with(tmp_path, SAFERPLAN_RETURN_DEADLINE_DAY="31")
    assert result.returncode != 0
    assert "SAFERPLAN_RETURN_DEADLINE_DAY must be a day from 1 to 28, not 31" in result.stderr
