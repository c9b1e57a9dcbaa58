"""Every change to the calendar: atomic, audited, and bumping the calendar version."""

import datetime as dt
import uuid

from django.db import transaction
from django.db.models import F

from motcua.worktime.models import CalendarEvent, CalendarOverride, CalendarVersion, WorkingHours


def _bump(action: str, note: str, actor=None) -> int:
    """Move the calendar to a new version; call inside the change's transaction."""
    updated = CalendarVersion.objects.filter(pk=1).update(number=F("number") + 1, token=uuid.uuid4())
    if not updated:
        # Only after a flush: the migration creates the row.
        CalendarVersion.objects.create(pk=1, number=1)
    number = CalendarVersion.objects.values_list("number", flat=True).get(pk=1)
    CalendarEvent.objects.create(action=action, note=note, version=number, actor=_user(actor))
    return number


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def save_override(override: CalendarOverride, *, actor=None) -> CalendarOverride:
    """Create or change an override from a (possibly unsaved) instance."""
    with transaction.atomic():
        override.full_clean()
        override.save()
        _bump("override.saved", f"{override.date.isoformat()} {override.kind}: {override.reason}", actor)
    return override


def set_override(day: dt.date, kind: str, reason: str, *, actor=None) -> CalendarOverride:
    """Make `day` a day off or a working day, whatever the law says; replaces any override of that day."""
    with transaction.atomic():
        override = CalendarOverride.objects.select_for_update().filter(date=day).first()
        override = override or CalendarOverride(date=day)
        override.kind, override.reason = kind, reason
        return save_override(override, actor=actor)


def remove_override(override: CalendarOverride, *, actor=None) -> None:
    with transaction.atomic():
        note = f"{override.date.isoformat()} {override.kind}: {override.reason}"
        override.delete()
        _bump("override.removed", note, actor)


def save_working_hours(hours: WorkingHours, *, actor=None) -> WorkingHours:
    # One row: whatever instance the caller edited becomes row 1.
    with transaction.atomic():
        hours.pk = 1
        hours.full_clean(validate_unique=False)
        hours.save()
        _bump("hours.saved", str(hours), actor)
    return hours


def set_working_hours(
    morning_start: dt.time,
    morning_end: dt.time,
    afternoon_start: dt.time,
    afternoon_end: dt.time,
    *,
    actor=None,
) -> WorkingHours:
    with transaction.atomic():
        hours = WorkingHours.objects.select_for_update().filter(pk=1).first() or WorkingHours(pk=1)
        hours.morning_start, hours.morning_end = morning_start, morning_end
        hours.afternoon_start, hours.afternoon_end = afternoon_start, afternoon_end
        return save_working_hours(hours, actor=actor)
