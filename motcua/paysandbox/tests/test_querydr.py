"""The sandbox's querydr endpoint: signed JSON in and out."""

import json

import pytest

from motcua.payments.providers.vnpay import QUERY_REQUEST_FIELDS, QUERY_RESPONSE_FIELDS, pipe_sign
from motcua.paysandbox.models import SandboxTransaction

TMN, SECRET = "TESTTMN1", "TESTSECRETTESTSECRETTESTSECRET12"


@pytest.fixture(autouse=True)
def vnpay(settings):
    settings.VNPAY_TMN_CODE, settings.VNPAY_HASH_SECRET = TMN, SECRET


def _ask(client, txn_ref, secret=SECRET):
    body = {"vnp_RequestId": "r1", "vnp_Version": "2.1.0", "vnp_Command": "querydr", "vnp_TmnCode": TMN,
            "vnp_TxnRef": txn_ref, "vnp_OrderInfo": "Doi soat", "vnp_TransactionDate": "20260214083005",
            "vnp_CreateDate": "20260214090000", "vnp_IpAddr": "127.0.0.1"}
    body["vnp_SecureHash"] = pipe_sign(secret, body, QUERY_REQUEST_FIELDS)
    answer = client.post("/sandbox-vnpay/merchant_webapi/api/transaction", json.dumps(body),
                         content_type="application/json").json()
    assert answer["vnp_SecureHash"] == pipe_sign(SECRET, answer, QUERY_RESPONSE_FIELDS)
    return answer


@pytest.mark.django_db
def test_querydr_answers(client):
    SandboxTransaction.objects.create(tmn_code=TMN, txn_ref="A1", amount=7500000, return_url="http://x/",
                                      transaction_no="123", status="approved", response_code="00",
                                      pay_date="20260214083005")
    found = _ask(client, "A1")
    assert (found["vnp_ResponseCode"], found["vnp_TransactionStatus"], found["vnp_Amount"]) == ("00", "00", "7500000")
    assert _ask(client, "NOPE")["vnp_ResponseCode"] == "91"
    assert _ask(client, "A1", secret="wrong")["vnp_ResponseCode"] == "97"
