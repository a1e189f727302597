"""An import killed half-way (SIGKILL: no handler runs, nothing is cleaned up) leaves the
database exactly as it was before.

``saferplan import-plan`` stores all its files in one transaction.  These tests run it
in a subprocess against a database file (SQLite) or a scratch PostgreSQL database (when
``DATABASE_URL`` is PostgreSQL), on a small plan followed by a large generated one,
wait until it is writing inside its transaction, kill it, and compare every table with
what it held before.  No hook in the code: the signal that it is writing comes from
the database itself (SQLite's write lock, PostgreSQL's row locks on the actions table).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from saferplan.demo import document_paths

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
WAIT = 240  # seconds for the import to begin writing, on a slow shared CI machine


def big_plan(path: Path, priorities: int = 20, actions: int = 50) -> Path:
    """A plan of ``priorities`` × ``actions`` actions, each with leads, partners and a return."""
    plan = {
        "partnership": "Killworth CSP",
        "year": "2024/25",
        "title": "A very large plan",
        "priorities": [
            {
                "ref": str(p),
                "title": f"Priority {p}",
                "leads": [f"Agency {p % 7}"],
                "actions": [
                    {
                        "ref": f"{p}.{a}",
                        "text": f"Action {a} of priority {p}: " + "patrols and visits " * 10,
                        "leads": [f"Agency {(p + a) % 7}"],
                        "partners": [f"Agency {(p + a + 1) % 7}"],
                        "measure": "Number of visits",
                        "updates": [
                            {"period": "2024/25 Q1", "text": "Begun", "status": "on_track"}
                        ],
                    }
                    for a in range(1, actions + 1)
                ],
            }
            for p in range(1, priorities + 1)
        ],
    }
    path.write_text(json.dumps(plan))
    return path


def environment(database: str, var: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=database,
        MEDIA_ROOT=str(var / "media"),
        SAFERPLAN_VAR_DIR=str(var),
        SAFERPLAN_CRIME_DB=str(var / "crime.duckdb"),
    )
    return env


def saferplan(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "saferplan", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, env: dict[str, str]) -> None:
    process = saferplan(*args, env=env)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, f"saferplan {' '.join(args)} failed:\n{err}"


class SQLiteFile:
    def __init__(self, path: Path):
        self.path = path
        self.url = f"sqlite:///{path}"

    def dump(self) -> dict[str, list[tuple]]:
        with sqlite3.connect(self.path) as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            tables = [
                name
                for (name,) in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
            return {
                t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables
            }

    def writing(self) -> bool:
        """Whether another connection holds the write lock (an import's transaction is open)."""
        con = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return "locked" in str(error)
        else:
            con.execute("ROLLBACK")
            return False
        finally:
            con.close()


class PostgresDatabase:
    def __init__(self, url: str):
        self.url = url

    def _connect(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True, connect_timeout=5)

    def dump(self) -> dict[str, list[tuple]]:
        with self._connect() as con:
            tables = [
                name
                for (name,) in con.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}

    def writing(self) -> bool:
        """Whether another session has inserted into the actions table and not committed."""
        with self._connect() as con:
            (count,) = con.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'plans_action' AND l.mode = 'RowExclusiveLock' "
                "AND l.pid <> pg_backend_pid()"
            ).fetchone()
            return count > 0


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield SQLiteFile(tmp_path / "saferplan.sqlite3")
        return
    if not ON_POSTGRES:
        pytest.skip("DATABASE_URL is not PostgreSQL")
    psycopg = pytest.importorskip("psycopg")
    server = DATABASE_URL.rsplit("/", 1)[0]
    name = f"saferplan_kill_{secrets.token_hex(4)}"
    admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PostgresDatabase(f"{server}/{name}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_an_import_killed_half_way_leaves_the_database_as_before(database, tmp_path):
    env = environment(database.url, tmp_path)
    documents = {p.suffix: p for p in document_paths()}
    run("migrate", "--noinput", env=env)
    run("import-plan", str(documents[".txt"]), env=env)  # something to keep
    before = database.dump()
    assert before["plans_plan"], "the database must hold a plan before the import"

    big = big_plan(tmp_path / "big.json")
    process = saferplan("import-plan", str(documents[".xlsx"]), str(big), env=env)
    deadline = time.monotonic() + WAIT
    try:
        while not database.writing():
            assert process.poll() is None, (
                f"the import ended before it could be killed: {process.stderr.read()}"
            )
            assert time.monotonic() < deadline, "the import never began writing"
            time.sleep(0.05)
        time.sleep(1.0)  # well into its writes
        assert process.poll() is None, "the import finished first: make the plan larger"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    assert database.dump() == before
    # And the database is usable: the same import, left alone, succeeds.
    run("import-plan", str(documents[".xlsx"]), env=env)
    assert len(database.dump()["plans_plan"]) == len(before["plans_plan"]) + 1
