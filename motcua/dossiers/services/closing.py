"""Payments and obligations, results, withdrawal, stopping, apologies."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from ..models import Apology, ApologyState, Pause, PauseKind, Payment, ReturnMethod
from ..workflow import Status
from .common import PROCESSING, check, check_step, holds, lock, notify, record, require
from .deadlines import end_pause, timeliness
from .processing import steps_of


@transaction.atomic
def record_payment(dossier, actor, *, amount: int, method: str, reference: str = "", paid_at=None) -> Payment:
    """A fee paid at the desk or reported by a gateway; the same reference is recorded once."""
    require(amount > 0, "invalid_amount", _("Số tiền phải lớn hơn 0."))
    dossier = lock(dossier)
    if reference:
        existing = Payment.objects.filter(method=method, reference=reference).first()
        if existing and existing.dossier_id != dossier.pk:
            raise DomainError("payment_reference_used", _("Mã giao dịch %(ref)s đã được ghi cho hồ sơ khác.")
                              % {"ref": reference}, status=409)
        if existing:
            return existing  # a replayed callback: recorded once
    check(dossier, "record_payment", actor)
    now = timezone.now()
    payment = Payment.objects.create(
        dossier=dossier, purpose="fee", amount=amount, method=method, reference=reference,
        paid_at=paid_at or now, status_at_payment=dossier.status, recorded_by=actor,
    )
    dossier.fee_paid += amount
    dossier.save(update_fields=["fee_paid", "updated_at"])
    record(dossier, actor, "record_payment", dossier.status, at=now,
           data={"amount": amount, "method": method, "reference": reference})
    notify(dossier, "paid", amount=amount)
    return payment


@transaction.atomic
def request_obligation(dossier, actor, *, amount: int, reason: str, deadline=None):
    require(amount > 0, "invalid_amount", _("Số tiền phải lớn hơn 0."))
    dossier = lock(dossier)
    check(dossier, "request_obligation", actor)
    now = timezone.now()
    # Whether the wait counts toward the legal limit is the procedure's rule, taken at acceptance.
    stops = not dossier.obligation_wait_counts
    Pause.objects.create(dossier=dossier, kind=PauseKind.OBLIGATION, started_at=now, stops_clock=stops,
                         resume_status=Status.PROCESSING, reason=reason, deadline=deadline, amount=amount)
    dossier.status = Status.OBLIGATION
    dossier.paused_since = now if stops else None
    dossier.save()
    record(dossier, actor, "request_obligation", Status.PROCESSING, note=reason, at=now,
           agency=dossier.competent_agency, data={"amount": amount})
    notify(dossier, "obligation_requested", amount=amount, reason=reason)
    return dossier


@transaction.atomic
def record_obligation_paid(dossier, actor, *, method: str = "desk", reference: str = "", amount: int | None = None):
    dossier = lock(dossier)
    check(dossier, "record_obligation_paid", actor)
    now = timezone.now()
    pause, old_due = end_pause(dossier, PauseKind.OBLIGATION, now)
    Payment.objects.create(dossier=dossier, purpose="obligation", amount=amount or pause.amount, method=method,
                           reference=reference, paid_at=now, status_at_payment=dossier.status, recorded_by=actor)
    dossier.status = Status.PROCESSING
    dossier.save()
    record(dossier, actor, "record_obligation_paid", Status.OBLIGATION, at=now,
           data={"due_at_before": old_due.isoformat(), "amount": amount or pause.amount})
    return dossier


@transaction.atomic
def mark_result_ready(dossier, actor, *, result_number: str = "", result_date=None, signer: str = "",
                      result_file=None, note: str = "", expected_step: int | None = None):
    dossier = lock(dossier)
    check(dossier, "mark_result_ready", actor)
    check_step(dossier, expected_step)
    steps = steps_of(dossier)
    require(not steps or dossier.current_step_id == steps[-1].pk, "not_last_step",
            _("Hồ sơ chưa đến bước cuối của quy trình."), status=409)
    require(not dossier.coordinations.filter(answered_at__isnull=True).exists(), "coordination_open",
            _("Còn đề nghị phối hợp chưa được trả lời."), status=409)
    now = timezone.now()
    dossier.status = Status.RESULT_READY
    dossier.finished_at = now
    dossier.result_number, dossier.result_signer = result_number, signer
    dossier.result_date = result_date or timezone.localdate(now)
    if result_file is not None:
        dossier.result_file = result_file
    done_due = dossier.step_due_at
    dossier.save()
    record(dossier, actor, "mark_result_ready", Status.PROCESSING, note=note, at=now, agency=dossier.competent_agency,
           receiver_agency=dossier.receiving_agency,
           data={"step_result": timeliness(now, done_due), "result": timeliness(now, dossier.due_at)})
    notify(dossier, "result_ready")
    return dossier


@transaction.atomic
def return_result(dossier, actor, *, method: str = ReturnMethod.DESK, note: str = ""):
    require(method in ReturnMethod.values, "invalid_method", _("Hình thức trả kết quả không hợp lệ."))
    dossier = lock(dossier)
    check(dossier, "return_result", actor)
    now = timezone.now()
    dossier.status = Status.RETURNED
    dossier.returned_at = now
    dossier.return_method = method
    dossier.save()
    record(dossier, actor, "return_result", Status.RESULT_READY, note=note, at=now,
           agency=dossier.receiving_agency, data={"method": method})
    notify(dossier, "returned")
    return dossier


def _close(dossier, actor, name: str, target: int, reason: str):
    require(bool(reason.strip()), "reason_required", _("Phải nêu lý do."))
    dossier = lock(dossier)
    check(dossier, name, actor)
    now, before = timezone.now(), dossier.status
    dossier.pauses.filter(ended_at__isnull=True).update(ended_at=now)
    dossier.status = target
    dossier.finished_at = now
    dossier.paused_since = None
    dossier.closing_reason = reason
    dossier.save()
    record(dossier, actor, name, before, note=reason, at=now)
    notify(dossier, name + ("n" if name == "withdraw" else "ped"))
    return dossier


@transaction.atomic
def withdraw(dossier, actor, *, reason: str):
    return _close(dossier, actor, "withdraw", Status.WITHDRAWN, reason)


@transaction.atomic
def stop(dossier, actor, *, reason: str):
    return _close(dossier, actor, "stop", Status.STOPPED, reason)


@transaction.atomic
def propose_apology(dossier, actor, *, reason: str, new_due_at) -> Apology:
    require(bool(reason.strip()), "reason_required", _("Phải nêu lý do chậm."))
    dossier = lock(dossier)
    check(dossier, "propose_apology", actor)
    now = timezone.now()
    require(dossier.due_at is not None, "not_accepted", _("Hồ sơ chưa được tiếp nhận nên chưa có hạn trả."),
            status=409)
    require(now < dossier.due_at, "due_passed",
            _("Phiếu xin lỗi phải được lập trước khi hết hạn trả kết quả."), status=409)
    require(new_due_at > dossier.due_at, "new_date_too_early", _("Ngày hẹn mới phải sau hạn trả kết quả hiện tại."))
    agency = dossier.competent_agency
    if not holds(actor, PROCESSING, agency.pk):
        agency = next(c.agency for c in dossier.coordinations.all() if holds(actor, PROCESSING, c.agency_id))
    apology = Apology.objects.create(dossier=dossier, agency=agency, reason=reason, new_due_at=new_due_at,
                                     old_due_at=dossier.due_at, proposed_at=now, proposed_by=actor)
    record(dossier, actor, "propose_apology", dossier.status, note=reason, at=now, agency=agency,
           data={"apology": apology.pk, "new_due_at": new_due_at.isoformat()})
    return apology


def _decide_apology(dossier, actor, action: str, state: str):
    """Lock, check, and settle the proposal awaiting this leader (the oldest from an agency they lead)."""
    dossier = lock(dossier)
    check(dossier, action, actor)
    apology = next(a for a in dossier.apologies.select_for_update().filter(state=ApologyState.PROPOSED)
                   if holds(actor, ("agency_leader",), a.agency_id))
    apology.state, apology.decided_at, apology.decided_by = state, timezone.now(), actor
    apology.save()
    return dossier, apology


@transaction.atomic
def approve_apology(dossier, actor, *, note: str = "") -> Apology:
    """The leader signs Mẫu 04: the applicant gets a new appointment; statistics keep the legal date."""
    dossier, apology = _decide_apology(dossier, actor, "approve_apology", ApologyState.APPROVED)
    dossier.promised_at = apology.new_due_at
    dossier.save(update_fields=["promised_at", "updated_at"])
    record(dossier, actor, "approve_apology", dossier.status, note=note, at=apology.decided_at,
           agency=apology.agency, data={"apology": apology.pk, "promised_at": apology.new_due_at.isoformat()})
    notify(dossier, "apology", reason=apology.reason)
    return apology


@transaction.atomic
def reject_apology(dossier, actor, *, reason: str) -> Apology:
    """The leader does not sign: nothing is sent to the applicant and the appointment stays as it was.

    The processing official reads the reason on the dossier's timeline and may finish in time or
    propose again.
    """
    require(bool(reason.strip()), "reason_required", _("Phải nêu lý do không duyệt."))
    dossier, apology = _decide_apology(dossier, actor, "reject_apology", ApologyState.REJECTED)
    record(dossier, actor, "reject_apology", dossier.status, note=reason, at=apology.decided_at,
           agency=apology.agency, data={"apology": apology.pk})
    return apology
