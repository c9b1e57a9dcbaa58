"""Planned dossiers to rows: primary keys, codes, and bulk inserts (postgres.py, sqlite.py).

Every row gets its primary key before it is written: rows point at each other, an event's
data names its coordination request or apology, and knowing the keys of a batch lets
PostgreSQL check the batch's foreign keys with one query per table. On PostgreSQL keys
come from the tables' own sequences (`nextval` in blocks), so anything inserting at the same
time gets other numbers. On SQLite they continue the table's largest key inside the batch's
transaction, which holds SQLite's single write lock (BEGIN IMMEDIATE).

Codes continue the DossierCounter rows: one upsert per (agency, local day) adds the number
of dossiers of the batch and returns the new last number, the same statement the services
run for one dossier. Inside the batch, numbers follow the submission moments.
"""

from __future__ import annotations

import datetime

from django.db import connection

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
    Shipment,
)
from ..services.codes import format_code
from . import ratings
from .mirror import localdate

# The order of writing: a row's targets first (SQLite checks keys row by row).
ORDER = [Party, Dossier, DossierFile, Pause, Coordination, Apology, Payment, Shipment, DossierEvent]
# Keys handed out while planning, because other rows or an event's data name them; the
# others are given just before writing.
KEYED = {Party, Dossier, Coordination, Apology}
BLOCK = 20_000
IDS_LOCK = 0x6D6F7463  # any constant that no other code of the project uses as an advisory lock key


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
            free = self._free[model] = self._reserve(model, BLOCK)
        return free.pop()

    def take(self, model, n: int) -> list[int]:
        """n keys at once, in increasing order (the order of the rows they go to)."""
        if not self._postgres:
            start = self._next.get(model) or self._sqlite_start(model)
            self._next[model] = start + n
            return list(range(start, start + n))
        free = self._free.get(model, [])
        if len(free) < n:
            free = self._reserve(model, max(BLOCK, n - len(free))) + free
        self._free[model] = free[:len(free) - n]
        return free[len(free) - n:][::-1]

    def _reserve(self, model, n: int) -> list[int]:
        """n fresh keys, largest first (`next` pops from the end).

        Generator processes take turns (a session lock), so each gets runs of consecutive
        keys, which is what lets a batch's rows be found again by a few ranges (postgres.py).
        """
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [IDS_LOCK])
            try:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [table, n])
                return sorted((row[0] for row in cursor.fetchall()), reverse=True)
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [IDS_LOCK])

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
    upsert = (f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + excluded.last "
              f"RETURNING agency_id, day, last")
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        size = 100_000 if postgres else 300
        for start in range(0, len(ordered), size):
            chunk = ordered[start:start + size]
            if postgres:  # three arrays: a short statement, however many rows
                cursor.execute(f"INSERT INTO {table} (agency_id, day, last) SELECT * FROM unnest(%s::bigint[], "
                               f"%s::date[], %s::int[]) {upsert}", [[k[0] for k in chunk], [k[1] for k in chunk],
                                                                    [wanted[k] for k in chunk]])
            else:
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                params = [p for key in chunk for p in (key[0], key[1], wanted[key])]
                cursor.execute(f"INSERT INTO {table} (agency_id, day, last) VALUES {values} {upsert}", params)
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
    for shipment in sim.shipments:
        shipment["tracking_number"] = shipment["tracking_number"].replace("{code}", code)
    for event in sim.events:
        data = event["data"]
        if event["action"] == "record_payment":
            data["reference"] = data["reference"].replace("{code}", code)
        elif event["action"] == "send_by_post":
            data["tracking_number"] = data["tracking_number"].replace("{code}", code)
        elif event["action"] == "return_result" and "{code}" in event["note"]:
            event["note"] = event["note"].replace("{code}", code)


def gather(sims, rating_models) -> dict[type, list[dict]]:
    rows = {model: [] for model in ORDER}
    if rating_models:
        given, ticked = [], []
        for sim in sims:
            given += sim.ratings
            ticked += sim.rating_reasons
        rows[rating_models[0]], rows[rating_models[1]] = given, ticked
    parties, dossiers, files, pauses = rows[Party], rows[Dossier], rows[DossierFile], rows[Pause]
    coordinations, apologies, payments, events = rows[Coordination], rows[Apology], rows[Payment], rows[DossierEvent]
    shipments = rows[Shipment]
    for sim in sims:
        parties += sim.parties
        dossiers.append(sim.d)
        files += sim.files
        pauses += sim.pauses
        coordinations += sim.coordinations
        apologies += sim.apologies
        payments += sim.payments
        shipments += sim.shipments
        events += sim.events
    return rows


def written_models() -> list:
    return ORDER + list(ratings.models() or ())


class Writer:
    def __init__(self, agency_codes: dict[int, str]):
        self.agency_codes = agency_codes
        self.rating_models = ratings.models()
        self.models = written_models()
        self.keyed = KEYED | {self.rating_models[0]} if self.rating_models else KEYED
        if connection.vendor == "postgresql":
            from .postgres import Copier

            self.backend = Copier(self.models)
        else:
            from .sqlite import Inserter

            self.backend = Inserter(self.models)

    def write(self, sims, ids: Ids) -> dict[type, list[dict]]:
        assign_codes(sims, self.agency_codes)
        rows = gather(sims, self.rating_models)
        for model, batch in rows.items():
            if model not in self.keyed and batch:
                for row, pk in zip(batch, ids.take(model, len(batch)), strict=True):
                    row["id"] = pk
        self.backend.write(rows)
        return rows
