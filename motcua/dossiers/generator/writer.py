"""Planned dossiers to rows: primary keys, codes, and bulk inserts (COPY on PostgreSQL).

Primary keys are handed out before the rows exist, because rows point at each other and an
event's data names its coordination request or apology. On PostgreSQL they come from the
tables' own sequences (`nextval` in blocks), so anything inserting at the same time gets
other numbers. On SQLite they continue the table's largest key inside the batch's
transaction, which holds SQLite's single write lock (BEGIN IMMEDIATE).

Codes continue the DossierCounter rows: one upsert per (agency, local day) adds the number
of dossiers of the batch and returns the new last number, the same statement the services
run for one dossier. Inside the batch, numbers follow the submission moments.
"""

from __future__ import annotations

import datetime
import json
from operator import itemgetter

from django.db import connection, connections

from ..models import (
    Apology,
    Coordination,
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierFile,
    Party,
    Pause,
    Payment,
)
from ..services.codes import format_code
from .mirror import localdate

ORDER = [Party, Dossier, DossierFile, Pause, Coordination, Apology, Payment, DossierEvent]
KEYED = {Party, Dossier, Coordination, Apology}
BLOCK = 20_000


class Ids:
    def __init__(self):
        self._free: dict[type, list[int]] = {}
        self._next: dict[type, int] = {}
        self._postgres = connection.vendor == "postgresql"

    def next(self, model) -> int:
        if not self._postgres:
            value = self._next.get(model)
            if value is None:
                value = self._sqlite_start(model)
            self._next[model] = value + 1
            return value
        free = self._free.get(model)
        if not free:
            free = self._free[model] = self._reserve(model)
        return free.pop()

    def _reserve(self, model) -> list[int]:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, BLOCK])
            return [row[0] for row in reversed(cursor.fetchall())]

    def _sqlite_start(self, model) -> int:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
            top = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        return max(top, row[0] if row else 0) + 1


def assign_codes(sims, agency_codes: dict[int, str]) -> None:
    """Give each dossier its code, reserving the numbers in DossierCounter."""
    keys, wanted = [], {}
    for sim in sims:
        key = (sim.d["receiving_agency_id"], localdate(sim.d["submitted_at"]))
        keys.append(key)
        wanted[key] = wanted.get(key, 0) + 1
    following = {}
    ordered = sorted(wanted)  # the same lock order in every writer: no deadlock between two of them
    table = DossierCounter._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), 300):
            chunk = ordered[start:start + 300]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = [p for key in chunk for p in (key[0], key[1], wanted[key])]
            cursor.execute(
                f"INSERT INTO {table} (agency_id, day, last) VALUES {values} "
                f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + excluded.last "
                f"RETURNING agency_id, day, last", params)
            for agency_id, day, last in cursor.fetchall():
                if isinstance(day, str):  # SQLite returns the column as text
                    day = datetime.date.fromisoformat(day)
                following[(agency_id, day)] = last - wanted[(agency_id, day)] + 1
    for sim, key in zip(sims, keys, strict=True):
        number = following[key]
        following[key] = number + 1
        code = format_code(agency_codes[key[0]], key[1], number)
        sim.d["code"] = code
        if sim.templated:
            _fill(sim, code)


def _fill(sim, code: str) -> None:
    for payment in sim.payments:
        payment["reference"] = payment["reference"].replace("{code}", code)
    for event in sim.events:
        if event["action"] == "record_payment":
            event["data"]["reference"] = event["data"]["reference"].replace("{code}", code)


class Table:
    def __init__(self, model):
        self.model = model
        # Rows nothing points at while they are written take their key from the table itself.
        self.fields = [f for f in model._meta.concrete_fields if model in KEYED or not f.primary_key]
        self.attnames = [f.attname for f in self.fields]
        self.json = [i for i, f in enumerate(self.fields) if f.get_internal_type() == "JSONField"]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"

    def tuples(self, rows):
        pick, json_at = itemgetter(*self.attnames), self.json
        if not json_at:
            return map(pick, rows)
        return (_with_json(pick(row), json_at) for row in rows)

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(self.copy_sql) as copy:
                for values in self.tuples(rows):
                    copy.write_row(values)
            return
        db = connections[connection.alias]  # the proxy costs a context-local lookup per access
        prep = [_sqlite_value(f, db) for f in self.fields]
        converted = [[to_db(value) for value, to_db in zip(values, prep, strict=True)] for values in self.tuples(rows)]
        with connection.cursor() as cursor:
            cursor.executemany(self.insert_sql, converted)


def _with_json(values: tuple, at: list[int]) -> list:
    values = list(values)
    for i in at:
        value = values[i]
        # Most events carry no data and no attachments: skip the encoder for those.
        values[i] = "{}" if value == {} else "[]" if value == [] else json.dumps(value)
    return values


def _sqlite_value(field, db):
    """What Django's SQLite backend stores for the field (see DatabaseOperations.adapt_*)."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return _same
    if kind == "DateTimeField":
        return lambda v: None if v is None else str(v.astimezone(datetime.UTC).replace(tzinfo=None))
    if kind == "DateField":
        return lambda v: None if v is None else str(v)
    if kind in ("CharField", "TextField", "BooleanField", "BigAutoField", "ForeignKey", "PositiveIntegerField",
                "PositiveSmallIntegerField", "PositiveBigIntegerField", "FileField", "EmailField"):
        return _same
    return lambda v: field.get_db_prep_save(v, db)


def _same(value):
    return value


class Writer:
    def __init__(self, agency_codes: dict[int, str]):
        self.agency_codes = agency_codes
        self.tables = {model: Table(model) for model in ORDER}

    def write(self, sims) -> None:
        assign_codes(sims, self.agency_codes)
        rows = {model: [] for model in ORDER}
        for sim in sims:
            rows[Party] += sim.parties
            rows[Dossier].append(sim.d)
            rows[DossierFile] += sim.files
            rows[Pause] += sim.pauses
            rows[Coordination] += sim.coordinations
            rows[Apology] += sim.apologies
            rows[Payment] += sim.payments
            rows[DossierEvent] += sim.events
        for model in ORDER:
            self.tables[model].write(rows[model])
