"""The few expressions whose SQL differs between PostgreSQL and SQLite, for the set-based rebuild."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection

from .periods import CUTOFF_DAY

_ZONE_RE = re.compile(r"^[A-Za-z0-9_+\-/]+$")


def postgres() -> bool:
    return connection.vendor == "postgresql"


def _zone() -> str:
    name = settings.TIME_ZONE
    if not _ZONE_RE.match(name):  # it is inlined as a literal below
        raise ValueError(f"unexpected TIME_ZONE {name!r}")
    return name


def local_day(column: str) -> str:
    """The local (settings.TIME_ZONE) date of a stored UTC instant."""
    if postgres():
        return f"CAST(({column} AT TIME ZONE '{_zone()}') AS date)"
    # Django registers this function on its SQLite connections (TruncDate uses it).
    return f"django_datetime_cast_date({column}, '{_zone()}', 'UTC')"


def greatest(a: str, b: str) -> str:
    return f"GREATEST({a}, {b})" if postgres() else f"MAX({a}, {b})"


def epoch_seconds(column: str) -> str:
    """Whole seconds since 1970 (facts.seconds takes the same floor)."""
    if postgres():
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS bigint)"
    return f"CAST(strftime('%%s', {column}) AS INTEGER)"


# Official months start on the CUTOFF_DAY-th and official years on December's (periods.py): shift the
# day so that the bucket starts on the 1st, truncate, shift back.
_TO_MONTH = CUTOFF_DAY - 1
_TO_YEAR = 31 - CUTOFF_DAY + 1


def month_key(column: str) -> str:
    """periods.month_start of a date column."""
    if postgres():
        return f"(CAST(date_trunc('month', CAST({column} - {_TO_MONTH} AS timestamp)) AS date) + {_TO_MONTH})"
    return f"date({column}, '-{_TO_MONTH} days', 'start of month', '+{_TO_MONTH} days')"


def year_key(column: str) -> str:
    """periods.year_start of a date column."""
    if postgres():
        return f"(CAST(date_trunc('year', CAST({column} + {_TO_YEAR} AS timestamp)) AS date) - {_TO_YEAR})"
    return f"date({column}, '+{_TO_YEAR} days', 'start of year', '-{_TO_YEAR} days')"


def flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"
