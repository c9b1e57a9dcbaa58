"""Entering the system: walk-in reception, online submission, acceptance, refusal, supplements."""

from __future__ import annotations

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure, RequiredDocument
from motcua.core.errors import DomainError
from motcua.core.text import nfc
from motcua.directory.models import Agency, Desk, RoleKind
from motcua.directory.permissions import principal_for

from ..models import Channel, Dossier, DossierFile, Party, Pause, PauseKind, TurnedAwayVisit
from ..workflow import Status
from .codes import new_code
from .common import check, lock, notify, record, require
from .deadlines import end_pause, legal_due, take_snapshot

PARTY_FIELDS = ("kind", "name", "id_type", "id_number", "birth_date", "phone", "email", "address", "commune")


def make_party(data: dict | None) -> Party | None:
    if not data:
        return None
    values = {k: v for k, v in data.items() if k in PARTY_FIELDS and v not in (None, "")}
    # Party.save() trims the name: a name of spaces would be saved empty.
    require(bool(nfc(values.get("name"))), "party_name_required", _("Phải nhập họ tên người nộp / chủ hồ sơ."))
    return Party.objects.create(**values)


def desk_of(actor, desk: Desk | None) -> Desk:
    """The desk the officer works at: the one given if it is theirs, or their only one."""
    principal = principal_for(actor)
    if principal.sees_everything and desk is not None:
        return desk
    mine = principal.desk_ids
    if desk is not None:
        require(desk.pk in mine, "not_your_desk", _("Bạn không làm việc tại bộ phận một cửa này."), status=403)
        return desk
    require(bool(mine), "not_a_desk_officer", _("Chỉ cán bộ một cửa được tiếp nhận hồ sơ."), status=403)
    require(len(mine) == 1, "desk_required", _("Bạn làm việc tại nhiều bộ phận: hãy chọn bộ phận tiếp nhận."))
    return Desk.objects.get(pk=next(iter(mine)))


def competent_for(procedure: Procedure, desk: Desk | None, chosen: Agency | None, day) -> Agency:
    candidates = list(procedure.agencies.active_on(day))
    if chosen is not None:
        require(
            chosen in candidates,
            "agency_not_competent",
            _("%(agency)s không có thẩm quyền giải quyết thủ tục này.") % {"agency": chosen.name},
        )
        return chosen
    if desk is not None and len(candidates) > 1:
        served = {desk.agency_id, *desk.serves.values_list("pk", flat=True)}
        candidates = [a for a in candidates if a.pk in served] or candidates
    require(bool(candidates), "no_competent_agency", _("Thủ tục chưa có cơ quan giải quyết đang hoạt động."))
    require(
        len(candidates) == 1, "competent_agency_required", _("Hãy chọn cơ quan giải quyết hồ sơ."),
        choices=[a.code for a in candidates],
    )
    return candidates[0]


def attach_files(dossier: Dossier, files: list[dict]) -> None:
    documents = {d.pk: d for d in RequiredDocument.objects.filter(procedure=dossier.procedure_id)}
    for item in files or []:
        doc = documents.get(item.get("required_document"))
        require(
            doc is not None or bool(item.get("name")),
            "unknown_document", _("Thành phần hồ sơ không thuộc thủ tục này."),
        )
        scan = item.get("scan")
        DossierFile.objects.create(
            dossier=dossier,
            required_document=doc,
            name=item.get("name") or doc.name,
            originals=item.get("originals", 0),
            certified_copies=item.get("certified_copies", 0),
            copies=item.get("copies", 0),
            scan=scan or "",
            digitised=bool(scan) or bool(item.get("digitised")),
        )


def _start(dossier: Dossier, at: datetime.datetime) -> None:
    take_snapshot(dossier, timezone.localdate(at))
    dossier.accepted_at = at
    dossier.due_at = legal_due(dossier, at)


