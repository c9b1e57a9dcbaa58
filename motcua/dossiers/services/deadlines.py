"""Legal and step deadlines, always through the working calendar."""

import datetime
from decimal import Decimal

from django.utils import timezone

from motcua.catalog.models import LimitUnit, ProcessStep
from motcua.worktime.calendar import get_calendar

from ..models import Channel, Dossier


def take_snapshot(dossier: Dossier, day: datetime.date) -> None:
    """Copy the time limit and the process version in force at acceptance onto the dossier."""
    procedure = dossier.procedure
    limit = procedure.time_limit
    if dossier.channel == Channel.ONLINE and procedure.online_time_limit is not None:
        limit = procedure.online_time_limit
    dossier.time_limit = limit
    dossier.time_limit_unit = procedure.time_limit_unit
    dossier.same_day_cutoff = procedure.same_day_cutoff
    dossier.obligation_wait_counts = procedure.obligation_wait_counts
    dossier.process_version = procedure.current_process(dossier.competent_agency, day)
    dossier.fee_amount = procedure.total_fees()


def legal_due(dossier: Dossier, accepted_at: datetime.datetime) -> datetime.datetime:
    calendar = get_calendar()
    if dossier.same_day_cutoff is not None:
        return calendar.same_day_due(accepted_at, dossier.same_day_cutoff)
    if dossier.time_limit_unit == LimitUnit.CALENDAR_DAYS:
        return calendar.due_date_calendar_days(accepted_at, int(dossier.time_limit))
    return calendar.due_date(accepted_at, Decimal(dossier.time_limit))


def step_due(step: ProcessStep, entered_at: datetime.datetime) -> datetime.datetime:
    return get_calendar().add_working_time(entered_at, datetime.timedelta(hours=float(step.hours)))


def moved_by_pause(due_at, paused_from, paused_until):
    return get_calendar().add_pause(due_at, paused_from, paused_until)


def end_pause(dossier: Dossier, kind: str, now: datetime.datetime):
    """Close the dossier's open pause of `kind`; when it stopped the clock, the legal due date moves
    later by the working time paused. Returns the pause and the due date before it moved."""
    pause = dossier.pauses.select_for_update().get(ended_at__isnull=True, kind=kind)
    pause.ended_at = now
    pause.save()
    old_due = dossier.due_at
    if pause.stops_clock and dossier.due_at:
        dossier.due_at = moved_by_pause(dossier.due_at, pause.started_at, now)
    dossier.paused_since = None
    return pause, old_due


def timeliness(done_at: datetime.datetime, due_at: datetime.datetime | None) -> str:
    """early / on_time / late, compared by local date as the report forms do."""
    if due_at is None:
        return "on_time"
    done, due = timezone.localdate(done_at), timezone.localdate(due_at)
    if done_at > due_at:
        return "late"
    return "early" if done < due else "on_time"
