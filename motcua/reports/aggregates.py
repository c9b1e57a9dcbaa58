"""Rebuilding the report aggregates from dossiers and events, set-based (no loop per dossier).

`rebuild()` recomputes everything; `rebuild(since=t)` only the dossiers with an event at or after t
(their old contribution is taken out of the totals and the new one put in). Both are safe to re-run
and take the tables' locks first, so actions running meanwhile wait and then apply their own change
on top (see maintain.py). Bulk writers that bypass the services (COPY) call this afterwards.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction

from motcua.dossiers.workflow import Status

from . import sql
from .facts import ONLINE_METHODS
from .models import COUNTS, DailyTotals, DossierFact, MonthlyTotals, OverdueSpan, YearlyTotals

FACT, SPAN = DossierFact._meta.db_table, OverdueSpan._meta.db_table
DAY, MONTH, YEAR = DailyTotals._meta.db_table, MonthlyTotals._meta.db_table, YearlyTotals._meta.db_table
TOTALS = ((DAY, "day", lambda c: c), (MONTH, "month", sql.month_key), (YEAR, "year", sql.year_key))
SCOPE = "reports_rebuild_scope"
S = Status


def _fact_select(scoped: bool) -> str:
    ld, secs = sql.local_day, sql.epoch_seconds
    finished = f"d.status IN ({S.WITHDRAWN}, {S.STOPPED}, {S.RESULT_READY}, {S.RETURNED}) AND d.finished_at IS NOT NULL"
    result = f"d.status IN ({S.RESULT_READY}, {S.RETURNED}) AND d.finished_at IS NOT NULL"
    online = ", ".join(f"'{m}'" for m in ONLINE_METHODS)
    return f"""
        SELECT d.id, d.competent_agency_id, d.procedure_id, d.channel, {ld('d.accepted_at')},
          CASE WHEN {finished} THEN {ld('d.finished_at')} END,
          CASE WHEN NOT ({finished}) THEN ''
               WHEN d.status = {S.WITHDRAWN} THEN 'withdrawn' WHEN d.status = {S.STOPPED} THEN 'stopped'
               WHEN d.finished_at > d.due_at THEN 'late'
               WHEN {ld('d.finished_at')} < {ld('d.due_at')} THEN 'early' ELSE 'on_time' END,
          CASE WHEN {result} THEN {secs('d.finished_at')} - {secs('d.accepted_at')} ELSE 0 END,
          CASE WHEN {result} THEN {secs('d.due_at')} - {secs('d.accepted_at')} ELSE 0 END,
          EXISTS (SELECT 1 FROM dossiers_payment p WHERE p.dossier_id = d.id),
          EXISTS (SELECT 1 FROM dossiers_payment p WHERE p.dossier_id = d.id AND p.method IN ({online})),
          EXISTS (SELECT 1 FROM dossiers_dossierfile f WHERE f.dossier_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM dossiers_dossierfile f WHERE f.dossier_id = d.id AND NOT f.digitised)
        FROM dossiers_dossier d
        WHERE d.accepted_at IS NOT NULL {f'AND d.id IN (SELECT id FROM {SCOPE})' if scoped else ''}"""


def _span_select(scoped: bool) -> str:
    """facts.overdue_spans in SQL: each event opens a segment that ends at the dossier's next event."""
    ld = sql.local_day
    start = sql.greatest(ld("e.at"), ld("e.due_at"))
    running = (f"(e.to_status IN ({S.ACCEPTED}, {S.PROCESSING}) "
               f"OR (e.to_status = {S.OBLIGATION} AND e.obligation_wait_counts))")
    return f"""
        SELECT e.dossier_id, {start}, CASE WHEN e.next_at IS NOT NULL THEN {ld('e.next_at')} END
        FROM (SELECT ev.dossier_id, ev.at, ev.due_at, ev.to_status, d.obligation_wait_counts,
                     LEAD(ev.at) OVER (PARTITION BY ev.dossier_id ORDER BY ev.at, ev.id) AS next_at
              FROM dossiers_dossierevent ev JOIN dossiers_dossier d ON d.id = ev.dossier_id
              WHERE d.accepted_at IS NOT NULL {f'AND d.id IN (SELECT id FROM {SCOPE})' if scoped else ''}) e
        WHERE e.due_at IS NOT NULL AND {running}
          AND (e.next_at IS NULL OR {start} < {ld('e.next_at')})"""


