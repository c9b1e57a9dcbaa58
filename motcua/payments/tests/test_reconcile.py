"""reconcile_payments asks the provider (the sandbox, over HTTP) and lists disagreements."""

import io

import pytest
from django.core.management import call_command

from motcua.payments.models import AttemptStatus
from motcua.paysandbox.models import SandboxTransaction

from .conftest import ipn_params, send_ipn


def _run(*args):
    out = io.StringIO()
    try:
        call_command("reconcile_payments", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_lists_mismatches_and_exits_1(live_server, settings, client, world, dossier):
    from motcua.payments import services

    settings.PUBLIC_BASE_URL = live_server.url
    dossier.fee_amount = 3 * 75000  # room for three attempts of the same amount
    dossier.save(update_fields=["fee_amount"])
    # Paid here, unknown to the gateway: the mismatch to find.
    paid_here = services.start_payment(dossier, world.users["citizen"], amount=75000)
    send_ipn(client, ipn_params(paid_here))
    paid_here.refresh_from_db()
    assert paid_here.status == AttemptStatus.PAID
    # Paid at the gateway, its IPN lost: still pending here.
    lost_ipn = services.start_payment(dossier, world.users["citizen"], amount=75000)
    SandboxTransaction.objects.create(tmn_code=settings.VNPAY_TMN_CODE, txn_ref=lost_ipn.txn_ref, amount=lost_ipn.amount * 100,
                                      return_url="http://x/", transaction_no="00000001", status="approved",
                                      response_code="00", pay_date="20260214083005")
    # Never reached the gateway: agrees.
    never_sent = services.start_payment(dossier, world.users["citizen"], amount=75000)

    code, out = _run("--since", "2000-01-01")
    assert code == 1
    assert paid_here.txn_ref in out and "not_found" in out
    assert lost_ipn.txn_ref in out and "cổng thanh toán: paid" in out
    assert never_sent.txn_ref not in out
    assert "3 lượt, 2 lượt khác nhau" in out
    lost_ipn.refresh_from_db()
    assert lost_ipn.status == AttemptStatus.PENDING  # it reports; it does not fix


@pytest.mark.django_db(transaction=True)
def test_no_difference_exits_0(live_server, settings, world, dossier):
    from motcua.payments import services

    settings.PUBLIC_BASE_URL = live_server.url
    services.start_payment(dossier, world.users["citizen"])
    assert _run()[0] == 0
    assert _run("--since", "2999-01-01") == (0, "Đã đối soát 0 lượt, 0 lượt khác nhau.\n")
