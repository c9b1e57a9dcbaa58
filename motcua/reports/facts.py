"""One dossier's fact and overdue spans, computed in Python for the incremental path.

aggregates.py computes the same rows set-based in SQL for a rebuild; the tests hold the two equal.
Local days are the province's (settings.TIME_ZONE); "by the end of day D" means before the next
local midnight, so an event exactly at midnight belongs to the day it starts.
"""

from __future__ import annotations

import datetime
import math
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings

from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, Payment
from motcua.dossiers.workflow import Status

# Payment gateways (VNPay, the national payment platform); the desk records cash, card, transfer.
ONLINE_METHODS = ("vnpay", "payment_platform")
RESULT = (Status.RESULT_READY, Status.RETURNED)
FINISHED = (Status.WITHDRAWN, Status.STOPPED, *RESULT)


def zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(zone()).date()


def seconds(later: datetime.datetime, earlier: datetime.datetime) -> int:
    # Whole epoch seconds on both sides, as the SQL rebuild counts them.
    return math.floor(later.timestamp()) - math.floor(earlier.timestamp())


def outcome_of(status: int, finished_at, due_at) -> str:
    if status == Status.WITHDRAWN:
        return "withdrawn"
    if status == Status.STOPPED:
        return "stopped"
    # services.deadlines.timeliness: late after the legal due instant; early on an earlier local date.
    if finished_at > due_at:
        return "late"
    return "early" if local_day(finished_at) < local_day(due_at) else "on_time"


@dataclass
class Fact:
    agency_id: int
    procedure_id: int
    channel: str
    accepted_day: datetime.date
    finished_day: datetime.date | None = None
    outcome: str = ""
    resolved_seconds: int = 0
    allowed_seconds: int = 0
    paid: bool = False
    paid_online: bool = False
    digitised: bool = False
    spans: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)


def overdue_spans(events, obligation_wait_counts: bool) -> list[tuple[datetime.date, datetime.date | None]]:
    """Events as (at, due_at, to_status) in (at, pk) order. Between two events the state is the one the
    first left; it is overdue at the end of day D when the clock runs unpaused and due_at falls on or
    before D: D from max(day(at), day(due)) up to, not including, the day of the next event."""
    spans = []
    for index, (at, due_at, to_status) in enumerate(events):
        running = to_status in (Status.ACCEPTED, Status.PROCESSING) or (
            to_status == Status.OBLIGATION and obligation_wait_counts)
        if due_at is None or not running:
            continue  # not accepted yet, finished, or the clock is stopped (supplement, obligation)
        start = max(local_day(at), local_day(due_at))
        following = events[index + 1][0] if index + 1 < len(events) else None
        end = local_day(following) if following is not None else None
        if end is None or start < end:
            spans.append((start, end))
    return spans


def fact_for(dossier: Dossier) -> Fact | None:
    """The dossier's fact as its rows stand now (None while it has never been accepted)."""
    if dossier.accepted_at is None:
        return None
    fact = Fact(dossier.competent_agency_id, dossier.procedure_id, dossier.channel, local_day(dossier.accepted_at))
    if dossier.status in FINISHED and dossier.finished_at is not None:
        fact.finished_day = local_day(dossier.finished_at)
        fact.outcome = outcome_of(dossier.status, dossier.finished_at, dossier.due_at)
        if dossier.status in RESULT:
            fact.resolved_seconds = seconds(dossier.finished_at, dossier.accepted_at)
            fact.allowed_seconds = seconds(dossier.due_at, dossier.accepted_at)
    payments = set(Payment.objects.filter(dossier=dossier.pk).values_list("method", flat=True).distinct())
    fact.paid = bool(payments)
    fact.paid_online = bool(payments & set(ONLINE_METHODS))
    files = set(DossierFile.objects.filter(dossier=dossier.pk).values_list("digitised", flat=True).distinct())
    fact.digitised = files == {True}
    events = list(DossierEvent.objects.filter(dossier=dossier.pk).order_by("at", "pk")
                  .values_list("at", "due_at", "to_status"))
    fact.spans = overdue_spans(events, dossier.obligation_wait_counts)
    return fact
