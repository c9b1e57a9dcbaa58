"""Report periods: any [T1, T2] of local days, and the official presets.

Periodic reports (NĐ 09/2019, check) run from the 15th of the month before the period to the 14th
of its last month: the month of March is 15/2–14/3, the first quarter 15/12–14/3, six months
15/12–14/6, the year 15/12–14/12. The rule is data here so that a new decree changes one table.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

CUTOFF_DAY = 15  # a period starts on the 15th and ends on the 14th
# The aggregates keep sums per official month and year (aggregates.py), so a change here needs a rebuild.
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    def capped(self, today: datetime.date) -> Period:
        """The part that has happened: figures for days not yet lived would only be projections."""
        return Period(self.start, min(self.end, today), self.label) if self.start <= today else self

    def span_text(self) -> str:
        return _("Từ ngày %(start)s đến ngày %(end)s") % {
            "start": self.start.strftime("%d/%m/%Y"), "end": self.end.strftime("%d/%m/%Y")}


def _month_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def official(year: int, last_month: int, months: int) -> tuple[datetime.date, datetime.date]:
    """From the 15th of the month before the first month to the 14th of `last_month`."""
    y, m = _month_back(year, last_month, months)
    return datetime.date(y, m, CUTOFF_DAY), datetime.date(year, last_month, CUTOFF_DAY - 1)


def month(year: int, number: int) -> Period:
    return Period(*official(year, number, 1), _("Tháng %(m)d/%(y)d") % {"m": number, "y": year})


def quarter(year: int, number: int) -> Period:
    return Period(*official(year, number * 3, 3), _("Quý %(q)s/%(y)d") % {"q": ROMAN[number], "y": year})


def half(year: int) -> Period:
    return Period(*official(year, 6, 6), _("6 tháng đầu năm %(y)d") % {"y": year})


def year(number: int) -> Period:
    return Period(*official(number, 12, 12), _("Năm %(y)d") % {"y": number})


def custom(start: datetime.date, end: datetime.date) -> Period:
    return Period(start, end, _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")})


def current_month(today: datetime.date) -> Period:
    """The official month that contains `today` (from the 15th on, it is next month's)."""
    y, m = (today.year, today.month) if today.day < CUTOFF_DAY else _month_back(today.year, today.month, -1)
    return month(y, m)


def month_start(day: datetime.date) -> datetime.date:
    """The first day of the official month holding `day` (the 15th)."""
    y, m = (day.year, day.month) if day.day >= CUTOFF_DAY else _month_back(day.year, day.month, 1)
    return datetime.date(y, m, CUTOFF_DAY)


def next_month_start(day: datetime.date) -> datetime.date:
    start = month_start(day)
    y, m = _month_back(start.year, start.month, -1)
    return datetime.date(y, m, CUTOFF_DAY)


def year_start(day: datetime.date) -> datetime.date:
    """The first day of the official year holding `day` (15/12 of the year before)."""
    y = day.year + 1 if (day.month, day.day) >= (12, CUTOFF_DAY) else day.year
    return datetime.date(y - 1, 12, CUTOFF_DAY)


def next_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(year_start(day).year + 1, 12, CUTOFF_DAY)


def cover(first: datetime.date, last: datetime.date, top: str = "year") -> list[tuple[str, datetime.date, datetime.date]]:
    """[first, last] as the fewest whole official years, whole official months and single days:
    (level, first key, last key) runs, where a key is the bucket's first day."""
    pieces: list[list] = []
    day, one = first, datetime.timedelta(days=1)
    while day <= last:
        if top == "year" and day == year_start(day) and next_year_start(day) - one <= last:
            level, step = "year", next_year_start(day)
        elif day == month_start(day) and next_month_start(day) - one <= last:
            level, step = "month", next_month_start(day)
        else:
            level, step = "day", day + one
        if pieces and pieces[-1][0] == level:
            pieces[-1][2] = day
        else:
            pieces.append([level, day, day])
        day = step
    return [tuple(p) for p in pieces]


PRESETS = {"month": month, "quarter": quarter, "half": lambda y, _n: half(y), "year": lambda y, _n: year(y)}
