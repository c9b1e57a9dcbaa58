"""Every write to a payment attempt. Each function is one business action: atomic and audited."""

from __future__ import annotations

import logging
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers.services import record_obligation_paid, record_payment
from motcua.dossiers.services.common import lock
from motcua.dossiers.workflow import Status

from .models import AttemptStatus, PaymentAttempt, PaymentEvent, Purpose
from .providers import get_provider

log = logging.getLogger(__name__)


def amount_due(dossier) -> int:
    return max(dossier.fee_amount - dossier.fee_paid, 0)


def _new_txn_ref() -> str:
    # Date prefix for people reading bank statements; the random part keeps refs unguessable.
    return f"{timezone.localtime():%y%m%d}{secrets.token_hex(5).upper()}"


@transaction.atomic
def start_payment(dossier, actor, *, purpose: str = Purpose.FEE, amount: int | None = None,
                  provider: str = "vnpay") -> PaymentAttempt:
    dossier = lock(dossier)
    if purpose == Purpose.FEE:
        due = amount_due(dossier)
        if due <= 0:
            raise DomainError("nothing_due", _("Hồ sơ %(code)s không còn khoản phí, lệ phí nào phải nộp.")
                              % {"code": dossier.code}, status=409)
        amount = due if amount is None else amount
        if not 0 < amount <= due:
            raise DomainError("invalid_amount", _("Số tiền phải lớn hơn 0 và không vượt quá số còn phải nộp (%(due)s đồng).")
                              % {"due": due}, status=422, field="amount")
    elif purpose == Purpose.OBLIGATION:
        if dossier.status != Status.OBLIGATION:
            raise DomainError("no_obligation", _("Hồ sơ %(code)s không ở trạng thái chờ thực hiện nghĩa vụ tài chính.")
                              % {"code": dossier.code}, status=409)
        pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
        amount = amount or (pause.amount if pause else 0)
        if not amount or amount <= 0:
            raise DomainError("nothing_due", _("Chưa xác định số tiền nghĩa vụ tài chính."), status=409)
    else:
        raise DomainError("invalid_purpose", _("Mục đích thanh toán không hợp lệ."), status=422)
    for _try in range(3):
        try:
            with transaction.atomic():
                attempt = PaymentAttempt.objects.create(
                    dossier=dossier, purpose=purpose, amount=amount, provider=provider, txn_ref=_new_txn_ref(),
                    started_by=actor if actor is not None and actor.is_authenticated else None,
                    payer_name=dossier.owner.name if getattr(dossier, "owner", None) else "",
                )
            break
        except IntegrityError:
            continue
    else:
        raise DomainError("txn_ref_collision", _("Không tạo được mã giao dịch, vui lòng thử lại."), status=503)
    PaymentEvent.objects.create(attempt=attempt, actor=attempt.started_by, action="start",
                                data={"amount": amount, "purpose": purpose})
    return attempt


# IPN answers, with the English messages VNPay's samples use (read by VNPay's machines, not people).
CONFIRMED = ("00", "Confirm Success")
NOT_FOUND = ("01", "Order not found")
ALREADY = ("02", "Order already confirmed")
BAD_AMOUNT = ("04", "invalid amount")
BAD_SIGNATURE = ("97", "Invalid signature")
UNKNOWN = ("99", "Unknown error")


def confirm_from_ipn(params: dict, *, provider: str = "vnpay") -> tuple[str, str]:
    """Apply a gateway's server-to-server notification. Returns (code, message) for the answer.

    Only this path marks an attempt paid. A wrong merchant code answers 97: the merchant code is
    part of the signed data, so a mismatch means the message was not meant for us.
    """
    gateway = get_provider(provider)
    result = gateway.parse_callback(params)
    if not result.valid_signature or not gateway.merchant_matches(result):
        return BAD_SIGNATURE
    try:
        return _apply(result)
    except Exception:
        log.exception("IPN for %s failed", result.txn_ref)
        return UNKNOWN


@transaction.atomic
def _apply(result) -> tuple[str, str]:
    # The row lock makes a second, concurrent IPN wait and then see the attempt already settled.
    attempt = PaymentAttempt.objects.select_for_update().filter(txn_ref=result.txn_ref).first()
    if attempt is None:
        return NOT_FOUND
    if result.amount != attempt.amount:
        return BAD_AMOUNT
    # An expired attempt still takes a late confirmation: if the gateway says the money moved,
    # the citizen has paid, whatever our clock thought.
    if attempt.status not in (AttemptStatus.PENDING, AttemptStatus.EXPIRED):
        return ALREADY
    now = timezone.now()
    attempt.transaction_no = result.transaction_no
    attempt.bank_code = result.bank_code
    attempt.pay_date = result.paid_at or now
    attempt.response_code = result.response_code
    attempt.raw_callback = result.raw
    if result.success:
        attempt.status = AttemptStatus.PAID
        dossier = attempt.dossier
        if attempt.purpose == Purpose.OBLIGATION and dossier.status == Status.OBLIGATION:
            record_obligation_paid(dossier, None, method=attempt.provider, reference=attempt.txn_ref,
                                   amount=attempt.amount)
        else:
            # Whatever the dossier's status: the citizen's money has moved and must be on record.
            record_payment(dossier, None, amount=attempt.amount, method=attempt.provider,
                           reference=attempt.txn_ref, paid_at=attempt.pay_date)
    else:
        attempt.status = AttemptStatus.FAILED
    attempt.save()
    PaymentEvent.objects.create(attempt=attempt, actor=None, action=attempt.status,
                                data={"response_code": result.response_code, "transaction_no": result.transaction_no})
    return CONFIRMED


@transaction.atomic
def expire_stale(*, older_than) -> int:
    """Mark pending attempts created before `older_than` expired (the gateway link has lapsed)."""
    count = 0
    for attempt in PaymentAttempt.objects.select_for_update().filter(status=AttemptStatus.PENDING,
                                                                      created_at__lt=older_than):
        attempt.status = AttemptStatus.EXPIRED
        attempt.save(update_fields=["status", "updated_at"])
        PaymentEvent.objects.create(attempt=attempt, actor=None, action="expired")
        count += 1
    return count
