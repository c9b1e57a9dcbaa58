"""Rows into PostgreSQL: COPY, and the batch's foreign keys checked in bulk rather than row by row.

Django declares foreign keys DEFERRABLE INITIALLY DEFERRED, so at commit PostgreSQL runs one
trigger per row and key, each a query that also locks the referenced row: measured at about
200 µs a dossier, as much as planning it. When the session may set it (a superuser, or a role
granted SET on the parameter), a batch runs with `session_replication_role = replica`, which
skips those triggers, and `check` then proves the same keys with one set-based query per
table over the batch's rows before the commit: a batch with a dangling key is rolled back,
as the triggers would have done. Unique and check constraints are not triggers and hold as
usual. Replica mode skips user triggers too, so it is not used when a table written has a
trigger that fires on INSERT (an aggregate kept by trigger, say): the FK triggers run then.
"""

from __future__ import annotations

import json
import logging
from operator import itemgetter

from django.db import DatabaseError, connection, transaction

log = logging.getLogger(__name__)


# Binary COPY: values go out in PostgreSQL's own formats, which costs the client less than
# text. A jsonb value goes out as its binary form (the version byte 1, then the JSON text)
# declared as text, whose binary form is its UTF-8 bytes: the JSON is encoded once, here, and
# an empty {} or [] not at all.
JSONB_V1, TEXT = "\x01", 25
EMPTY = {dict: JSONB_V1 + "{}", list: JSONB_V1 + "[]"}


def _jsonb(value) -> str:
    return JSONB_V1 + json.dumps(value) if value else EMPTY[type(value)]


class Table:
    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.pick = itemgetter(*[f.attname for f in fields])
        self.json = [i for i, f in enumerate(fields) if f.get_internal_type() == "JSONField"]
        quote = connection.ops.quote_name
        self.name = quote(model._meta.db_table)
        self.copy_sql = f"COPY {self.name} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN (FORMAT BINARY)"
        self.keys = [f for f in fields if f.remote_field is not None and f.db_constraint]
        with connection.cursor() as cursor:
            cursor.execute("SELECT attname, atttypid::int, format_type(atttypid, NULL) FROM pg_attribute "
                           "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", [model._meta.db_table])
            types = {name: (oid, kind) for name, oid, kind in cursor.fetchall()}
        # varchar travels as text (the same bytes); jsonb too, see above.
        self.types = [TEXT if i in self.json or types[f.column][1] == "character varying" else types[f.column][0]
                      for i, f in enumerate(fields)]

    def write(self, rows: list[dict]) -> None:
        pick, json_at = self.pick, self.json
        with connection.cursor() as cursor, cursor.cursor.copy(self.copy_sql) as copy:
            copy.set_types(self.types)
            write = copy.write_row
            if not json_at:
                for row in rows:
                    write(pick(row))
                return
            for row in rows:
                values = list(pick(row))
                for i in json_at:
                    values[i] = _jsonb(values[i])
                write(values)

    def check_sql(self, written: dict) -> tuple[str, list, list[str]]:
        """A query counting, per foreign key, the batch's rows whose target is missing.

        `written` maps each model of the batch to `Keys`. A target written in the same batch is
        looked up among the batch's keys only (its rows point nowhere else), so the lookup stays
        a small hash whatever the size of the table.
        """
        quote = connection.ops.quote_name
        joins, counts, params, names = [], [], [], []
        for i, field in enumerate(self.keys):
            target = field.remote_field.model
            column, target_column = quote(field.column), quote(field.target_field.column)
            source = quote(target._meta.db_table)
            if target in written:
                where, more = written[target].where(target_column)
                source = f"(SELECT {target_column} FROM {source} WHERE {where})"
                params += more
            joins.append(f"LEFT JOIN {source} r{i} ON r{i}.{target_column} = t.{column}")
            counts.append(f"count(*) FILTER (WHERE t.{column} IS NOT NULL AND r{i}.{target_column} IS NULL)")
            names.append(field.name)
        where, more = written[self.model].where("t.id")
        sql = f"SELECT {', '.join(counts)} FROM {self.name} t {' '.join(joins)} WHERE {where}"
        return sql, params + more, names


class Keys:
    """The primary keys of a batch's rows of one table, as runs of consecutive numbers."""

    MAX_RUNS = 64

    def __init__(self, ids):
        self.runs, self.ids = [], sorted(ids)
        for pk in self.ids:
            if self.runs and self.runs[-1][1] == pk - 1:
                self.runs[-1][1] = pk
            else:
                self.runs.append([pk, pk])

    def where(self, column: str) -> tuple[str, list]:
        if len(self.runs) > self.MAX_RUNS:  # keys scattered by other writers: name them one by one
            return f"{column} = ANY(%s)", [self.ids]
        return "(" + " OR ".join([f"{column} BETWEEN %s AND %s"] * len(self.runs)) + ")", [
            bound for run in self.runs for bound in run]


class Copier:
    def __init__(self, models):
        self.tables = {model: Table(model) for model in models}
        self.replica: bool | None = None  # decided at the first batch

    def write(self, rows: dict) -> None:
        replica = self._replica()
        for model, table in self.tables.items():
            if rows.get(model):
                table.write(rows[model])
        if replica:
            self.check(rows)
            with connection.cursor() as cursor:  # the rest of a caller's transaction runs its triggers again
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")

    def _replica(self) -> bool:
        if self.replica is False:
            return False
        if self.replica is None:
            triggers = self._insert_triggers()
            if triggers:
                log.warning("insert triggers on %s: foreign keys are checked row by row", ", ".join(triggers))
                self.replica = False
                return False
        try:
            with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a refusal leaves the batch alive
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            self.replica = False
            return False
        self.replica = True
        return True

    def _insert_triggers(self) -> list[str]:
        with connection.cursor() as cursor:
            # tgtype bit 2 (value 4) is TRIGGER_TYPE_INSERT.
            cursor.execute("SELECT tgrelid::regclass::text || '.' || tgname FROM pg_trigger "
                           "WHERE NOT tgisinternal AND tgtype & 4 <> 0 AND tgrelid = ANY(%s::regclass[])",
                           [[t.model._meta.db_table for t in self.tables.values()]])
            return [row[0] for row in cursor.fetchall()]

    def check(self, rows: dict) -> None:
        written = {model: Keys(row["id"] for row in batch) for model, batch in rows.items() if batch}
        problems = []
        with connection.cursor() as cursor:
            # Every join hangs off the checked table: the written order is the plan, and searching
            # for another took as long as running it (20 ms for the dossiers' eleven keys).
            cursor.execute("SET LOCAL join_collapse_limit = 1")
            for model in written:
                table = self.tables[model]
                if not table.keys:
                    continue
                sql, params, names = table.check_sql(written)
                cursor.execute(sql, params)
                problems += [f"{model.__name__}.{name}: {n}" for name, n in zip(names, cursor.fetchone(), strict=True)
                             if n]
            cursor.execute("SET LOCAL join_collapse_limit = DEFAULT")
        if problems:
            raise DatabaseError(f"rows pointing at missing rows (the batch is rolled back): {', '.join(problems)}")
