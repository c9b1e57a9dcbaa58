"""Official report periods run from the 15th of the month before to the 14th of the last month."""

import datetime

import pytest

from motcua.reports import periods

D = datetime.date


@pytest.mark.parametrize("period, start, end", [
    (periods.month(2025, 3), D(2025, 2, 15), D(2025, 3, 14)),
    (periods.month(2025, 1), D(2024, 12, 15), D(2025, 1, 14)),
    (periods.quarter(2025, 1), D(2024, 12, 15), D(2025, 3, 14)),
    (periods.quarter(2025, 4), D(2025, 9, 15), D(2025, 12, 14)),
    (periods.half(2025), D(2024, 12, 15), D(2025, 6, 14)),
    (periods.year(2025), D(2024, 12, 15), D(2025, 12, 14)),
])
def test_presets(period, start, end):
    assert (period.start, period.end) == (start, end)


def test_current_month_and_capping():
    assert periods.current_month(D(2025, 7, 14)).label == "Tháng 7/2025"
    assert periods.current_month(D(2025, 7, 15)).label == "Tháng 8/2025"
    assert periods.current_month(D(2025, 12, 20)).label == "Tháng 1/2026"
    assert periods.month(2025, 8).capped(D(2025, 7, 30)).end == D(2025, 7, 30)
    with pytest.raises(ValueError):
        periods.custom(D(2025, 2, 1), D(2025, 1, 1))


@pytest.mark.parametrize("first, last, top, pieces", [
    # The official year: one year row; for a chart by month, twelve month rows.
    (D(2024, 12, 15), D(2025, 12, 14), "year", [("year", D(2024, 12, 15), D(2024, 12, 15))]),
    (D(2024, 12, 15), D(2025, 12, 14), "month", [("month", D(2024, 12, 15), D(2025, 11, 15))]),
    # A calendar month: days up to the 14th, then days from the 15th (no official month fits).
    (D(2025, 6, 1), D(2025, 6, 30), "year", [("day", D(2025, 6, 1), D(2025, 6, 30))]),
    # Two years and a bit: days, months, a year, months, days.
    (D(2023, 11, 20), D(2025, 1, 3), "year", [
        ("day", D(2023, 11, 20), D(2023, 12, 14)), ("year", D(2023, 12, 15), D(2023, 12, 15)),
        ("day", D(2024, 12, 15), D(2025, 1, 3))]),
    (D(2023, 10, 15), D(2025, 2, 14), "year", [
        ("month", D(2023, 10, 15), D(2023, 11, 15)), ("year", D(2023, 12, 15), D(2023, 12, 15)),
        ("month", D(2024, 12, 15), D(2025, 1, 15))]),
])
def test_cover_reads_the_fewest_buckets(first, last, top, pieces):
    assert periods.cover(first, last, top) == pieces


def test_bucket_starts():
    assert periods.month_start(D(2025, 6, 14)) == D(2025, 5, 15)
    assert periods.month_start(D(2025, 6, 15)) == D(2025, 6, 15)
    assert periods.month_start(D(2025, 1, 3)) == D(2024, 12, 15)
    assert periods.year_start(D(2025, 12, 14)) == D(2024, 12, 15)
    assert periods.year_start(D(2025, 12, 15)) == D(2025, 12, 15)


@pytest.mark.django_db
def test_sql_bucket_keys_equal_pythons():
    """The rebuild files day rows under months and years in SQL; the receiver does it in Python."""
    from django.db import connection

    from motcua.reports import sql

    days = [D(2023, 12, 31) + datetime.timedelta(days=n) for n in range(0, 800, 3)]
    days += [D(2024, 2, 14), D(2024, 2, 15), D(2024, 2, 29), D(2025, 12, 14), D(2025, 12, 15), D(2025, 1, 14)]
    value = "CAST(%s AS date)" if sql.postgres() else "%s"  # SQLite keeps dates as ISO text
    with connection.cursor() as cursor:
        for day in days:
            cursor.execute(f"SELECT {sql.month_key(value)}, {sql.year_key(value)}", [day, day])
            month, year = (datetime.date.fromisoformat(str(v)[:10]) for v in cursor.fetchone())
            assert (month, year) == (periods.month_start(day), periods.year_start(day)), day
