"""Dossier codes: `<receiving agency code>-<YYMMDD>-<NNNN>`, gap-free per agency and local day.

The counter row is incremented by one upsert inside the caller's transaction, so the row stays
locked until commit: concurrent receptions queue on it (PostgreSQL row lock; SQLite's write
lock under BEGIN IMMEDIATE), a rollback returns the number, and no two dossiers share one.
Both databases support `INSERT … ON CONFLICT DO UPDATE … RETURNING`.
"""

import datetime

from django.db import connection
from django.utils import timezone

from motcua.directory.models import Agency

from ..models import DossierCounter

_UPSERT = (
    "INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "
    "ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last"
)


def next_number(agency: Agency, day: datetime.date) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(table=DossierCounter._meta.db_table), [agency.pk, day])
        return cursor.fetchone()[0]


def format_code(agency_code: str, day: datetime.date, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def new_code(agency: Agency, at: datetime.datetime) -> str:
    day = timezone.localdate(at)
    return format_code(agency.code, day, next_number(agency, day))
