"""`manage.py rebuild_report_aggregates` rebuilds what bypassed the services, and may run again."""

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.tests.factories import build_dossier_world, drive
from motcua.reports.models import DailyTotals, DossierFact

from .checks import state

pytestmark = pytest.mark.django_db


def test_rebuild_after_a_bulk_write_and_again():
    w = build_dossier_world()
    drive(w, 10)
    drive(w, 4)
    expected = state()
    # A bulk writer (COPY) leaves no aggregates behind.
    DossierFact.objects.all().delete()
    DailyTotals.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_report_aggregates", stdout=out)
    assert "2 hồ sơ" in out.getvalue()
    assert state() == expected
    call_command("rebuild_report_aggregates", "--since", "2000-01-01", stdout=io.StringIO())
    assert state() == expected
    with pytest.raises(CommandError):
        call_command("rebuild_report_aggregates", "--since", "hôm qua")
