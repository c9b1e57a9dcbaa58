"""When officials act: moments inside working hours, on working days.

This only draws the moments a plan happens at; every deadline is still computed by the
working calendar exactly as the services compute it. Drawing is done on a line of working
time (microseconds since the first opening), like the calendar's own model, with the working
days read from the calendar once: a few microseconds per moment instead of a calendar call.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from motcua.worktime.calendar import WorkCalendar, local_zone

HOUR = 3_600_000_000


class Clock:
    def __init__(self, calendar: WorkCalendar, first: dt.date, last: dt.date):
        self.tz = local_zone()
        h = calendar.hours
        self.ms, self.me, self.as_, self.ae = h.ms, h.me, h.as_, h.ae
        self.morning, self.day = h.morning, h.day
        # Plans run past the end of the history before they are cut there.
        stop = last + dt.timedelta(days=800)
        self.days = [o for o in range(first.toordinal(), stop.toordinal() + 1)
                     if calendar.is_working_day(dt.date.fromordinal(o))]
        self._working = set(self.days)
        self._last_t, self._last_x = None, 0

    def is_working_day(self, day: dt.date) -> bool:
        return day.toordinal() in self._working

    def coord(self, t: dt.datetime) -> int:
        # A plan asks about its latest moment several times in a row: remember the last answer
        # (datetimes are immutable, so the same object means the same moment).
        if t is self._last_t:
            return self._last_x
        x = self._coord(t)
        self._last_t, self._last_x = t, x
        return x

    def _coord(self, t: dt.datetime) -> int:
        local = t.astimezone(self.tz)
        o = local.toordinal()
        i = bisect_left(self.days, o)
        if i < len(self.days) and self.days[i] == o:
            s = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
            if s <= self.ms:
                done = 0
            elif s <= self.me:
                done = s - self.ms
            elif s <= self.as_:
                done = self.morning
            elif s <= self.ae:
                done = self.morning + s - self.as_
            else:
                done = self.day
            return i * self.day + done
        return i * self.day

    def at(self, x: int) -> dt.datetime:
        k, r = divmod(x, self.day)
        day = dt.date.fromordinal(self.days[k])
        us = self.ms + r if r < self.morning else self.as_ + r - self.morning
        return dt.datetime(day.year, day.month, day.day, tzinfo=self.tz) + dt.timedelta(microseconds=us)

    def after(self, t: dt.datetime, hours: float) -> dt.datetime:
        """`hours` of working time after t (a moment inside working hours)."""
        return self.at(self.coord(t) + max(1, int(hours * HOUR)))

    def on_day(self, day_index: int, fraction: float) -> dt.datetime:
        """A moment `fraction` of the way through the working day number `day_index`."""
        return self.at(day_index * self.day + min(self.day - 1, int(fraction * self.day)))

    def day_index(self, t: dt.datetime) -> int:
        """The working day at or after t's local date."""
        return bisect_left(self.days, t.astimezone(self.tz).toordinal())

    def visit(self, t: dt.datetime, calendar_days: float, fraction: float) -> dt.datetime:
        """An applicant comes back about `calendar_days` after t, during opening hours."""
        target = t + dt.timedelta(days=calendar_days)
        moment = self.on_day(self.day_index(target), fraction)
        return moment if moment > t else self.after(t, 0.25)
