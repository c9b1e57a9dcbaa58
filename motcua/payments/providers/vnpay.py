"""VNPay payment protocol 2.1.0.

Signing follows VNPay's PHP sample: the vnp_* parameters except the hash itself, sorted by key,
each key and value passed through PHP `urlencode` (Python's `quote_plus`), joined with "&", then
HMAC-SHA512 with the merchant secret, lower-case hex.

querydr (reconciliation) is a JSON POST whose hash is over the documented fields joined with "|"
in a fixed order (not sorted, not encoded), as in VNPay's 2.1.0 query API description.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import secrets
import urllib.request
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from .. import conf
from .base import PaymentProvider, ProviderResult, QueryResult

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"
QUERY_REQUEST_FIELDS = ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
                        "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"]
QUERY_RESPONSE_FIELDS = ["vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                         "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                         "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                         "vnp_PromotionAmount"]


def hash_data(params: dict) -> str:
    items = sorted((k, v) for k, v in params.items()
                   if k.startswith("vnp_") and k not in ("vnp_SecureHash", "vnp_SecureHashType"))
    return "&".join(f"{quote_plus(str(k))}={quote_plus(str(v))}" for k, v in items)


def sign(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def signed_query(params: dict, secret: str) -> str:
    """The query string VNPay expects: the hashed string itself, then the hash."""
    data = hash_data(params)
    return f"{data}&vnp_SecureHash={sign(secret, data)}"


def verify(params: dict, secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", ""))
    return bool(given) and hmac.compare_digest(given.lower(), sign(secret, hash_data(params)))


def vn_time(value: datetime.datetime) -> str:
    return value.astimezone(VN_TZ).strftime(DATE_FORMAT)


def parse_vn_time(value: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.strptime(value, DATE_FORMAT).replace(tzinfo=VN_TZ)
    except (TypeError, ValueError):
        return None


def pipe_sign(secret: str, values: dict, fields: list[str]) -> str:
    return sign(secret, "|".join(str(values.get(f, "")) for f in fields))


class VnpayProvider(PaymentProvider):
    name = "vnpay"

    def __init__(self, *, tmn_code: str | None = None, secret: str | None = None):
        self.tmn_code = tmn_code or conf.vnpay_tmn_code()
        self.secret = secret or conf.vnpay_hash_secret()

    def payment_params(self, attempt, *, ip_address: str, now: datetime.datetime | None = None) -> dict:
        now = now or timezone.now()
        return {
            "vnp_Version": "2.1.0",
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(attempt.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": attempt.txn_ref,
            # VNPay asks for unaccented order info; the dossier code is ASCII already.
            "vnp_OrderInfo": f"Thanh toan le phi ho so {attempt.dossier.code}",
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": conf.public_url(reverse("payments:vnpay_return")),
            "vnp_IpAddr": ip_address or "127.0.0.1",
            "vnp_CreateDate": vn_time(now),
            "vnp_ExpireDate": vn_time(now + datetime.timedelta(minutes=conf.expire_minutes())),
        }

    def payment_url(self, attempt, *, ip_address: str, now=None) -> str:
        params = self.payment_params(attempt, ip_address=ip_address, now=now)
        return f"{conf.vnpay_pay_url()}?{signed_query(params, self.secret)}"

    def parse_callback(self, params: dict) -> ProviderResult:
        params = {k: str(v) for k, v in params.items()}
        result = ProviderResult(valid_signature=verify(params, self.secret), raw=params)
        if not result.valid_signature:
            return result
        try:
            raw_amount = int(params.get("vnp_Amount", ""))
            result.amount = raw_amount // 100 if raw_amount % 100 == 0 else -1
        except ValueError:
            result.amount = None
        result.txn_ref = params.get("vnp_TxnRef", "")
        result.response_code = params.get("vnp_ResponseCode", "")
        result.success = result.response_code == "00" and params.get("vnp_TransactionStatus") == "00"
        result.transaction_no = params.get("vnp_TransactionNo", "")
        result.bank_code = params.get("vnp_BankCode", "")
        result.paid_at = parse_vn_time(params.get("vnp_PayDate", ""))
        result.merchant = params.get("vnp_TmnCode", "")
        return result

    def merchant_matches(self, result: ProviderResult) -> bool:
        return hmac.compare_digest(result.merchant, self.tmn_code)

    def ipn_answer(self, code: str, message: str) -> dict:
        return {"RspCode": code, "Message": message}

    def query(self, attempt, *, ip_address: str = "127.0.0.1") -> QueryResult:
        now = timezone.now()
        body = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": "2.1.0",
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": attempt.txn_ref,
            "vnp_OrderInfo": f"Doi soat giao dich {attempt.txn_ref}",
            "vnp_TransactionDate": vn_time(attempt.created_at),
            "vnp_CreateDate": vn_time(now),
            "vnp_IpAddr": ip_address,
        }
        body["vnp_SecureHash"] = pipe_sign(self.secret, body, QUERY_REQUEST_FIELDS)
        request = urllib.request.Request(conf.vnpay_api_url(), data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (URL is configuration)
            answer = json.loads(response.read().decode("utf-8"))
        if not hmac.compare_digest(str(answer.get("vnp_SecureHash", "")),
                                   pipe_sign(self.secret, answer, QUERY_RESPONSE_FIELDS)):
            return QueryResult(status="error", response_code="97", message="invalid signature")
        code = str(answer.get("vnp_ResponseCode", ""))
        if code == "91":
            return QueryResult(status="not_found", response_code=code, message=str(answer.get("vnp_Message", "")))
        if code != "00":
            return QueryResult(status="error", response_code=code, message=str(answer.get("vnp_Message", "")))
        tx_status = str(answer.get("vnp_TransactionStatus", ""))
        status = {"00": "paid", "01": "pending"}.get(tx_status, "failed")
        amount = answer.get("vnp_Amount")
        return QueryResult(status=status, response_code=tx_status, transaction_no=str(answer.get("vnp_TransactionNo", "")),
                           amount=int(amount) // 100 if amount not in (None, "") else None)