@transaction.atomic
def receive_walk_in(
    actor, *, procedure: Procedure, owner: dict, submitter: dict | None = None, competent_agency=None,
    desk: Desk | None = None, counter=None, summary: str = "", files: list[dict] | None = None,
    form_data: dict | None = None, sets: int = 1, return_method: str = "desk", channel: str = Channel.WALK_IN,
    note: str = "",
) -> Dossier:
    """A dossier received at the counter: accepted at once (status 2) with its due date."""
    require(procedure.is_active, "procedure_inactive", _("Thủ tục này không còn áp dụng."))
    desk = desk_of(actor, desk)
    now = timezone.now()
    competent = competent_for(procedure, desk, competent_agency, timezone.localdate(now))
    dossier = Dossier(
        code=new_code(desk.agency, now), procedure=procedure, receiving_agency=desk.agency, desk=desk,
        counter=counter, competent_agency=competent, channel=channel, owner=make_party(owner),
        submitter=make_party(submitter), summary=summary, form_data=form_data or {}, sets=sets,
        return_method=return_method, status=Status.ACCEPTED, submitted_at=now,
    )
    _start(dossier, now)
    dossier.save()
    attach_files(dossier, files or [])
    record(dossier, actor, "receive", None, note=note, at=now, agency=desk.agency, receiver_agency=desk.agency)
    notify(dossier, "accepted")
    return dossier


def desk_for_online(competent: Agency) -> Desk:
    desk = (
        Desk.objects.filter(is_active=True, serves=competent).order_by("pk").first()
        or Desk.objects.filter(is_active=True, agency=competent).order_by("pk").first()
    )
    require(desk is not None, "no_desk", _("Chưa có bộ phận một cửa tiếp nhận hồ sơ cho %(agency)s.") % {
        "agency": competent.name})
    return desk


def submit_online(
    account, *, procedure: Procedure, owner: dict, competent_agency: Agency | None = None,
    submitter: dict | None = None, summary: str = "", files: list[dict] | None = None,
    form_data: dict | None = None, idempotency_key: str | None = None, return_method: str = "desk",
) -> Dossier:
    """A citizen's online submission (status 1). A retry with the same key returns the same dossier."""
    if idempotency_key:
        existing = Dossier.objects.filter(idempotency_key=idempotency_key, account=account).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            return _submit_online(
                account, procedure, owner, competent_agency, submitter, summary, files, form_data,
                idempotency_key, return_method,
            )
    except IntegrityError:
        # Two requests with one key raced: the loser returns the winner's dossier.
        existing = Dossier.objects.filter(idempotency_key=idempotency_key, account=account).first()
        if existing is None:
            raise
        return existing


def _submit_online(account, procedure, owner, competent_agency, submitter, summary, files, form_data, key, ret):
    require(procedure.is_active, "procedure_inactive", _("Thủ tục này không còn áp dụng."))
    now = timezone.now()
    competent = competent_for(procedure, None, competent_agency, timezone.localdate(now))
    desk = desk_for_online(competent)
    dossier = Dossier.objects.create(
        # A placeholder until the end: the agency's daily counter row stays locked from the moment a
        # number is taken until commit, so it is taken last (citizens submitting to one commune queue there).
        code="~" + uuid.uuid4().hex, procedure=procedure, receiving_agency=desk.agency, desk=desk,
        competent_agency=competent, channel=Channel.ONLINE, owner=make_party(owner), submitter=make_party(submitter),
        account=account if account is not None and account.is_authenticated else None, summary=summary,
        form_data=form_data or {}, status=Status.SUBMITTED, submitted_at=now, idempotency_key=key or None,
        return_method=ret, fee_amount=procedure.total_fees(),
    )
    attach_files(dossier, files or [])
    record(dossier, dossier.account, "submit_online", None, at=now, receiver_agency=desk.agency)
    dossier.code = new_code(desk.agency, now)
    Dossier.objects.filter(pk=dossier.pk).update(code=dossier.code)
    notify(dossier, "submitted")
    return dossier


