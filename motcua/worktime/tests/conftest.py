import datetime as dt

import pytest

from motcua.worktime.calendar import WorkCalendar, local_zone


def local(*args) -> dt.datetime:
    """A wall-clock moment in Vietnam."""
    return dt.datetime(*args, tzinfo=local_zone())


@pytest.fixture
def cal() -> WorkCalendar:
    """The law's calendar with default hours, no database."""
    return WorkCalendar()
