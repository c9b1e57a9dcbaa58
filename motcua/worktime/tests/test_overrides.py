"""Overrides and working hours: written through services, versioned, seen at once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.worktime import services
from motcua.worktime.calendar import get_calendar
from motcua.worktime.models import CalendarEvent, CalendarOverride, CalendarVersion, OverrideKind

from .conftest import local

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 3, 9, 8)


def test_a_new_day_off_moves_later_computations_only():
    before = get_calendar()
    stored_due = before.due_date(MONDAY, 1)
    assert stored_due == local(2026, 3, 10, 8)

    services.set_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF, "Nghỉ đột xuất (thử)")

    after = get_calendar()
    assert after.version == before.version + 1
    assert after is not before
    assert after.due_date(MONDAY, 1) == local(2026, 3, 11, 8)
    # The calendar of the old version, and any date computed from it, stay as they were.
    assert before.due_date(MONDAY, 1) == stored_due
    assert not after.is_working_day(dt.date(2026, 3, 10))


def test_the_calendar_is_cached_per_version(django_assert_num_queries):
    get_calendar()
    with django_assert_num_queries(1):
        calendar = get_calendar()
    with django_assert_num_queries(1):
        assert get_calendar() is calendar


def test_a_weekend_made_working_day():
    services.set_override(dt.date(2026, 3, 14), OverrideKind.WORKING_DAY, "Làm bù (thử)")
    assert get_calendar().due_date(local(2026, 3, 13, 15), 1) == local(2026, 3, 14, 15)


def test_an_override_wins_over_the_law():
    # A holiday the Government moved: 1/9/2026 worked, 3/9/2026 off (hypothetical).
    services.set_override(dt.date(2026, 9, 1), OverrideKind.WORKING_DAY, "Hoán đổi (thử)")
    services.set_override(dt.date(2026, 9, 3), OverrideKind.DAY_OFF, "Hoán đổi (thử)")
    calendar = get_calendar()
    assert calendar.is_working_day(dt.date(2026, 9, 1))
    assert not calendar.is_working_day(dt.date(2026, 9, 3))
    assert calendar.due_date(local(2026, 8, 28, 9), 1) == local(2026, 9, 1, 9)


def test_set_override_replaces_and_remove_restores():
    day = dt.date(2026, 3, 10)
    services.set_override(day, OverrideKind.DAY_OFF, "Lần 1")
    override = services.set_override(day, OverrideKind.DAY_OFF, "Lần 2")
    assert CalendarOverride.objects.get(date=day).reason == "Lần 2"
    services.remove_override(override)
    assert get_calendar().is_working_day(day)
    assert list(CalendarEvent.objects.values_list("action", flat=True)) == [
        "override.saved",
        "override.saved",
        "override.removed",
    ]
    assert CalendarEvent.objects.last().version == CalendarVersion.objects.get().number


def test_invalid_override_writes_nothing():
    number = CalendarVersion.current_key()[0]
    with pytest.raises(ValidationError):
        services.set_override(dt.date(2026, 3, 10), "holiday", "sai loại")
    with pytest.raises(ValidationError):
        services.set_override(dt.date(1990, 3, 10), OverrideKind.DAY_OFF, "ngoài phạm vi")
    assert CalendarVersion.current_key()[0] == number
    assert not CalendarOverride.objects.exists()


def test_a_rolled_back_change_is_never_served_later():
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.set_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF, "bị huỷ")
        assert not get_calendar().is_working_day(dt.date(2026, 3, 10))  # cached under the new number
        raise Abort
    services.set_override(dt.date(2026, 3, 11), OverrideKind.DAY_OFF, "giữ lại")
    calendar = get_calendar()
    assert calendar.is_working_day(dt.date(2026, 3, 10))
    assert not calendar.is_working_day(dt.date(2026, 3, 11))


def test_working_hours():
    hours = services.set_working_hours(dt.time(7, 30), dt.time(11, 30), dt.time(13, 0), dt.time(16, 30))
    calendar = get_calendar()
    assert calendar.hours.day == 7.5 * 3600 * 10**6
    assert calendar.due_date(local(2026, 3, 9, 7), 1) == local(2026, 3, 9, 16, 30)
    assert calendar.due_date(local(2026, 3, 9, 7), Decimal("0.5")) == local(2026, 3, 9, 11, 15)
    assert calendar.same_day_due(local(2026, 3, 9, 10), dt.time(15)) == local(2026, 3, 9, 16, 30)
    assert hours.pk == 1
    assert CalendarEvent.objects.filter(action="hours.saved").count() == 1


def test_working_hours_must_be_in_order():
    number = CalendarVersion.current_key()[0]
    with pytest.raises(ValidationError):
        services.set_working_hours(dt.time(7), dt.time(14), dt.time(13), dt.time(17))
    assert CalendarVersion.current_key()[0] == number
    assert get_calendar().hours.times == (dt.time(7), dt.time(11, 30), dt.time(13, 30), dt.time(17))


def test_special_days_of_a_year_include_overrides():
    services.set_override(dt.date(2026, 1, 2), OverrideKind.DAY_OFF, "Nghỉ bù Tết Dương lịch (thử)")
    services.set_override(dt.date(2026, 1, 10), OverrideKind.WORKING_DAY, "Làm bù cho 2/1 (thử)")
    days_off, working = get_calendar().special_days(2026)
    assert (dt.date(2026, 1, 2), "Nghỉ bù Tết Dương lịch (thử)", "override") in days_off
    assert (dt.date(2026, 1, 1), "Tết Dương lịch", "law") in days_off
    assert [(d.date, d.source) for d in working] == [
        (dt.date(2026, 1, 10), "override"),
        (dt.date(2026, 8, 22), "law"),
    ]
