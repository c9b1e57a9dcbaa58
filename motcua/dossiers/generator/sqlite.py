"""Rows into SQLite: `executemany` of plain values, converted as Django's backend would store them."""

from __future__ import annotations

import datetime
import json
from operator import itemgetter

from django.db import connection, connections


def _same(value):
    return value


def _json(value):
    return json.dumps(value)


def _converter(field, db):
    """What Django's SQLite backend stores for the field (see DatabaseOperations.adapt_*)."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return _json
    if kind == "DateTimeField":
        return lambda v: None if v is None else str(v.astimezone(datetime.UTC).replace(tzinfo=None))
    if kind == "DateField":
        return lambda v: None if v is None else str(v)
    if kind in ("CharField", "TextField", "BooleanField", "BigAutoField", "AutoField", "ForeignKey",
                "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "SmallIntegerField",
                "IntegerField", "BigIntegerField", "FileField", "EmailField", "SlugField"):
        return _same
    return lambda v: field.get_db_prep_save(v, db)


class Table:
    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.pick = itemgetter(*[f.attname for f in fields])
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
        db = connections[connection.alias]  # the proxy costs a context-local lookup per access
        self.convert = [_converter(f, db) for f in fields]

    def write(self, rows: list[dict]) -> None:
        convert = self.convert
        values = [[to_db(v) for v, to_db in zip(self.pick(row), convert, strict=True)] for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


class Inserter:
    def __init__(self, models):
        self.tables = {model: Table(model) for model in models}

    def write(self, rows: dict) -> None:
        for model, table in self.tables.items():
            if rows.get(model):
                table.write(rows[model])
