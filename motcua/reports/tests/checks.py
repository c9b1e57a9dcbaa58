"""Comparisons the aggregate tests share: incremental rows, rebuilt rows and the direct count."""

from __future__ import annotations

import datetime
from collections import Counter

from motcua.reports import aggregates, direct, totals
from motcua.reports.models import COUNTS, DailyTotals, DossierFact, MonthlyTotals, OverdueSpan, YearlyTotals

FORM06 = ["carried", "received_online", "received_walk_in", "received_post", "early", "on_time", "late",
          "withdrawn", "stopped", "pending", "overdue"]


def state() -> dict:
    """Facts, spans and the non-zero totals, in a comparable form."""
    facts = {f.pop("dossier_id"): f for f in DossierFact.objects.values()}
    spans = Counter(OverdueSpan.objects.values_list("dossier_id", "start_day", "end_day"))

    def rows(model, period):
        out = {}
        for row in model.objects.values(period, "agency_id", "procedure_id", *COUNTS):
            key = (row.pop(period), row.pop("agency_id"), row.pop("procedure_id"))
            if any(row.values()):
                out[key] = row
        return out

    return {"facts": facts, "spans": spans, "days": rows(DailyTotals, "day"),
            "months": rows(MonthlyTotals, "month"), "years": rows(YearlyTotals, "year")}


def from_totals(t1: datetime.date, t2: datetime.date) -> dict:
    out = {}
    for key, figures in totals.sums(t1, t2).items():
        kept = {c: figures[c] for c in FORM06 if figures[c]}
        if kept:
            out[key] = kept
    return out


def from_dossiers(t1: datetime.date, t2: datetime.date) -> dict:
    return {key: dict(c) for key, c in direct.counts(t1, t2).items() if any(c.values())}


def assert_matches_direct(t1: datetime.date, t2: datetime.date) -> None:
    expected, got = from_dossiers(t1, t2), from_totals(t1, t2)
    assert got == expected, f"{t1}–{t2}: aggregates {got} != direct {expected}"


def assert_rebuild_reproduces() -> None:
    """A rebuild from scratch and a partial one leave exactly what the incremental path wrote."""
    incremental = state()
    aggregates.rebuild()
    assert state() == incremental, "rebuild() differs from the incremental aggregates"
    aggregates.rebuild(since=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    assert state() == incremental, "rebuild(since=…) differs from the incremental aggregates"
