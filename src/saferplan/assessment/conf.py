"""Settings the assessment reads, with defaults for when the project sets none.

``SAFERPLAN_CRIME_DB``: the DuckDB file of crime rows (default ``VAR_DIR/crime.duckdb``).
``SAFERPLAN_HARM_WEIGHTS``: crime type → harm score 1-5, overriding the defaults in
``harm_weights.py`` type by type.
``SAFERPLAN_CRIME_DB_MEMORY``: DuckDB's memory limit (default: DuckDB's own, 80% of RAM).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from saferplan.assessment.harm_weights import DEFAULT_HARM_WEIGHTS
from saferplan.assessment.store import Store


def crime_db_path() -> Path:
    configured = getattr(settings, "SAFERPLAN_CRIME_DB", None)
    if configured:
        return Path(configured)
    var_dir = Path(getattr(settings, "VAR_DIR", Path.cwd() / "var"))
    return var_dir / "crime.duckdb"


def get_store() -> Store:
    return Store(crime_db_path(), memory_limit=getattr(settings, "SAFERPLAN_CRIME_DB_MEMORY", None))


def harm_weights() -> dict[str, int]:
    return {**DEFAULT_HARM_WEIGHTS, **getattr(settings, "SAFERPLAN_HARM_WEIGHTS", {})}
