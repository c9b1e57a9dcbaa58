"""Bulk loads on PostgreSQL: plain indexes of the written tables dropped for the load, built once after.

Keeping about forty secondary indexes up to date row by row costs more than the rows
themselves (measured: COPY of 584k events 7.4 s with their nine indexes, 1.9 s without; of
80k dossiers 3.2 s with their twenty-five, 0.9 s without), and gets worse as the indexes
outgrow the cache. Building an index from a full table is one sort.

Only what Django itself declares as a plain index (`db_index`, `Meta.indexes`, and the
`_like` companions of text columns) is dropped and rebuilt from the same declaration;
primary keys and unique constraints stay, so duplicates are still refused as they come. A
load that dies midway leaves indexes missing until the next run: every run starts with
`restore()`, which builds whatever declared index is missing. Both steps are skipped while
migrations are pending, so a build never runs ahead of the migration that would create it.
"""

from __future__ import annotations

import time

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _declared(models) -> dict[str, tuple[str, str]]:
    """name -> (table, CREATE INDEX statement) for every plain index the models declare."""
    editor = connection.schema_editor(collect_sql=True)
    out = {}
    for model in models:
        for statement in editor._model_indexes_sql(model):
            name = str(statement.parts["name"]).strip('"')
            out[name] = (model._meta.db_table, str(statement))
    return out


def _present(tables) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(%s)",
                       [list(tables)])
        return {row[0] for row in cursor.fetchall()}


def usable() -> bool:
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def drop(models) -> list[str]:
    """Drop the declared plain indexes; their names."""
    declared = _declared(models)
    present = _present({table for table, _sql in declared.values()})
    names = sorted(name for name in declared if name in present)
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    return names


def restore(models, say=None) -> list[str]:
    """Build every declared plain index that is missing; their names."""
    declared = _declared(models)
    present = _present({table for table, _sql in declared.values()})
    missing = [(name, sql) for name, (_table, sql) in declared.items() if name not in present]
    if not missing:
        return []
    with connection.cursor() as cursor:
        # Sorting in memory rather than in temporary files; only this session's setting.
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, sql in missing:
            started = time.monotonic()
            cursor.execute(sql)
            if say:
                say(f"  {name}: {time.monotonic() - started:.1f} s")
        cursor.execute("RESET maintenance_work_mem")
        for table in sorted({declared[name][0] for name, _sql in missing}):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return [name for name, _sql in missing]
