"""What the holidays package says for 2025–2026, checked against the announced schedules."""

import datetime as dt

import pytest

from motcua.worktime.law import law_year

D = dt.date


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 1),
        # Tết 2025: off Sat 25/1 – Sun 2/2 for civil servants; the weekdays 27–31/1.
        *[D(2025, 1, d) for d in range(27, 32)],
        D(2025, 4, 7),  # Giỗ Tổ 10/3 lunar
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),  # swapped with Saturday 26/4
        D(2025, 9, 1),
        D(2025, 9, 2),
        D(2026, 1, 1),
        # Tết 2026: off Sat 14/2 – Sun 22/2; the weekdays 16–20/2.
        *[D(2026, 2, d) for d in range(16, 21)],
        D(2026, 4, 27),  # Giỗ Tổ falls on Sunday 26/4: Monday in lieu
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 8, 31),  # swapped with Saturday 22/8
        D(2026, 9, 1),
        D(2026, 9, 2),
        D(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
    ],
)
def test_weekday_holidays(day):
    law = law_year(day.year)
    assert day in law.days_off
    assert not law.is_working_day(day)


def test_names_are_vietnamese():
    assert law_year(2026).days_off[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert law_year(2026).days_off[D(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert law_year(2025).days_off[D(2025, 9, 2)] == "Quốc khánh"


def test_make_up_saturdays_are_working_days_not_holidays():
    assert law_year(2025).make_up_days == {D(2025, 4, 26)}
    assert law_year(2026).make_up_days == {D(2026, 8, 22)}
    for day in (D(2025, 4, 26), D(2026, 8, 22)):
        assert day.weekday() == 5
        assert day not in law_year(day.year).days_off
        assert law_year(day.year).is_working_day(day)


def test_24_november_only_from_2026():
    assert D(2025, 11, 24) not in law_year(2025).days_off
    assert law_year(2025).is_working_day(D(2025, 11, 24))


def test_ordinary_days():
    assert law_year(2026).is_working_day(D(2026, 3, 2))  # a Monday
    assert not law_year(2026).is_working_day(D(2026, 3, 7))  # a Saturday
    assert law_year(2025).is_working_day(D(2025, 2, 3))  # first day back after Tết 2025
    assert law_year(2026).is_working_day(D(2026, 2, 23))  # first day back after Tết 2026


def test_counts_of_working_days():
    from motcua.worktime.calendar import WorkCalendar

    cal = WorkCalendar()
    # 261 weekdays in 2025, minus 12 weekday holidays, plus one make-up Saturday.
    assert cal.working_days_between(D(2025, 1, 1), D(2026, 1, 1)) == 261 - 12 + 1
    # 261 weekdays in 2026, minus 13 weekday holidays, plus one make-up Saturday.
    assert cal.working_days_between(D(2026, 1, 1), D(2027, 1, 1)) == 261 - 13 + 1
