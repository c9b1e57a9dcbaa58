import pytest
from django.test import Client

from motcua.dossiers.tests.factories import build_dossier_world, drive
from motcua.payments import services
from motcua.payments.providers.vnpay import hash_data, sign, vn_time

TMN = "TESTTMN1"
SECRET = "TESTSECRETTESTSECRETTESTSECRET12"


@pytest.fixture(autouse=True)
def vnpay_settings(settings):
    settings.VNPAY_TMN_CODE = TMN
    settings.VNPAY_HASH_SECRET = SECRET
    settings.PUBLIC_BASE_URL = "https://dichvucong.example.vn"
    return settings


@pytest.fixture
def world(db):
    return build_dossier_world()


@pytest.fixture
def dossier(world):
    d = drive(world, 2, account="citizen")
    if d.fee_amount != 75000:
        d.fee_amount = 75000
        d.save(update_fields=["fee_amount"])
    return d


@pytest.fixture
def attempt(dossier, world):
    return services.start_payment(dossier, world.users["citizen"])


def ipn_params(attempt, *, code="00", amount=None, tmn=TMN, secret=SECRET, txn_ref=None, **extra) -> dict:
    """The query VNPay would send for the attempt, signed as VNPay signs it."""
    from django.utils import timezone

    params = {
        "vnp_Amount": str((attempt.amount if amount is None else amount) * 100), "vnp_BankCode": "NCB",
        "vnp_CardType": "ATM", "vnp_OrderInfo": "Thanh toan le phi", "vnp_PayDate": vn_time(timezone.now()),
        "vnp_ResponseCode": code, "vnp_TmnCode": tmn, "vnp_TransactionNo": "14226112",
        "vnp_TransactionStatus": code, "vnp_TxnRef": txn_ref or attempt.txn_ref, **extra,
    }
    return params | {"vnp_SecureHash": sign(secret, hash_data(params))}


def send_ipn(client: Client, params: dict):
    return client.get("/thanh-toan/vnpay/ipn/", params)
