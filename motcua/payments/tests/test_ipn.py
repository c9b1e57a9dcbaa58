"""The IPN endpoint: the only path that marks an attempt paid."""

import pytest

from motcua.dossiers.models import DossierEvent, Payment
from motcua.payments.models import AttemptStatus

from .conftest import ipn_params, send_ipn

pytestmark = pytest.mark.django_db


def _reload(*objs):
    for obj in objs:
        obj.refresh_from_db()


def test_valid_ipn_marks_paid_and_records_payment(client, attempt, dossier):
    response = send_ipn(client, ipn_params(attempt))
    assert response.json() == {"RspCode": "00", "Message": "Confirm Success"}
    _reload(attempt, dossier)
    assert attempt.status == AttemptStatus.PAID
    assert attempt.transaction_no == "14226112" and attempt.bank_code == "NCB"
    assert attempt.raw_callback["vnp_TxnRef"] == attempt.txn_ref
    assert dossier.fee_paid == 75000
    assert DossierEvent.objects.filter(dossier=dossier, action="record_payment", actor=None).exists()
    payment = Payment.objects.get(dossier=dossier)
    assert (payment.method, payment.reference, payment.amount) == ("vnpay", attempt.txn_ref, 75000)


def test_replayed_ipn_answers_02_and_changes_nothing(client, attempt, dossier):
    params = ipn_params(attempt)
    assert send_ipn(client, params).json()["RspCode"] == "00"
    events = DossierEvent.objects.count()
    response = send_ipn(client, params)
    assert response.json() == {"RspCode": "02", "Message": "Order already confirmed"}
    _reload(dossier)
    assert dossier.fee_paid == 75000
    assert Payment.objects.filter(dossier=dossier).count() == 1
    assert DossierEvent.objects.count() == events


def test_forged_signature_answers_97(client, attempt, dossier):
    params = ipn_params(attempt) | {"vnp_Amount": "1"}  # changed after signing
    assert send_ipn(client, params).json()["RspCode"] == "97"
    params = ipn_params(attempt, secret="not-the-merchant-secret")
    assert send_ipn(client, params).json()["RspCode"] == "97"
    missing = ipn_params(attempt)
    del missing["vnp_SecureHash"]
    assert send_ipn(client, missing).json()["RspCode"] == "97"
    _reload(attempt, dossier)
    assert attempt.status == AttemptStatus.PENDING and dossier.fee_paid == 0


def test_wrong_amount_answers_04(client, attempt, dossier):
    assert send_ipn(client, ipn_params(attempt, amount=70000)).json() == {"RspCode": "04", "Message": "invalid amount"}
    _reload(attempt, dossier)
    assert attempt.status == AttemptStatus.PENDING and dossier.fee_paid == 0


def test_unknown_txn_answers_01(client, attempt):
    assert send_ipn(client, ipn_params(attempt, txn_ref="NOSUCHREF")).json()["RspCode"] == "01"


def test_wrong_tmn_code_answers_97(client, attempt, dossier):
    """Another merchant's code, even correctly signed with our secret, is treated as a bad signature:
    the message was not addressed to us, so we do not reveal whether the order exists (01)."""
    assert send_ipn(client, ipn_params(attempt, tmn="OTHERTMN")).json()["RspCode"] == "97"
    _reload(attempt)
    assert attempt.status == AttemptStatus.PENDING


def test_declined_payment_is_recorded_failed_and_answers_00(client, attempt, dossier):
    assert send_ipn(client, ipn_params(attempt, code="24")).json()["RspCode"] == "00"
    _reload(attempt, dossier)
    assert attempt.status == AttemptStatus.FAILED and attempt.response_code == "24"
    assert dossier.fee_paid == 0 and not Payment.objects.filter(dossier=dossier).exists()
    assert send_ipn(client, ipn_params(attempt)).json()["RspCode"] == "02"  # a later "00" cannot revive it


def test_success_needs_both_codes(client, attempt, dossier):
    params = ipn_params(attempt, code="00", vnp_TransactionStatus="02")
    assert send_ipn(client, params).json()["RspCode"] == "00"
    _reload(attempt, dossier)
    assert attempt.status == AttemptStatus.FAILED and dossier.fee_paid == 0


def test_ipn_records_payment_whatever_the_status(client, world):
    from motcua.dossiers.tests.factories import drive
    from motcua.payments import services

    d = drive(world, 10, account="citizen")
    d.fee_amount, d.fee_paid = 75000, 0
    d.save(update_fields=["fee_amount", "fee_paid"])
    attempt = services.start_payment(d, world.users["citizen"])
    assert send_ipn(client, ipn_params(attempt)).json()["RspCode"] == "00"
    d.refresh_from_db()
    assert d.fee_paid == 75000


def test_obligation_paid_through_ipn_resumes_processing(client, world):
    from motcua.dossiers.tests.factories import drive
    from motcua.dossiers.workflow import Status
    from motcua.payments import services

    d = drive(world, 6, account="citizen")
    attempt = services.start_payment(d, world.users["citizen"], purpose="obligation")
    assert attempt.amount == 1_000_000
    assert send_ipn(client, ipn_params(attempt)).json()["RspCode"] == "00"
    d.refresh_from_db()
    assert d.status == Status.PROCESSING
    assert Payment.objects.get(dossier=d, purpose="obligation").reference == attempt.txn_ref


def test_ipn_is_get_only_and_needs_no_login(client, attempt):
    assert client.post("/thanh-toan/vnpay/ipn/", ipn_params(attempt)).status_code == 405
