"""Properties of the arithmetic, checked also against a day-by-day reference."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from motcua.worktime.calendar import DAY_OFF, WORKING_DAY, Hours, Override, WorkCalendar, local_zone

TZ = local_zone()
US = dt.timedelta(microseconds=1)

# Zones without summer time: aware datetimes in a DST gap or fold never compare equal across zones.
zones = st.sampled_from(
    [TZ, dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30)), ZoneInfo("Asia/Tokyo")]
)
moments = st.datetimes(
    min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2027, 1, 31), timezones=zones
)
amounts = st.decimals(min_value=0, max_value=60, places=2)
positive = st.decimals(min_value=Decimal("0.01"), max_value=60, places=2)
hours = st.sampled_from(
    [
        Hours(dt.time(7), dt.time(11, 30), dt.time(13, 30), dt.time(17)),
        Hours(dt.time(8), dt.time(12), dt.time(12), dt.time(16, 45)),  # no lunch break
        Hours(dt.time(7, 15, 30), dt.time(11, 0), dt.time(13, 0), dt.time(16, 30)),
    ]
)
overrides = st.dictionaries(
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
    st.builds(Override, st.sampled_from([DAY_OFF, WORKING_DAY]), st.just("thử")),
    max_size=25,
)
calendars = st.builds(WorkCalendar, overrides, hours)


def in_office(cal: WorkCalendar, moment: dt.datetime) -> bool:
    local = moment.astimezone(TZ)
    t = local.timetz().replace(tzinfo=None)
    ms, me, as_, ae = cal.hours.times
    return cal.is_working_day(local.date()) and (ms <= t <= me or as_ <= t <= ae)


def reference_due(cal: WorkCalendar, received: dt.datetime, amount: dt.timedelta) -> dt.datetime:
    """Walk the office spans one by one."""
    ms, me, as_, ae = cal.hours.times
    local = received.astimezone(TZ)
    day, now = local.date(), local.time()
    while True:
        if cal.is_working_day(day):
            for start, end in ((ms, me), (as_, ae)):
                begin = max(now, start)
                if begin >= end:
                    continue
                begin_at = dt.datetime.combine(day, begin, tzinfo=TZ)
                room = dt.datetime.combine(day, end, tzinfo=TZ) - begin_at
                if amount <= room:
                    return begin_at + amount
                amount -= room
        day, now = day + dt.timedelta(days=1), dt.time(0)


@given(calendars, moments, amounts)
def test_due_dates_fall_in_office_hours(cal, received, days):
    due = cal.due_date(received, days)
    assert in_office(cal, due)
    assert due >= received
    assert due.tzinfo == TZ


@given(calendars, moments, amounts)
def test_matches_the_day_by_day_reference(cal, received, days):
    amount = dt.timedelta(microseconds=int(days * cal.hours.day))
    assert cal.due_date(received, days) == reference_due(cal, received, amount)


@given(calendars, moments, amounts, positive)
def test_adding_a_then_b_equals_adding_a_plus_b(cal, received, a, b):
    assert cal.due_date(cal.due_date(received, a), b) == cal.due_date(received, a + b)


@given(calendars, moments, moments, amounts)
def test_monotone_in_reception(cal, first, second, days):
    first, second = sorted([first, second])
    assert cal.due_date(first, days) <= cal.due_date(second, days)


@given(calendars, moments, amounts)
def test_working_time_to_the_due_date_is_the_limit(cal, received, days):
    due = cal.due_date(received, days)
    assert cal.working_time_between(received, due) // US == int(days * cal.hours.day)


@given(calendars, moments, moments)
def test_empty_pause_changes_nothing(cal, due, moment):
    assert cal.add_pause(due, moment, moment) == due


@given(calendars, moments, moments, moments, moments)
def test_pauses_add_up(cal, due, p, q, r):
    p, q, r = sorted([p, q, r])
    assert cal.add_pause(cal.add_pause(due, p, q), q, r) == cal.add_pause(due, p, r)


@given(calendars, moments, st.integers(min_value=0, max_value=400))
def test_calendar_days_land_on_a_working_day_same_time(cal, received, days):
    due = cal.due_date_calendar_days(received, days)
    local = received.astimezone(TZ)
    assert cal.is_working_day(due.date())
    assert due.time() == local.time()
    assert due.date() >= local.date() + dt.timedelta(days=days)
    assert not any(
        cal.is_working_day(local.date() + dt.timedelta(days=d))
        for d in range(days, (due.date() - local.date()).days)
    )


@given(calendars, moments, st.times())
def test_same_day_due_is_closing_time_of_a_working_day(cal, received, cutoff):
    due = cal.same_day_due(received, cutoff)
    assert cal.is_working_day(due.date())
    assert due.timetz().replace(tzinfo=None) == cal.hours.closing
    assert due >= received
