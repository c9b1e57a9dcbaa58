"""The redirect URL, checked against a hand computation of VNPay 2.1.0's documented algorithm."""

import datetime
import hashlib
import hmac
from types import SimpleNamespace
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from motcua.payments.providers.vnpay import VnpayProvider, verify

from .conftest import SECRET, TMN


def test_payment_url_matches_hand_computed_vector(settings):
    settings.PUBLIC_BASE_URL = "https://dichvucong.example.vn"
    settings.VNPAY_PAY_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    now = datetime.datetime(2026, 2, 14, 8, 30, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    attempt = SimpleNamespace(amount=75000, txn_ref="260214ABCDE12345",
                              dossier=SimpleNamespace(code="000.00.12.H11-260214-0007"))
    url = VnpayProvider(tmn_code=TMN, secret=SECRET).payment_url(attempt, ip_address="203.0.113.9", now=now)

    # By hand: keys in byte order, PHP urlencode (space → "+", ":" "/" → %3A %2F) on both sides.
    expected_data = (
        "vnp_Amount=7500000"
        "&vnp_Command=pay"
        "&vnp_CreateDate=20260214083005"
        "&vnp_CurrCode=VND"
        "&vnp_ExpireDate=20260214084505"
        "&vnp_IpAddr=203.0.113.9"
        "&vnp_Locale=vn"
        "&vnp_OrderInfo=Thanh+toan+le+phi+ho+so+000.00.12.H11-260214-0007"
        "&vnp_OrderType=other"
        "&vnp_ReturnUrl=https%3A%2F%2Fdichvucong.example.vn%2Fthanh-toan%2Fvnpay%2Fket-qua%2F"
        "&vnp_TmnCode=TESTTMN1"
        "&vnp_TxnRef=260214ABCDE12345"
        "&vnp_Version=2.1.0"
    )
    expected_hash = hmac.new(SECRET.encode(), expected_data.encode(), hashlib.sha512).hexdigest()
    assert url == ("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?" + expected_data
                   + "&vnp_SecureHash=" + expected_hash)
    assert len(expected_hash) == 128


def test_amount_is_vnd_times_100():
    attempt = SimpleNamespace(amount=1_234_567, txn_ref="X1", dossier=SimpleNamespace(code="C"))
    params = VnpayProvider(tmn_code=TMN, secret=SECRET).payment_params(attempt, ip_address="127.0.0.1")
    assert params["vnp_Amount"] == "123456700"


def test_vietnamese_text_is_encoded_as_php_urlencode():
    params = {"vnp_OrderInfo": "Nộp lệ phí: hồ sơ #7 & 8", "vnp_TxnRef": "A"}
    data = "vnp_OrderInfo=" + quote_plus("Nộp lệ phí: hồ sơ #7 & 8") + "&vnp_TxnRef=A"
    assert "N%E1%BB%99p+l%E1%BB%87+ph%C3%AD%3A+h%E1%BB%93+s%C6%A1+%237+%26+8" in data
    signed = params | {"vnp_SecureHash": hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()}
    assert verify(signed, SECRET)
    assert not verify(signed | {"vnp_TxnRef": "B"}, SECRET)
    assert not verify(signed, "another-secret")
