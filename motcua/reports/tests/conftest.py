"""The hand-built history (dataset.py) the report tests read, and its frozen 'now'."""

import pytest
import time_machine

from motcua.dossiers.tests.factories import rolled_back

from . import dataset


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """Written once per module, rolled back after it."""
    with rolled_back(django_db_blocker):
        yield dataset.build()


@pytest.fixture
def at_now():
    """The clock at dataset.NOW, where the history's figures are known (modules opt in with usefixtures)."""
    with time_machine.travel(dataset.NOW, tick=False):
        yield
