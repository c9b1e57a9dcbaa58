"""How many dossiers arrive on each day of the history, and at what moments.

More in recent years, a peak in the weeks after the Tết break and a smaller one before it,
walk-ins only on working days inside opening hours, online submissions at any hour of any
day. The total is exactly the count asked for: each day gets the rounded difference of the
cumulative weights.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import accumulate

from . import mix
from .clock import Clock
from .offer import Offer

AFTER_TET_DAYS, AFTER_TET_BOOST = 21, 0.6
BEFORE_TET_DAYS, BEFORE_TET_BOOST = 14, 0.25


def tet_break(clock: Clock, year: int) -> tuple[dt.date, dt.date] | None:
    """The longest run of days off between 10 January and 10 March: the Tết holiday."""
    best, run = None, []
    day = dt.date(year, 1, 10)
    while day <= dt.date(year, 3, 10):
        if clock.is_working_day(day):
            if run and (best is None or len(run) > best[1] - best[0]):
                best = (run[0], len(run) - 1 + run[0])
            run = []
        else:
            run.append(day.toordinal())
        day += dt.timedelta(days=1)
    if best is None or best[1] - best[0] < 3:
        return None
    return dt.date.fromordinal(best[0]), dt.date.fromordinal(best[1])


def season(day: dt.date, breaks: dict[int, tuple[dt.date, dt.date] | None]) -> float:
    factor = 1.0
    for year in (day.year, day.year + 1):
        found = breaks.get(year)
        if not found:
            continue
        first, last = found
        after = (day - last).days
        if 0 < after <= AFTER_TET_DAYS:
            factor += AFTER_TET_BOOST * (1 - after / (AFTER_TET_DAYS + 1))
        before = (first - day).days
        if 0 < before <= BEFORE_TET_DAYS:
            factor += BEFORE_TET_BOOST
    return factor


def day_counts(clock: Clock, offer: Offer, first: dt.date, end: dt.datetime, count: int) -> list[tuple[dt.date, int]]:
    last = end.astimezone(clock.tz).date()
    breaks = {y: tet_break(clock, y) for y in range(first.year, last.year + 2)}
    weights = []
    day = first
    while day <= last:
        years = (day - first).days / 365.25
        if clock.is_working_day(day):
            possible = offer.available(day, False) or offer.available(day, True)
            w = 1.0 if possible else 0.0
        else:
            w = mix.WEEKEND * mix.online_share(day.year) if offer.available(day, True) else 0.0
        if day == last:
            w *= elapsed_share(clock, end)
        weights.append((day, w * (1 + mix.GROWTH) ** years * season(day, breaks)))
        day += dt.timedelta(days=1)
    total = sum(w for _, w in weights)
    if total <= 0:
        return []
    out, running, given = [], 0.0, 0
    for day, w in weights:
        running += w
        upto = round(running * count / total)
        if upto > given:
            out.append((day, upto - given))
            given = upto
    return out


def elapsed_share(clock: Clock, end: dt.datetime) -> float:
    local = end.astimezone(clock.tz)
    if not clock.is_working_day(local.date()):
        return (local.hour * 3600 + local.minute * 60) / 86400
    done = clock.coord(local) - clock.day_index(local) * clock.day
    return done / clock.day


def moment(rng: random.Random, clock: Clock, day: dt.date, online: bool, end: dt.datetime) -> dt.datetime:
    """A submission moment on `day`, before `end`."""
    limit = elapsed_share(clock, end) if end.astimezone(clock.tz).date() == day else 1.0
    if online:
        # Few at night; most in the evening after work and in office hours.
        if limit < 1:
            seconds = rng.random() * limit * 86400
        else:
            seconds = (rng.choices(range(24), cum_weights=_ONLINE_CUM)[0] + rng.random()) * 3600
        start = dt.datetime(day.year, day.month, day.day, tzinfo=clock.tz)
        return start + dt.timedelta(seconds=seconds)
    # Walk-ins crowd the morning.
    return clock.on_day(clock.day_index(dt.datetime(day.year, day.month, day.day, 12, tzinfo=clock.tz)),
                        limit * rng.random() ** 1.3)


_ONLINE_CUM = list(accumulate([1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 9, 6, 7, 9, 9, 8, 7, 6, 7, 8, 7, 5, 3]))
