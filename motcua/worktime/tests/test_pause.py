"""Pauses (supplement, financial obligation) move the due date by the working time they took."""

import datetime as dt

import pytest

from .conftest import local


def test_pause_spanning_a_weekend(cal):
    # Friday 16:00 → Monday 09:00 is 1 h + 2 h of working time.
    assert cal.working_time_between(local(2026, 3, 6, 16), local(2026, 3, 9, 9)) == dt.timedelta(hours=3)
    due = cal.add_pause(local(2026, 3, 11, 10), local(2026, 3, 6, 16), local(2026, 3, 9, 9))
    assert due == local(2026, 3, 11, 15)


def test_pause_over_tet(cal):
    # Whole working days only: 9/2–27/2/2026 holds 5 + 5 working days around Tết.
    pause = cal.working_time_between(local(2026, 2, 9, 7), local(2026, 2, 27, 17))
    assert pause == dt.timedelta(hours=8 * 10)
    assert cal.add_pause(local(2026, 3, 2, 17), local(2026, 2, 9, 7), local(2026, 2, 27, 17)) == local(
        2026, 3, 16, 17
    )


def test_pause_within_a_day_off_changes_nothing(cal):
    due = local(2026, 3, 11, 10)
    assert cal.add_pause(due, local(2026, 3, 7, 8), local(2026, 3, 8, 18)) == due
    assert cal.add_pause(due, local(2026, 3, 2, 12), local(2026, 3, 2, 13, 15)) == due  # lunch


def test_empty_pause(cal):
    due = dt.datetime(2026, 3, 11, 3, 0, tzinfo=dt.UTC)
    moment = local(2026, 3, 5, 9)
    assert cal.add_pause(due, moment, moment) == due


def test_due_at_closing_moves_to_the_next_day(cal):
    assert cal.add_pause(local(2026, 3, 6, 17), local(2026, 3, 2, 8), local(2026, 3, 2, 9)) == local(
        2026, 3, 9, 8
    )


def test_pause_cannot_run_backwards(cal):
    with pytest.raises(ValueError):
        cal.add_pause(local(2026, 3, 11, 10), local(2026, 3, 9, 9), local(2026, 3, 6, 16))
