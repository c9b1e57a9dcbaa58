"""Same-day procedures: before the procedure's cut-off → closing time today, else the next working day."""

import datetime as dt

import pytest

from .conftest import local

CUTOFF = dt.time(15, 0)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (local(2026, 3, 2, 6, 30), local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 14, 59, 59), local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 15, 0), local(2026, 3, 3, 17)),
        (local(2026, 3, 2, 16, 30), local(2026, 3, 3, 17)),
        (local(2026, 3, 6, 15, 30), local(2026, 3, 9, 17)),  # Friday after the cut-off
        (local(2026, 3, 7, 9, 0), local(2026, 3, 9, 17)),  # Saturday
        (local(2025, 4, 26, 9, 0), local(2025, 4, 26, 17)),  # make-up Saturday
        (local(2025, 4, 29, 15, 10), local(2025, 5, 5, 17)),  # before 30/4–4/5
        (local(2026, 2, 16, 9, 0), local(2026, 2, 23, 17)),  # in Tết 2026
    ],
)
def test_same_day(cal, received, due):
    assert cal.same_day_due(received, CUTOFF) == due


def test_cutoff_belongs_to_the_procedure(cal):
    assert cal.same_day_due(local(2026, 3, 2, 10, 30), dt.time(10)) == local(2026, 3, 3, 17)
    assert cal.same_day_due(local(2026, 3, 2, 10, 30), dt.time(11)) == local(2026, 3, 2, 17)


def test_other_zones(cal):
    received = dt.datetime(2026, 3, 2, 7, 59, tzinfo=dt.UTC)  # 14:59 in Hà Nội
    assert cal.same_day_due(received, CUTOFF) == local(2026, 3, 2, 17)
