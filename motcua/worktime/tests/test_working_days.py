"""Due dates in working days, on real 2025–2026 calendars."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from motcua.worktime.calendar import CalendarRangeError, WorkCalendar

from .conftest import local


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # An ordinary week (Mon 2/3/2026).
        (local(2026, 3, 2, 8), 1, local(2026, 3, 3, 8)),
        (local(2026, 3, 2, 8), Decimal("0.5"), local(2026, 3, 2, 14)),
        (local(2026, 3, 2, 8), 0.5, local(2026, 3, 2, 14)),
        # Landing exactly at the end of a span stays there.
        (local(2026, 3, 2, 7), 1, local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 13, 30), Decimal("0.4375"), local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 13, 30), Decimal("0.5"), local(2026, 3, 3, 7, 30)),
        (local(2026, 3, 2, 7), Decimal("0.5625"), local(2026, 3, 2, 11, 30)),
        (local(2026, 3, 2, 7), 5, local(2026, 3, 6, 17)),
        # Before opening, during lunch, after closing.
        (local(2026, 3, 2, 5, 45), 1, local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 12, 15), 1, local(2026, 3, 3, 11, 30)),
        (local(2026, 3, 2, 12, 15), Decimal("0.5"), local(2026, 3, 3, 7, 30)),
        (local(2026, 3, 2, 11, 30), 1, local(2026, 3, 3, 11, 30)),
        (local(2026, 3, 2, 17, 0), 1, local(2026, 3, 3, 17)),
        (local(2026, 3, 2, 21, 10), Decimal("0.5"), local(2026, 3, 3, 11)),
        # Friday afternoon over a weekend; a Saturday reception counts from Monday.
        (local(2026, 3, 6, 15), 1, local(2026, 3, 9, 15)),
        (local(2026, 3, 6, 15), Decimal("0.5"), local(2026, 3, 9, 9)),
        (local(2026, 3, 7, 10), 1, local(2026, 3, 9, 17)),
        # Tết 2025 (25/1–2/2) and Tết 2026 (14/2–22/2).
        (local(2025, 1, 24, 9), 1, local(2025, 2, 3, 9)),
        (local(2025, 1, 27, 9), Decimal("0.5"), local(2025, 2, 3, 11)),
        (local(2026, 2, 13, 10), 1, local(2026, 2, 23, 10)),
        (local(2026, 2, 12, 10), 3, local(2026, 2, 24, 10)),
        # 30/4–1/5/2025 with Friday 2/5 swapped for the make-up Saturday 26/4.
        (local(2025, 4, 25, 9), 1, local(2025, 4, 26, 9)),
        (local(2025, 4, 29, 9), 1, local(2025, 5, 5, 9)),
        # 2/9/2025 with Monday 1/9.
        (local(2025, 8, 29, 16), 1, local(2025, 9, 3, 16)),
        # 2026: Giỗ Tổ in lieu on Monday 27/4, then 30/4–1/5.
        (local(2026, 4, 24, 10), 2, local(2026, 4, 29, 10)),
        (local(2026, 4, 24, 10), 3, local(2026, 5, 4, 10)),
        # 2026: 22/8 is a make-up Saturday for Monday 31/8; 1–2/9 off.
        (local(2026, 8, 21, 10), 1, local(2026, 8, 22, 10)),
        (local(2026, 8, 28, 10), 1, local(2026, 9, 3, 10)),
        # 24/11/2026, Ngày Văn hóa Việt Nam.
        (local(2026, 11, 23, 9), 1, local(2026, 11, 25, 9)),
        # Over New Year 2026 (1/1 off).
        (local(2025, 12, 31, 10), 1, local(2026, 1, 2, 10)),
        # N = 0 is the normalised reception.
        (local(2026, 3, 2, 9), 0, local(2026, 3, 2, 9)),
        (local(2026, 3, 2, 12), 0, local(2026, 3, 2, 13, 30)),
        (local(2026, 3, 6, 17), 0, local(2026, 3, 9, 7)),
        (local(2025, 1, 24, 17, 30), 0, local(2025, 2, 3, 7)),
    ],
)
def test_due_date(cal, received, days, due):
    result = cal.due_date(received, days)
    assert result == due
    assert result.utcoffset() == dt.timedelta(hours=7)


def test_any_input_zone(cal):
    received = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hà Nội
    assert cal.due_date(received, 1) == local(2026, 3, 3, 8)
    assert cal.due_date(received, 1).tzinfo == local(2026, 1, 1).tzinfo
    paris = dt.datetime(2026, 3, 2, 2, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert cal.due_date(paris, 1) == local(2026, 3, 3, 8)


def test_normalise(cal):
    assert cal.normalise(local(2026, 3, 2, 6)) == local(2026, 3, 2, 7)
    assert cal.normalise(local(2026, 3, 2, 11, 30)) == local(2026, 3, 2, 13, 30)
    assert cal.normalise(local(2026, 3, 2, 17)) == local(2026, 3, 3, 7)


def test_long_limits_and_far_years(cal):
    received = local(2025, 6, 2, 8)
    assert cal.working_time_between(received, cal.due_date(received, 3650)) == dt.timedelta(hours=8 * 3650)
    assert cal.due_date(local(2000, 1, 1, 0), 10) == local(2000, 1, 17, 17)  # 3/1/2000: New Year in lieu
    assert cal.due_date(local(2100, 6, 1, 8), 5).year == 2100
    with pytest.raises(CalendarRangeError):
        cal.due_date(local(2100, 12, 1, 8), 60)
    with pytest.raises(CalendarRangeError):
        cal.due_date(local(1999, 12, 31, 8), 1)


def test_span_reaching_back_after_a_later_year(cal):
    assert cal.due_date(local(2030, 3, 4, 8), 1) == local(2030, 3, 5, 8)
    assert cal.due_date(local(2026, 3, 2, 8), 1) == local(2026, 3, 3, 8)
    assert cal.due_date(local(2030, 3, 4, 8), 1) == local(2030, 3, 5, 8)


def test_bad_arguments(cal):
    with pytest.raises(ValueError):
        cal.due_date(dt.datetime(2026, 3, 2, 8), 1)  # naive
    with pytest.raises(ValueError):
        cal.due_date(local(2026, 3, 2, 8), -1)
    with pytest.raises(ValueError):
        cal.due_date(local(2026, 3, 2, 8), Decimal("NaN"))
    with pytest.raises(TypeError):
        cal.due_date(local(2026, 3, 2, 8), "1")


def test_add_working_time_for_steps(cal):
    assert cal.add_working_time(local(2026, 3, 2, 16), dt.timedelta(hours=2)) == local(2026, 3, 3, 8)


def test_working_days_helpers(cal):
    assert cal.is_working_day(dt.date(2025, 4, 26))
    assert not cal.is_working_day(dt.date(2025, 5, 2))
    assert cal.next_working_day(dt.date(2025, 4, 29)) == dt.date(2025, 5, 5)
    assert cal.next_working_day(dt.date(2026, 3, 2)) == dt.date(2026, 3, 3)
    assert cal.working_day_on_or_after(dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)
    assert cal.working_day_on_or_after(dt.date(2026, 2, 14)) == dt.date(2026, 2, 23)
    assert cal.next_working_day(dt.date(2025, 12, 31)) == dt.date(2026, 1, 2)
    assert cal.working_days_between(dt.date(2026, 2, 9), dt.date(2026, 2, 28)) == 5 + 0 + 5
    assert cal.working_days_between(dt.date(2026, 2, 28), dt.date(2026, 2, 9)) == -10


def test_hours_are_configurable():
    from motcua.worktime.calendar import Hours

    cal = WorkCalendar(hours=Hours(dt.time(7, 30), dt.time(11, 30), dt.time(13, 0), dt.time(16, 0)))
    assert cal.hours.day == 7 * 3600 * 10**6
    assert cal.hours_per_day == 7
    assert WorkCalendar().hours_per_day == 8
    assert cal.due_date(local(2026, 3, 2, 7, 0), 1) == local(2026, 3, 2, 16)
    assert cal.due_date(local(2026, 3, 2, 7, 30), Decimal("0.5")) == local(2026, 3, 2, 11)
    assert cal.add_working_time(local(2026, 3, 2, 12), dt.timedelta(hours=3)) == local(2026, 3, 2, 16)
    with pytest.raises(ValueError):
        Hours(dt.time(11), dt.time(7), dt.time(13), dt.time(17))
