"""Reading the totals: Form 06's figures for [T1, T2] per (agency, procedure).

A range is read as the fewest whole official years, months and single days (periods.cover), so an
official year is one row per agency and procedure. Stocks are running sums: carried over at T1 is
every acceptance before T1 minus every finish before T1 (all years before T1's year, then months
and days); overdue at the end of T2 is the sum of the overdue +1/-1 up to T2; pending at T2 follows
from the identity.
"""

from __future__ import annotations

import datetime

from django.db import connection

from . import periods, sql
from .models import DailyTotals, MonthlyTotals, YearlyTotals

RECEIVED = ("received_online", "received_walk_in", "received_post")
RESOLVED = ("early", "on_time", "late")
FINISHED = (*RESOLVED, "withdrawn", "stopped")
DURING = (*RECEIVED, *FINISHED, "paid", "paid_online", "digitised", "resolved_seconds", "allowed_seconds")
TABLES = {"day": DailyTotals, "month": MonthlyTotals, "year": YearlyTotals}


def _filters(agencies, procedures, params: list) -> str:
    out = ""
    for column, values in (("agency_id", agencies), ("procedure_id", procedures)):
        if values is not None:
            values = sorted(set(values)) or [-1]
            params.extend(values)
            out += f" AND {column} IN ({', '.join(['%s'] * len(values))})"
    return out


def _select(level: str, condition: str, columns: str) -> str:
    return f"SELECT {columns} FROM {TABLES[level]._meta.db_table} WHERE {condition}"


def sums(t1: datetime.date, t2: datetime.date, agencies=None, procedures=None) -> dict[tuple[int, int], dict]:
    """{(agency_id, procedure_id): figures} for the period; agencies/procedures None means all."""
    net = " + ".join(RECEIVED) + " - " + " - ".join(FINISHED)
    before = f"agency_id, procedure_id, {net} AS carried, overdue_delta, " + ", ".join(f"0 AS {c}" for c in DURING)
    during = "agency_id, procedure_id, 0 AS carried, overdue_delta, " + ", ".join(DURING)
    params: list = [periods.year_start(t1)]
    parts = [_select("year", "year < %s", before) + _filters(agencies, procedures, params)]
    pieces = [(p, before) for p in periods.cover(periods.year_start(t1), t1 - datetime.timedelta(days=1))]
    pieces += [(p, during) for p in periods.cover(t1, t2)]
    for (level, low, high), columns in pieces:
        params.extend([low, high])
        parts.append(_select(level, f"{level} >= %s AND {level} <= %s", columns)
                     + _filters(agencies, procedures, params))
    figures = ["carried", "overdue_delta", *DURING]
    statement = (f"SELECT agency_id, procedure_id, {', '.join(f'SUM({c})' for c in figures)} "
                 f"FROM ({' UNION ALL '.join(parts)}) t GROUP BY agency_id, procedure_id")
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    out = {}
    for agency_id, procedure_id, *values in rows:
        f = dict(zip(figures, (int(v or 0) for v in values), strict=True))
        f["overdue"] = f.pop("overdue_delta")
        f["received"] = sum(f[c] for c in RECEIVED)
        f["resolved"] = sum(f[c] for c in RESOLVED)
        f["pending"] = f["carried"] + f["received"] - sum(f[c] for c in FINISHED)
        out[(agency_id, procedure_id)] = f
    return out


def series(t1: datetime.date, t2: datetime.date, agencies=None, procedures=None) -> dict[datetime.date, dict]:
    """{official month start: {"received", "resolved"}} for the months the period touches, in order."""
    received, resolved = " + ".join(RECEIVED), " + ".join(RESOLVED)
    params: list = []
    parts = []
    for level, low, high in periods.cover(t1, t2, top="month"):
        key = sql.month_key(level) if level == "day" else level
        params.extend([low, high])
        parts.append(_select(level, f"{level} >= %s AND {level} <= %s", f"{key} AS m, {received} AS r, "
                                                                       f"{resolved} AS s")
                     + _filters(agencies, procedures, params))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT m, SUM(r), SUM(s) FROM ({' UNION ALL '.join(parts)}) t GROUP BY m", params)
        found = {_as_date(m): (int(r or 0), int(s or 0)) for m, r, s in cursor.fetchall()}
    out, month = {}, periods.month_start(t1)
    while month <= t2:
        r, s = found.get(month, (0, 0))
        out[month] = {"received": r, "resolved": s}
        month = periods.next_month_start(month)
    return out


def _as_date(value) -> datetime.date:
    # SQLite hands back text for computed dates.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])
