"""The admin goes through the services, so each change bumps the calendar version."""

import datetime as dt

import pytest
from django.urls import reverse

from motcua.worktime.calendar import get_calendar
from motcua.worktime.models import CalendarEvent, CalendarOverride, CalendarVersion, WorkingHours

pytestmark = pytest.mark.django_db


def number() -> int:
    return CalendarVersion.current_key()[0]


def test_add_change_delete_an_override(admin_client, admin_user):
    start = number()
    response = admin_client.post(
        reverse("admin:worktime_calendaroverride_add"),
        {"date": "2026-03-10", "kind": "day_off", "reason": "Nghỉ đột xuất"},
    )
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert number() == start + 1
    assert not get_calendar().is_working_day(dt.date(2026, 3, 10))
    assert CalendarEvent.objects.get().actor == admin_user

    admin_client.post(
        reverse("admin:worktime_calendaroverride_change", args=[override.pk]),
        {"date": "2026-03-11", "kind": "day_off", "reason": "Nghỉ đột xuất"},
    )
    assert number() == start + 2
    assert get_calendar().is_working_day(dt.date(2026, 3, 10))
    assert not get_calendar().is_working_day(dt.date(2026, 3, 11))

    admin_client.post(reverse("admin:worktime_calendaroverride_delete", args=[override.pk]), {"post": "yes"})
    assert number() == start + 3
    assert not CalendarOverride.objects.exists()


def test_bulk_delete(admin_client):
    for day in (10, 11):
        admin_client.post(
            reverse("admin:worktime_calendaroverride_add"),
            {"date": f"2026-03-{day}", "kind": "day_off", "reason": "thử"},
        )
    start = number()
    admin_client.post(
        reverse("admin:worktime_calendaroverride_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(CalendarOverride.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert not CalendarOverride.objects.exists()
    assert number() == start + 2


def test_working_hours(admin_client):
    start = number()
    response = admin_client.post(
        reverse("admin:worktime_workinghours_add"),
        {
            "morning_start": "07:30",
            "morning_end": "11:30",
            "afternoon_start": "13:00",
            "afternoon_end": "17:00",
        },
    )
    assert response.status_code == 302
    assert number() == start + 1
    assert get_calendar().hours.times[0] == dt.time(7, 30)
    assert admin_client.get(reverse("admin:worktime_workinghours_add")).status_code == 403

    response = admin_client.post(
        reverse("admin:worktime_workinghours_change", args=[1]),
        {
            "morning_start": "07:30",
            "morning_end": "14:00",
            "afternoon_start": "13:00",
            "afternoon_end": "17:00",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert number() == start + 1
    assert WorkingHours.objects.get().morning_end == dt.time(11, 30)


def test_pages_render(admin_client):
    for name in ("calendaroverride", "workinghours", "calendarevent"):
        assert admin_client.get(reverse(f"admin:worktime_{name}_changelist")).status_code == 200
