"""A local stand-in for VNPay 2.1.0: the payment page, the IPN it sends, and querydr."""

import json
import logging
import secrets
import threading
import urllib.request

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.payments import conf
from motcua.payments.providers.vnpay import (
    QUERY_REQUEST_FIELDS,
    QUERY_RESPONSE_FIELDS,
    pipe_sign,
    signed_query,
    verify,
    vn_time,
)

from .models import SandboxTransaction

log = logging.getLogger(__name__)


def _ipn_url() -> str:
    # VNPay keeps the IPN URL in its merchant portal, not in the request; here it is a setting.
    return getattr(settings, "PAYSANDBOX_IPN_URL", "") or conf.public_url("/thanh-toan/vnpay/ipn/")


@require_GET
def pay(request):
    params = request.GET.dict()
    if not verify(params, conf.vnpay_hash_secret()) or params.get("vnp_TmnCode") != conf.vnpay_tmn_code():
        return render(request, "paysandbox/error.html", status=400)
    tx, _created = SandboxTransaction.objects.get_or_create(
        tmn_code=params["vnp_TmnCode"], txn_ref=params.get("vnp_TxnRef", ""),
        defaults={"amount": int(params.get("vnp_Amount", "0")), "order_info": params.get("vnp_OrderInfo", ""),
                  "return_url": params.get("vnp_ReturnUrl", ""),
                  "transaction_no": str(secrets.randbelow(10**8)).zfill(8)},
    )
    return render(request, "paysandbox/pay.html", {"tx": tx, "amount": tx.amount // 100})


def _callback_params(tx) -> dict:
    return {
        "vnp_Amount": str(tx.amount), "vnp_BankCode": tx.bank_code, "vnp_CardType": "ATM",
        "vnp_OrderInfo": tx.order_info, "vnp_PayDate": tx.pay_date, "vnp_ResponseCode": tx.response_code,
        "vnp_TmnCode": tx.tmn_code, "vnp_TransactionNo": tx.transaction_no,
        "vnp_TransactionStatus": tx.response_code, "vnp_TxnRef": tx.txn_ref,
    }


def _send_ipn(url: str) -> None:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (URL is configuration)
            log.info("sandbox IPN answered %s", response.read()[:200])
    except Exception:
        log.exception("sandbox IPN to %s failed", url.split("?")[0])


@require_POST
def decide(request, pk):
    with transaction.atomic():
        tx = get_object_or_404(SandboxTransaction.objects.select_for_update(), pk=pk)
        if tx.status == "pending":
            approve = request.POST.get("action") == "approve"
            tx.status = "approved" if approve else "cancelled"
            tx.response_code = "00" if approve else "24"
            tx.pay_date = vn_time(timezone.now())
            tx.save()
            query = signed_query(_callback_params(tx), conf.vnpay_hash_secret())
            ipn = f"{_ipn_url()}?{query}"
            # After our commit and outside the request, as the real gateway calls back on its own.
            transaction.on_commit(lambda: threading.Thread(target=_send_ipn, args=(ipn,), daemon=True).start())
    query = signed_query(_callback_params(tx), conf.vnpay_hash_secret())
    return redirect(f"{tx.return_url}?{query}")


@csrf_exempt
@require_POST
def api_transaction(request):
    """querydr 2.1.0: JSON in, JSON out, both signed over "|"-joined fields in a fixed order."""
    try:
        body = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest()
    secret = conf.vnpay_hash_secret()
    answer = {"vnp_ResponseId": secrets.token_hex(16), "vnp_Command": "querydr",
              "vnp_TmnCode": body.get("vnp_TmnCode", ""), "vnp_TxnRef": body.get("vnp_TxnRef", "")}
    if body.get("vnp_Command") != "querydr" or body.get("vnp_SecureHash") != pipe_sign(
            secret, body, QUERY_REQUEST_FIELDS) or body.get("vnp_TmnCode") != conf.vnpay_tmn_code():
        answer.update(vnp_ResponseCode="97", vnp_Message="Invalid Checksum")
    else:
        tx = SandboxTransaction.objects.filter(tmn_code=body["vnp_TmnCode"], txn_ref=body.get("vnp_TxnRef")).first()
        if tx is None:
            answer.update(vnp_ResponseCode="91", vnp_Message="Transaction not found")
        else:
            answer.update(vnp_ResponseCode="00", vnp_Message="QueryDR Success", vnp_Amount=str(tx.amount),
                          vnp_BankCode=tx.bank_code, vnp_PayDate=tx.pay_date, vnp_TransactionNo=tx.transaction_no,
                          vnp_TransactionType="01", vnp_OrderInfo=tx.order_info,
                          vnp_TransactionStatus={"pending": "01", "approved": "00"}.get(tx.status, "02"))
    answer["vnp_SecureHash"] = pipe_sign(secret, answer, QUERY_RESPONSE_FIELDS)
    return JsonResponse(answer)


