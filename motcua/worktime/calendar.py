"""Working-calendar arithmetic: the one place where time limits become due dates.

Other apps call it like this::

    from motcua.worktime.calendar import get_calendar

    cal = get_calendar()        # one tiny query: the calendar bound to the current version
    due = cal.due_date(received_at, Decimal("15"))          # 15 working days
    due = cal.due_date_calendar_days(received_at, 30)       # 30 calendar days
    due = cal.same_day_due(received_at, cutoff=time(15, 0)) # same-day procedures
    due = cal.add_pause(due, paused_from, paused_until)     # supplement / payment wait

`WorkCalendar` (what `get_calendar()` returns; `cal.version` says which version it is):

- `due_date(received_at, working_days) -> datetime`: N working days are N × (hours of a
  working day) counted from the normalised reception (`normalise`). A result exactly at the
  end of a morning or afternoon (11:30, 17:00) stays there. N = 0 gives the normalised
  reception. N is an int, a Decimal or a float; fractions are fine.
- `add_working_time(start, amount: timedelta) -> datetime`: the same with a duration, for
  internal steps whose limits are in hours.
- `normalise(at) -> datetime`: the moment work on something received at `at` can start:
  before opening → opening; lunch → afternoon opening; after closing or on a day off → the
  next working day's opening.
- `due_date_calendar_days(received_at, n) -> datetime`: n calendar days later at the same
  time of day; a day off moves it to the next working day, same time of day.
- `same_day_due(received_at, cutoff) -> datetime`: closing time of the reception day when
  received on a working day before `cutoff` (and before closing); otherwise closing time of
  the next working day.
- `add_pause(due_at, paused_from, paused_until) -> datetime`: `due_at` moved later by the
  working time of the pause.
- `working_time_between(a, b) -> timedelta`: working time from a to b (negative if b < a).
- `working_days_between(start, end) -> int`: working days d with start ≤ d < end.
- `is_working_day(day)`, `next_working_day(day)` (strictly after), `working_day_on_or_after(day)`.
- `hours_per_day -> Decimal`: working hours in a working day (8 with the default hours).
- `special_days(year) -> (days_off, working_days)`: named days off and make-up working days
  of a year, each a `SpecialDay(date, name, source)` with source "law" or "override".

Datetimes must be aware (any zone); results are aware, in settings.TIME_ZONE. Years run
from 2000 to 2100; anything outside raises `CalendarRangeError` (a ValueError).

How it stays fast: working time is an integer count of microseconds on a line that starts
at the opening of the first working day of a span of years, each working day taking exactly
one day's worth of working time. The span keeps its working days as a sorted list of date
ordinals, so a datetime ↔ line conversion is one bisect, whatever the distance. Years are
added to the span only when a computation reaches them.
"""

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.worktime.law import law_year

MIN_YEAR = 2000
MAX_YEAR = 2100
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
_ONE_US = dt.timedelta(microseconds=1)


class CalendarRangeError(ValueError):
    """A date outside the years the calendar answers for."""


class Override(NamedTuple):
    kind: str  # DAY_OFF or WORKING_DAY
    reason: str


class SpecialDay(NamedTuple):
    date: dt.date
    name: str
    source: str  # "law" or "override"


@lru_cache(maxsize=4)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_zone() -> ZoneInfo:
    return _zone(settings.TIME_ZONE)


