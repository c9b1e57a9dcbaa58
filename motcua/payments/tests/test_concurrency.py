"""Two IPNs for the same attempt at the same moment confirm it once (the attempt's row lock)."""

import threading

import pytest
from django.db import connection

from motcua.dossiers.models import Payment
from motcua.payments import services
from motcua.payments.models import AttemptStatus

from .conftest import ipn_params


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_ipn_confirms_once(world, dossier):
    attempt = services.start_payment(dossier, world.users["citizen"])
    params = ipn_params(attempt)
    barrier = threading.Barrier(2)
    answers = []

    def deliver():
        try:
            barrier.wait()
            answers.append(services.confirm_from_ipn(dict(params))[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(answers) == ["00", "02"]
    attempt.refresh_from_db()
    dossier.refresh_from_db()
    assert attempt.status == AttemptStatus.PAID
    assert dossier.fee_paid == 75000
    assert Payment.objects.filter(dossier=dossier).count() == 1
