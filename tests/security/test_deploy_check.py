"""``saferplan check --deploy`` is clean with production settings."""

from __future__ import annotations

import os
import subprocess
import sys


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SAFERPLAN_ENV="production",
        SECRET_KEY="a-long-random-production-secret-" + "k7Qz" * 10,
        ALLOWED_HOSTS="saferplan.example.org",
        SAFERPLAN_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="saferplan.settings",
    )
    result = subprocess.run(
        [sys.executable, "-m", "saferplan", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