@transaction.atomic
def accept(dossier, actor, *, note: str = "") -> Dossier:
    dossier = lock(dossier)
    check(dossier, "accept", actor)
    now = timezone.now()
    dossier.status = Status.ACCEPTED
    _start(dossier, now)
    dossier.save()
    record(dossier, actor, "accept", Status.SUBMITTED, note=note, at=now, agency=dossier.receiving_agency)
    notify(dossier, "accepted")
    return dossier


@transaction.atomic
def refuse(dossier, actor, *, reason: str) -> Dossier:
    require(bool(reason.strip()), "reason_required", _("Phải nêu lý do từ chối."))
    dossier = lock(dossier)
    check(dossier, "refuse", actor)
    dossier.status = Status.REFUSED
    dossier.closing_reason = reason
    dossier.save()
    record(dossier, actor, "refuse", Status.SUBMITTED, note=reason, agency=dossier.receiving_agency)
    notify(dossier, "refused", reason=reason)
    return dossier


@transaction.atomic
def request_supplement(dossier, actor, *, items: list[str], reason: str = "", deadline=None) -> Dossier:
    require(bool(items), "items_required", _("Phải liệt kê giấy tờ cần bổ sung."))
    dossier = lock(dossier)
    check(dossier, "request_supplement", actor)
    now, before = timezone.now(), dossier.status
    # Before acceptance there is no legal clock to stop.
    stops = before != Status.SUBMITTED
    Pause.objects.create(
        dossier=dossier, kind=PauseKind.SUPPLEMENT, started_at=now, resume_status=before, items=items,
        reason=reason, deadline=deadline, stops_clock=stops,
    )
    dossier.status = Status.SUPPLEMENT
    dossier.paused_since = now if stops else None
    dossier.save()
    acting = dossier.receiving_agency if before == Status.SUBMITTED else dossier.competent_agency
    record(dossier, actor, "request_supplement", before, note=reason, at=now, agency=acting,
           data={"items": items, "deadline": deadline.isoformat() if deadline else None})
    notify(dossier, "supplement_requested", items=items, reason=reason)
    return dossier


@transaction.atomic
def resubmit(dossier, actor, *, note: str = "", files: list[dict] | None = None) -> Dossier:
    dossier = lock(dossier)
    check(dossier, "resubmit", actor)
    now = timezone.now()
    pause, old_due = end_pause(dossier, PauseKind.SUPPLEMENT, now)
    dossier.status = pause.resume_status
    dossier.save()
    attach_files(dossier, files or [])
    record(dossier, actor, "resubmit", Status.SUPPLEMENT, note=note, at=now,
           data={"due_at_before": old_due.isoformat() if old_due else None})
    notify(dossier, "resubmitted")
    return dossier


@transaction.atomic
def record_turned_away(
    actor, *, procedure: Procedure, person: dict, form: str, guidance: str, items: list[str] | None = None,
    desk: Desk | None = None,
) -> TurnedAwayVisit:
    """A walk-in who leaves with Mẫu 02 (what to complete) or Mẫu 03 (not receivable), without a dossier."""
    require(form in ("02", "03"), "invalid_form", _("Chỉ dùng Mẫu 02 hoặc Mẫu 03."))
    require(bool(guidance.strip()), "guidance_required", _("Phải ghi nội dung hướng dẫn hoặc lý do."))
    desk = desk_of(actor, desk)
    if not principal_for(actor).has_role(RoleKind.DESK_OFFICER) and not principal_for(actor).sees_everything:
        raise DomainError("not_a_desk_officer", _("Chỉ cán bộ một cửa được ghi sổ."), status=403)
    return TurnedAwayVisit.objects.create(
        desk=desk, procedure=procedure, form=form, person=make_party(person), guidance=guidance,
        items=items or [], official=actor,
    )
