"""Settings come from the environment, and production refuses unsafe ones."""

import os
import subprocess
import sys

import pytest

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
    "s.DATABASES['default']['ENGINE'])"
)


def run_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update(DJANGO_SETTINGS_MODULE="saferplan.settings", SAFERPLAN_VAR_DIR=str(tmp_path))
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], env=clean, capture_output=True, text=True
    )


def test_development_needs_no_configuration_and_keeps_debug_off(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "0", "django.db.backends.sqlite3"]
    assert (tmp_path).is_dir()


def test_production_refuses_to_start_without_a_real_secret_key(tmp_path):
    result = run_settings(tmp_path, SAFERPLAN_ENV="production")
    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_settings(tmp_path, SAFERPLAN_ENV="production", SECRET_KEY="x" * 50, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_sets_secure_cookies_and_hsts(tmp_path):
    result = run_settings(
        tmp_path,
        SAFERPLAN_ENV="production",
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "31536000",
        "django.db.backends.postgresql",
    ]


@pytest.mark.parametrize("value", ["staging", "prod"])
def test_an_unknown_environment_name_is_refused(tmp_path, value):
    result = run_settings(tmp_path, SAFERPLAN_ENV=value)
    assert result.returncode != 0
    assert "SAFERPLAN_ENV must be" in result.stderr
