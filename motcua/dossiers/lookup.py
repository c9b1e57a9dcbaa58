"""The public lookup by dossier code: what a citizen sees without signing in.

The status card carries no personal data. The timeline needs the last four digits of the
owner's phone or ID number; wrong guesses are counted per dossier in the database (exact across
processes) and the dossier locks for a while after too many; each client address is also
rate-limited.
"""

import datetime
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.ratelimit import hit

from .models import Dossier, LookupGuard
from .workflow import Status

PUBLIC_ACTIONS = {
    "receive", "submit_online", "accept", "refuse", "request_supplement", "resubmit", "hand_over", "next_step",
    "send_back", "request_coordination", "answer_coordination", "request_obligation", "record_obligation_paid",
    "mark_result_ready", "return_result", "send_by_post", "withdraw", "stop", "approve_apology", "record_payment",
}


def check_rate(client: str) -> None:
    if not hit(f"lookup:{client}", settings.LOOKUP_RATE_PER_MINUTE, 60):
        raise DomainError("rate_limited", _("Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."), status=429)


def find(code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_related("procedure", "competent_agency", "receiving_agency", "owner")
        .filter(code=code.strip().upper() if code else "")
        .first()
    )
    if dossier is None:
        raise DomainError(
            "dossier_not_found", _("Không tìm thấy hồ sơ có mã %(code)s. Vui lòng kiểm tra lại mã trên giấy hẹn.")
            % {"code": code}, status=404,
        )
    return dossier


def status_card(dossier: Dossier) -> dict:
    local = timezone.localtime
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_name": str(Status(dossier.status).label),
        "procedure": dossier.procedure.name,
        "competent_agency": dossier.competent_agency.name,
        "receiving_agency": dossier.receiving_agency.name,
        "accepted_at": local(dossier.accepted_at) if dossier.accepted_at else None,
        "due_at": local(dossier.due_at) if dossier.due_at else None,
        "promised_at": local(dossier.promised_at) if dossier.promised_at else None,
        "finished_at": local(dossier.finished_at) if dossier.finished_at else None,
        "returned_at": local(dossier.returned_at) if dossier.returned_at else None,
        "overdue": dossier.is_overdue,
    }


def _digits_match(dossier: Dossier, last4: str) -> bool:
    owner = dossier.owner
    candidates = [value[-4:] for value in (owner.phone, owner.id_number) if value and len(value) >= 4]
    return any(hmac.compare_digest(c, last4) for c in candidates)


def verify_owner(dossier: Dossier, last4: str) -> None:
    """Raise unless `last4` matches; a failure is committed even though the request fails."""
    now = timezone.now()
    with transaction.atomic():
        guard, _created = LookupGuard.objects.select_for_update().get_or_create(dossier=dossier)
        if guard.locked_until and guard.locked_until > now:
            raise DomainError("too_many_guesses", _("Đã nhập sai quá nhiều lần. Hồ sơ tạm khóa tra cứu chi tiết đến "
                                                    "%(time)s.") % {"time": f"{timezone.localtime(guard.locked_until):%H:%M %d/%m/%Y}"},
                              status=429)
        if last4.isdigit() and len(last4) == 4 and _digits_match(dossier, last4):
            if guard.failures:
                guard.failures, guard.locked_until = 0, None
                guard.save()
            return
        guard.failures += 1
        if guard.failures >= settings.LOOKUP_MAX_GUESSES:
            guard.failures = 0
            guard.locked_until = now + datetime.timedelta(minutes=settings.LOOKUP_LOCK_MINUTES)
        guard.save()
    raise DomainError("wrong_digits", _("Bốn số cuối không khớp với số điện thoại hoặc giấy tờ của chủ hồ sơ."),
                      status=403)


def timeline(dossier: Dossier) -> list[dict]:
    events = dossier.events.filter(action__in=PUBLIC_ACTIONS).select_related("agency").order_by("at", "pk")
    return [
        {
            "at": timezone.localtime(e.at),
            "action": e.action,
            "status": e.to_status,
            "status_name": str(Status(e.to_status).label),
            "agency": e.agency.name if e.agency_id else "",
        }
        for e in events
    ]
