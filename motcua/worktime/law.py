"""What the `holidays` package says about one Vietnamese year.

The package's data is code, identical in every process of a deployment, so a per-process
cache needs no version.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays


@dataclass(frozen=True)
class LawYear:
    days_off: dict[dt.date, str]  # named days off, weekends included when a holiday falls there
    make_up_days: frozenset[dt.date]  # weekend days worked in exchange for a swapped day off

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return day in self.make_up_days
        return day not in self.days_off


@cache
def law_year(year: int) -> LawYear:
    table = holidays.country_holidays("VN", years=year, language="vi")
    # Make-up Saturdays are not holidays, so they live outside the dict; cross-year swaps
    # put dates of other years into the set, hence the filter.
    return LawYear(
        days_off={day: name for day, name in table.items() if day.year == year},
        make_up_days=frozenset(day for day in table.weekend_workdays if day.year == year),
    )
