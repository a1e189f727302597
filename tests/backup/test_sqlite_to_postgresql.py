"""``saferplan backup`` on SQLite, ``saferplan restore`` into a new PostgreSQL database, and a
backup of that: every table and file comes out byte for byte the same.

Runs the real commands in subprocesses.  Needs the PostgreSQL server of CI
(``SAFERPLAN_TEST_POSTGRES``, default postgres://postgres@127.0.0.1:5432/postgres); it
creates and drops its own scratch database.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import zipfile

import pytest

SERVER = os.environ.get("SAFERPLAN_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin_connection():
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {SERVER}: {error}")


@pytest.fixture
def scratch_postgres():
    admin = _admin_connection()
    name = f"saferplan_restore_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def saferplan(*args: str, database: str, media, var) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=database,
        MEDIA_ROOT=str(media),
        SAFERPLAN_VAR_DIR=str(var),
        SAFERPLAN_CRIME_DB=str(var / "crime.duckdb"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "saferplan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"saferplan {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def _contents(path) -> dict[str, bytes]:
    """Every table and file of a backup (content types and permissions are renumbered)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith(("data/", "media/"))
        }


def test_a_sqlite_backup_restores_into_postgresql_identically(tmp_path, scratch_postgres):
    sqlite = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    source = {"database": sqlite, "media": tmp_path / "media-a", "var": tmp_path}
    saferplan("migrate", "-v0", **source)
    saferplan("load-demo", **source)
    evidence = tmp_path / "media-a" / "evidence" / "2025" / "01"
    evidence.mkdir(parents=True)
    (evidence / "minutes.txt").write_text("Board minutes, January\n")
    saferplan("backup", str(tmp_path / "from-sqlite.zip"), **source)

    target = {"database": scratch_postgres, "media": tmp_path / "media-b", "var": tmp_path}
    out = saferplan("restore", str(tmp_path / "from-sqlite.zip"), **target)
    assert "Restored" in out
    saferplan("backup", str(tmp_path / "from-postgresql.zip"), **target)

    before = _contents(tmp_path / "from-sqlite.zip")
    after = _contents(tmp_path / "from-postgresql.zip")
    assert sorted(after) == sorted(before)
    assert "media/evidence/2025/01/minutes.txt" in after
    assert len(before["data/plans.historicalaction.jsonl"].splitlines()) > 10
    different = [name for name in before if before[name] != after[name]]
    assert different == []
