import datetime

import pytest
from django.utils import timezone

from motcua.payments import services
from motcua.payments.models import AttemptStatus

from .conftest import ipn_params, send_ipn

pytestmark = pytest.mark.django_db


def test_stale_pending_attempts_expire_and_a_late_success_still_counts(client, attempt, dossier):
    assert services.expire_stale(older_than=timezone.now() - datetime.timedelta(minutes=30)) == 0
    assert services.expire_stale(older_than=timezone.now() + datetime.timedelta(seconds=1)) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED
    assert attempt.events.filter(action="expired").exists()
    assert send_ipn(client, ipn_params(attempt)).json()["RspCode"] == "00"
    attempt.refresh_from_db()
    dossier.refresh_from_db()
    assert attempt.status == AttemptStatus.PAID and dossier.fee_paid == 75000
