"""Limits in calendar days: add the days, then skip days off keeping the time of day."""

import pytest

from motcua.worktime.calendar import CalendarRangeError

from .conftest import local


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (local(2026, 3, 2, 9, 15), 10, local(2026, 3, 12, 9, 15)),
        # Lands on 30/4/2025; 1/5, 2/5 (swap) and the weekend follow.
        (local(2025, 4, 20, 10), 10, local(2025, 5, 5, 10)),
        # Lands on Saturday 26/4/2025, a make-up working day: stays.
        (local(2025, 4, 16, 10), 10, local(2025, 4, 26, 10)),
        # Lands in Tết 2026.
        (local(2026, 2, 1, 14), 15, local(2026, 2, 23, 14)),
        # Lands on a Sunday; the time of day is kept even outside office hours.
        (local(2026, 3, 7, 20, 0), 1, local(2026, 3, 9, 20, 0)),
        (local(2026, 3, 2, 9), 0, local(2026, 3, 2, 9)),
        (local(2026, 11, 14, 8), 10, local(2026, 11, 25, 8)),  # 24/11/2026
    ],
)
def test_calendar_days(cal, received, days, due):
    assert cal.due_date_calendar_days(received, days) == due


def test_bad_counts(cal):
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            cal.due_date_calendar_days(local(2026, 3, 2, 9), bad)
    with pytest.raises(CalendarRangeError):
        cal.due_date_calendar_days(local(2100, 12, 1, 9), 60)