def _us_of(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


class Hours:
    """Office hours of a working day, as microseconds since midnight."""

    def __init__(
        self, morning_start: dt.time, morning_end: dt.time, afternoon_start: dt.time, afternoon_end: dt.time
    ):
        self.times = (morning_start, morning_end, afternoon_start, afternoon_end)
        self.ms, self.me, self.as_, self.ae = (_us_of(t) for t in self.times)
        if not self.ms < self.me <= self.as_ < self.ae:
            raise ValueError("working hours out of order")
        self.morning = self.me - self.ms
        self.day = self.morning + self.ae - self.as_

    @property
    def closing(self) -> dt.time:
        return self.times[3]

    def worked_by(self, s: int) -> int:
        """Working time of a working day already gone at time-of-day s."""
        if s <= self.ms:
            return 0
        if s <= self.me:
            return s - self.ms
        if s <= self.as_:
            return self.morning
        if s <= self.ae:
            return self.morning + s - self.as_
        return self.day

    def time_of(self, r: int, end_side: bool) -> int:
        """Time of day when r of the day's working time is done.

        At a boundary shared by two spans, `end_side` picks the end of the earlier one.
        """
        if r < self.morning or (end_side and r == self.morning):
            return self.ms + r
        return self.as_ + r - self.morning


DEFAULT_HOURS = Hours(dt.time(7, 0), dt.time(11, 30), dt.time(13, 30), dt.time(17, 0))


class _Year(NamedTuple):
    ordinals: tuple[int, ...]
    working: frozenset[int]


class _Span:
    """The working days of years lo..hi; later years are appended, never inserted."""

    def __init__(self, calendar: "WorkCalendar", lo: int):
        self._calendar = calendar
        self.lo = lo
        self.hi = lo - 1
        self.days: list[int] = []
        self._lock = threading.Lock()

    def cover(self, year: int) -> None:
        if year <= self.hi:
            return
        if year > MAX_YEAR:
            raise CalendarRangeError(f"the calendar ends in {MAX_YEAR}")
        with self._lock:
            while self.hi < year:
                self.days.extend(self._calendar._year(self.hi + 1).ordinals)
                self.hi += 1

    def day(self, k: int) -> int:
        while k >= len(self.days):
            self.cover(self.hi + 1)
        return self.days[k]


class WorkCalendar:
    """The calendar of one version: the law's days off, the overrides, the office hours."""

    def __init__(
        self,
        overrides: Mapping[dt.date, Override] | None = None,
        hours: Hours = DEFAULT_HOURS,
        version: object = None,
    ):
        self.version = version
        self.hours = hours
        self._overrides = dict(overrides or {})
        self._years: dict[int, _Year] = {}
        self._span_: _Span | None = None
        self._span_lock = threading.Lock()

    # Tables -------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        _check_year(year)
        law = law_year(year)
        first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        ordinals = []
        for ordinal in range(first, last + 1):
            day = dt.date.fromordinal(ordinal)
            override = self._overrides.get(day)
            if override is not None:
                if override.kind == WORKING_DAY:
                    ordinals.append(ordinal)
            elif law.is_working_day(day):
                ordinals.append(ordinal)
        built = _Year(tuple(ordinals), frozenset(ordinals))
        self._years[year] = built
        return built

    def _span(self, lo: int, hi: int) -> _Span:
        _check_year(lo)
        span = self._span_
        if span is None or lo < span.lo:
            with self._span_lock:
                span = self._span_
                if span is None or lo < span.lo:
                    # Coordinates are relative to the span's first year, so a span that
                    # must reach further back is a new span; operations hold their own.
                    new = _Span(self, lo)
                    new.cover(span.hi if span else lo)
                    self._span_ = span = new
        span.cover(min(hi, MAX_YEAR))
        return span

    # Conversions --------------------------------------------------------------------

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("an aware datetime is required")
        try:
            local = moment.astimezone(local_zone())
        except OverflowError:
            raise CalendarRangeError("outside the years datetime can hold") from None
        _check_year(local.year)
        return local

    def _coord(self, span: _Span, local: dt.datetime) -> int:
        span.cover(local.year)
        ordinal = local.toordinal()
        i = bisect_left(span.days, ordinal)
        if i < len(span.days) and span.days[i] == ordinal:
            return i * self.hours.day + self.hours.worked_by(_us_of(local.time()))
        return i * self.hours.day

    def _at(self, span: _Span, x: int, end_side: bool) -> dt.datetime:
        k, r = divmod(x, self.hours.day)
        if end_side and r == 0 and k > 0:
            k, r = k - 1, self.hours.day
        day = dt.date.fromordinal(span.day(k))
        start = dt.datetime(day.year, day.month, day.day, tzinfo=local_zone())
        return start + dt.timedelta(microseconds=self.hours.time_of(r, end_side))

    def _working_days_us(self, working_days) -> int:
        if isinstance(working_days, float):
            working_days = Decimal(repr(working_days))
        elif isinstance(working_days, int):
            working_days = Decimal(working_days)
        if not isinstance(working_days, Decimal):
            raise TypeError("working_days must be a Decimal, an int or a float")
        if not working_days.is_finite() or working_days < 0:
            raise ValueError("working_days must be a finite number ≥ 0")
        return int((working_days * self.hours.day).to_integral_value(rounding=ROUND_HALF_UP))

    # Public API ---------------------------------------------------------------------

    @property
    def hours_per_day(self) -> Decimal:
        """Working hours in one working day (8 by default)."""
        return Decimal(self.hours.day) / Decimal(3_600_000_000)

    def is_working_day(self, day: dt.date) -> bool:
        return day.toordinal() in self._year(day.year).working

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        span = self._span(day.year, day.year + 1)
        return dt.date.fromordinal(span.day(bisect_left(span.days, day.toordinal())))

    def next_working_day(self, day: dt.date) -> dt.date:
        span = self._span(day.year, day.year + 1)
        return dt.date.fromordinal(span.day(bisect_right(span.days, day.toordinal())))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        span = self._span(start.year, end.year)
        return bisect_left(span.days, end.toordinal()) - bisect_left(span.days, start.toordinal())

    def normalise(self, at: dt.datetime) -> dt.datetime:
        local = self._local(at)
        span = self._span(local.year, local.year + 1)
        return self._at(span, self._coord(span, local), end_side=False)

    def add_working_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        if amount < dt.timedelta(0):
            raise ValueError("amount must not be negative")
        return self._add(start, amount // _ONE_US)

    def due_date(self, received_at: dt.datetime, working_days: Decimal | int | float) -> dt.datetime:
        return self._add(received_at, self._working_days_us(working_days))

    def _add(self, start: dt.datetime, amount_us: int) -> dt.datetime:
        local = self._local(start)
        # About 245 working days a year; reaching past the guess just extends the span.
        years = amount_us // (self.hours.day * 200)
        span = self._span(local.year, local.year + 1 + years)
        x = self._coord(span, local) + amount_us
        return self._at(span, x, end_side=amount_us > 0)

    def due_date_calendar_days(self, received_at: dt.datetime, days: int) -> dt.datetime:
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError("days must be an int ≥ 0")
        local = self._local(received_at)
        ordinal = local.toordinal() + days
        if ordinal > dt.date(MAX_YEAR, 12, 31).toordinal():
            raise CalendarRangeError(f"the calendar ends in {MAX_YEAR}")
        day = self.working_day_on_or_after(dt.date.fromordinal(ordinal))
        return dt.datetime.combine(day, local.time(), tzinfo=local_zone())

    def same_day_due(self, received_at: dt.datetime, cutoff: dt.time) -> dt.datetime:
        local = self._local(received_at)
        day = local.date()
        # A cut-off after closing time cannot keep a due date from preceding its reception.
        cutoff = min(cutoff.replace(tzinfo=None), self.hours.closing)
        if not (self.is_working_day(day) and local.time() < cutoff):
            day = self.next_working_day(day)
        return dt.datetime.combine(day, self.hours.closing, tzinfo=local_zone())

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        la, lb = self._local(a), self._local(b)
        span = self._span(min(la.year, lb.year), max(la.year, lb.year))
        return dt.timedelta(microseconds=self._coord(span, lb) - self._coord(span, la))

    def add_pause(
        self, due_at: dt.datetime, paused_from: dt.datetime, paused_until: dt.datetime
    ) -> dt.datetime:
        if paused_until < paused_from:
            raise ValueError("a pause cannot end before it starts")
        pause = self.working_time_between(paused_from, paused_until)
        if not pause:
            return self._local(due_at)
        return self.add_working_time(due_at, pause)

    def special_days(self, year: int) -> tuple[list[SpecialDay], list[SpecialDay]]:
        _check_year(year)
        law = law_year(year)
        overrides = {day: o for day, o in self._overrides.items() if day.year == year}
        days_off = [
            SpecialDay(day, name, "law") for day, name in law.days_off.items() if day not in overrides
        ]
        working = [
            SpecialDay(day, str(_("Ngày làm việc bù")), "law")
            for day in law.make_up_days
            if day not in overrides
        ]
        for day, override in overrides.items():
            target = days_off if override.kind == DAY_OFF else working
            target.append(SpecialDay(day, override.reason, "override"))
        return sorted(days_off), sorted(working)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(f"the calendar covers {MIN_YEAR}–{MAX_YEAR}, not {year}")


# The current version ------------------------------------------------------------------

_calendars: dict[tuple, WorkCalendar] = {}
_calendars_lock = threading.Lock()
_KEEP = 4


def get_calendar() -> WorkCalendar:
    """The calendar of the version current in the database now (one small query).

    Calendars are cached per process by version, so a change committed by any process is
    seen by the next call everywhere.
    """
    from motcua.worktime.models import CalendarVersion

    key = CalendarVersion.current_key()
    calendar = _calendars.get(key)
    if calendar is None:
        calendar = _load(key)
        with _calendars_lock:
            while len(_calendars) >= _KEEP:
                _calendars.pop(next(iter(_calendars)))
            _calendars[key] = calendar
    return calendar


def _load(key: tuple) -> WorkCalendar:
    # Read after the version: the data is then at least as new as the key it is cached
    # under (the reverse order could cache old data under a new key for good).
    from motcua.worktime.models import CalendarOverride, WorkingHours

    overrides = {
        row["date"]: Override(row["kind"], row["reason"])
        for row in CalendarOverride.objects.values("date", "kind", "reason")
    }
    return WorkCalendar(overrides, Hours(*WorkingHours.current()), version=key[0])
