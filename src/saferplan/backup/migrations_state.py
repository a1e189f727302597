"""Which migrations a database has applied, and bringing an empty one to a given state."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder


def applied() -> dict[str, list[str]]:
    """app label → the names of its applied migrations, sorted."""
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def migrate_to(state: dict[str, list[str]]) -> list[str]:
    """Apply exactly the migrations ``state`` lists (the backup's schema).

    Returns the problems: migrations the backup was made under that this code
    does not have (the backup comes from a newer SaferPlan).
    """
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    missing = [
        f"{app}.{name}"
        for app, names in state.items()
        for name in names
        if (app, name) not in graph.nodes
    ]
    if missing:
        return missing
    targets = [(app, _leaf(graph, app, names)) for app, names in state.items() if names]
    if targets:
        executor.migrate(targets)
    return []


def _leaf(graph, app: str, names: list[str]) -> str:
    """The applied migration of ``app`` that comes after all its other applied ones."""
    wanted = {(app, name) for name in names}
    for name in names:
        plan = {node for node in graph.forwards_plan((app, name)) if node[0] == app}
        if wanted <= plan:
            return name
    return sorted(names)[-1]