def _contributions(scoped: bool) -> str:
    """maintain.contributions in SQL: (day, agency_id, procedure_id, *COUNTS) rows, one per contribution."""
    flag = sql.flag
    where = f"WHERE f.dossier_id IN (SELECT id FROM {SCOPE})" if scoped else "WHERE 1 = 1"

    def row(day: str, **values) -> str:
        counts = (f"{values.get(c, '0')} AS {c}" for c in COUNTS)
        return ", ".join([f"{day} AS day", "f.agency_id", "f.procedure_id", *counts])

    received = row("f.accepted_day", received_online=flag("f.channel = 'online'"),
                   received_post=flag("f.channel = 'post'"),
                   received_walk_in=flag("f.channel NOT IN ('online', 'post')"),
                   paid=flag("f.paid"), paid_online=flag("f.paid_online"), digitised=flag("f.digitised"))
    outcomes = {c: flag(f"f.outcome = '{c}'") for c in ("early", "on_time", "late", "withdrawn", "stopped")}
    finished = row("f.finished_day", **outcomes, resolved_seconds="f.resolved_seconds",
                   allowed_seconds="f.allowed_seconds")
    spans = f"{SPAN} s JOIN {FACT} f ON f.dossier_id = s.dossier_id"
    return f"""
        SELECT {received} FROM {FACT} f {where}
        UNION ALL SELECT {finished} FROM {FACT} f {where} AND f.finished_day IS NOT NULL
        UNION ALL SELECT {row('s.start_day', overdue_delta='1')} FROM {spans} {where}
        UNION ALL SELECT {row('s.end_day', overdue_delta='-1')} FROM {spans} {where} AND s.end_day IS NOT NULL"""


def _add_totals(scoped: bool, sign: int) -> None:
    """Add (sign=1) or take out (sign=-1) the scoped facts' contributions at every level of totals."""
    columns = ", ".join(COUNTS)
    sums = ", ".join(f"{sign} * SUM(c.{c})" for c in COUNTS)
    for table, period, key_of in TOTALS:
        expression = key_of("c.day")
        updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTS)
        _run(f"""INSERT INTO {table} ({period}, agency_id, procedure_id, {columns})
                 SELECT {expression}, c.agency_id, c.procedure_id, {sums} FROM ({_contributions(scoped)}) c
                 WHERE 1 = 1 GROUP BY {expression}, c.agency_id, c.procedure_id
                 ON CONFLICT ({period}, agency_id, procedure_id) DO UPDATE SET {updates}""")


def _fill_totals() -> None:
    """After emptying: day rows from the facts (in day order, so that a period's rows sit together on
    disk), then months from days and years from months."""
    columns = ", ".join(COUNTS)
    sums = ", ".join(f"SUM(c.{c})" for c in COUNTS)
    _run(f"""INSERT INTO {DAY} (day, agency_id, procedure_id, {columns})
             SELECT c.day, c.agency_id, c.procedure_id, {sums} FROM ({_contributions(False)}) c
             GROUP BY c.day, c.agency_id, c.procedure_id ORDER BY c.day, c.agency_id, c.procedure_id""")
    for (table, period, key_of), (source, below, _k) in zip(TOTALS[1:], TOTALS[:-1], strict=True):
        key = key_of(f"c.{below}")
        _run(f"""INSERT INTO {table} ({period}, agency_id, procedure_id, {columns})
                 SELECT {key}, c.agency_id, c.procedure_id, {sums} FROM {source} c
                 GROUP BY {key}, c.agency_id, c.procedure_id ORDER BY 1, 2, 3""")


def _run(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _insert_facts(scoped: bool) -> None:
    fact_columns = ("dossier_id, agency_id, procedure_id, channel, accepted_day, finished_day, outcome, "
                    "resolved_seconds, allowed_seconds, paid, paid_online, digitised")
    _run(f"INSERT INTO {FACT} ({fact_columns}) {_fact_select(scoped)}")
    _run(f"INSERT INTO {SPAN} (dossier_id, start_day, end_day) {_span_select(scoped)}")


def _lock() -> None:
    if sql.postgres():
        # Writers (the signal receiver) wait until the rebuild commits; readers go on.
        _run(f"LOCK TABLE {FACT}, {SPAN}, {DAY}, {MONTH}, {YEAR} IN EXCLUSIVE MODE")
        _run("SET LOCAL work_mem = '256MB'")


def rebuild(since: datetime.datetime | None = None) -> dict[str, int]:
    """Recompute the aggregates (all, or the dossiers touched since `since`); returns row counts."""
    with transaction.atomic():
        _lock()
        if since is None:
            if sql.postgres():
                _run(f"TRUNCATE {SPAN}, {FACT}, {DAY}, {MONTH}, {YEAR}")
            else:
                for table in (SPAN, FACT, DAY, MONTH, YEAR):
                    _run(f"DELETE FROM {table}")
            _insert_facts(False)
            _fill_totals()
        else:
            _run(f"DROP TABLE IF EXISTS {SCOPE}")
            _run(f"CREATE TEMPORARY TABLE {SCOPE} (id bigint PRIMARY KEY)")
            _run(f"INSERT INTO {SCOPE} (id) SELECT DISTINCT dossier_id FROM dossiers_dossierevent WHERE at >= %s",
                 [since])
            _add_totals(True, -1)
            _run(f"DELETE FROM {SPAN} WHERE dossier_id IN (SELECT id FROM {SCOPE})")
            _run(f"DELETE FROM {FACT} WHERE dossier_id IN (SELECT id FROM {SCOPE})")
            _insert_facts(True)
            _add_totals(True, 1)
            _run(f"DROP TABLE {SCOPE}")
    if sql.postgres():
        _run(f"ANALYZE {FACT}, {SPAN}, {DAY}, {MONTH}, {YEAR}")
    return {"facts": DossierFact.objects.count(), "spans": OverdueSpan.objects.count(),
            "days": DailyTotals.objects.count(), "months": MonthlyTotals.objects.count(),
            "years": YearlyTotals.objects.count()}
