"""Keeping the aggregates in step with each dossier action, inside the action's transaction.

The receiver recomputes the dossier's fact, and when it changed, takes the old fact's
contribution out of the day and month totals and puts the new one in: one atomic upsert per
touched row (`col = col + excluded.col`), rows in one global order so that two actions never
wait on each other in a cycle (days, then months, then years, each in key order). The dossier row is already locked by the action, so one
dossier's fact has one writer at a time; the fact row is read FOR UPDATE so that a rebuild
running meanwhile (which locks the tables) is waited for rather than raced.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db import connection

from . import periods
from .facts import Fact, fact_for
from .models import COUNTS, DailyTotals, DossierFact, MonthlyTotals, OverdueSpan, YearlyTotals

Key = tuple[datetime.date, int, int]
CHANNEL_COLUMN = {"online": "received_online", "post": "received_post"}  # anything else: walk-in


def contributions(fact: Fact | None) -> dict[Key, Counter]:
    """What one fact adds to the day totals, per (day, agency, procedure)."""
    out: dict[Key, Counter] = defaultdict(Counter)
    if fact is None:
        return out

    def at(day):
        return out[(day, fact.agency_id, fact.procedure_id)]

    received = at(fact.accepted_day)
    received[CHANNEL_COLUMN.get(fact.channel, "received_walk_in")] += 1
    received["paid"] += int(fact.paid)
    received["paid_online"] += int(fact.paid_online)
    received["digitised"] += int(fact.digitised)
    if fact.finished_day is not None:
        finished = at(fact.finished_day)
        finished[fact.outcome] += 1
        finished["resolved_seconds"] += fact.resolved_seconds
        finished["allowed_seconds"] += fact.allowed_seconds
    for start, end in fact.spans:
        at(start)["overdue_delta"] += 1
        if end is not None:
            at(end)["overdue_delta"] -= 1
    return out


def difference(new: dict[Key, Counter], old: dict[Key, Counter]) -> dict[Key, dict[str, int]]:
    delta: dict[Key, dict[str, int]] = {}
    for key in new.keys() | old.keys():
        values = {c: new.get(key, Counter())[c] - old.get(key, Counter())[c] for c in COUNTS}
        if any(values.values()):
            delta[key] = values
    return delta


def rolled(delta: dict[Key, dict[str, int]], key_of) -> dict[Key, dict[str, int]]:
    """The day deltas summed per official month or year."""
    out: dict[Key, dict[str, int]] = {}
    for (day, agency, procedure), values in delta.items():
        row = out.setdefault((key_of(day), agency, procedure), dict.fromkeys(COUNTS, 0))
        for column, value in values.items():
            row[column] += value
    return {key: values for key, values in out.items() if any(values.values())}


def upsert(model, period: str, delta: dict[Key, dict[str, int]]) -> None:
    if not delta:
        return
    table = model._meta.db_table
    columns = [period, "agency_id", "procedure_id", *COUNTS]
    rows = sorted(delta.items())
    values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    params = [p for key, counts in rows for p in (*key, *(counts[c] for c in COUNTS))]
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
            f"ON CONFLICT ({period}, agency_id, procedure_id) DO UPDATE SET {updates}", params)


def stored(row: DossierFact | None) -> Fact | None:
    if row is None:
        return None
    fields = {f: getattr(row, f) for f in Fact.__dataclass_fields__ if f != "spans"}
    spans = list(row.spans.order_by("start_day", "pk").values_list("start_day", "end_day"))
    return Fact(**fields, spans=spans)


def _sorted(fact: Fact | None):
    if fact is not None:
        fact.spans.sort(key=lambda s: (s[0], s[1] or datetime.date.max))
    return fact


def refresh(dossier) -> bool:
    """Bring the dossier's fact and its contribution to the totals up to date; True if anything moved."""
    row = DossierFact.objects.select_for_update().filter(pk=dossier.pk).first()
    old, new = _sorted(stored(row)), _sorted(fact_for(dossier))
    if old == new:
        return False
    delta = difference(contributions(new), contributions(old))
    upsert(DailyTotals, "day", delta)
    upsert(MonthlyTotals, "month", rolled(delta, periods.month_start))
    upsert(YearlyTotals, "year", rolled(delta, periods.year_start))
    if new is None:
        DossierFact.objects.filter(pk=dossier.pk).delete()
        return True
    fields = {f: getattr(new, f) for f in Fact.__dataclass_fields__ if f != "spans"}
    DossierFact.objects.update_or_create(pk=dossier.pk, defaults=fields)
    if old is None or old.spans != new.spans:
        OverdueSpan.objects.filter(dossier_id=dossier.pk).delete()
        OverdueSpan.objects.bulk_create(
            OverdueSpan(dossier_id=dossier.pk, start_day=start, end_day=end) for start, end in new.spans)
    return True


def on_event_recorded(sender, dossier, event, **kwargs):
    refresh(dossier)
