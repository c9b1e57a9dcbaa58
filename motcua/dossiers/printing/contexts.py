"""The data each form prints, gathered from a dossier and its trail.

Each builder returns (the document's date, context). The date picks the form version in
force (registry.version_for) and is the form's dateline.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError

from ..models import (
    Apology,
    ApologyState,
    Dossier,
    DossierEvent,
    Pause,
    PauseKind,
    ReturnMethod,
    TurnedAwayVisit,
)
from ..workflow import Status
from . import vn
from .common import desk_phone, official, party
from .control import control_rows
from .qr import receipt_links


def unavailable(key: str, why: str) -> DomainError:
    return DomainError(
        "form_unavailable", _("Không in được Mẫu số %(key)s: %(why)s") % {"key": key, "why": why}, status=409
    )


def _last_event(dossier: Dossier, *actions: str, at=None) -> DossierEvent | None:
    events = dossier.events.filter(action__in=actions).select_related("actor", "agency")
    if at is not None:
        events = events.filter(at__lte=at)
    return events.order_by("-at", "-pk").first()


def _request(dossier: Dossier) -> dict:
    return {"procedure": dossier.procedure.name, "procedure_code": dossier.procedure.code, "summary": dossier.summary}


def _return_at(dossier: Dossier, desk) -> str:
    """Item 6 of the receipt, "Đăng ký nhận kết quả tại": the place itself, not the method's name."""
    if dossier.return_method == ReturnMethod.POST:
        address = (dossier.form_data or {}).get("post_address") or dossier.owner.address
        return _("Qua dịch vụ bưu chính, tại địa chỉ: %(address)s") % {"address": address}
    if dossier.return_method == ReturnMethod.DOWNLOAD:
        return _("Cổng dịch vụ công (nhận kết quả điện tử)")
    if desk is None:
        return dossier.receiving_agency.name
    return f"{desk.name}, {desk.address}" if desk.address else desk.name


def mau01(dossier: Dossier) -> tuple[datetime.datetime, dict]:
    if dossier.accepted_at is None or dossier.due_at is None:
        raise unavailable("01", _("hồ sơ chưa được tiếp nhận."))
    received = _last_event(dossier, "receive", "accept")
    desk = dossier.desk
    return dossier.accepted_at, {
        "issuer": dossier.receiving_agency,
        "code": dossier.code,
        "desk_name": desk.name if desk else dossier.receiving_agency.name,
        "submitter": party(dossier.submitter or dossier.owner),
        "owner": party(dossier.owner) if dossier.submitter_id else None,
        "request": _request(dossier),
        "files": list(dossier.files.all()),
        "sets": dossier.sets,
        "time_limit": vn.time_limit(dossier.time_limit, dossier.time_limit_unit, dossier.same_day_cutoff is not None),
        "received_at": vn.time_words(dossier.accepted_at),
        "due_at": vn.time_words(dossier.due_at),
        "fee": vn.number(dossier.fee_amount) if dossier.fee_amount else "",
        "return_at": _return_at(dossier, desk),
        "phone": desk_phone(dossier),
        "receiver": official(received.actor if received else None),
        "channel": dossier.get_channel_display(),
        "links": receipt_links(dossier),
    }


def mau02(obj) -> tuple[datetime.datetime, dict]:
    if isinstance(obj, TurnedAwayVisit):
        if obj.form != "02":
            raise unavailable("02", _("lượt hướng dẫn này được ghi theo Mẫu 03."))
        return obj.at, {
            "issuer": obj.desk.agency, "code": None, "desk_name": obj.desk.name,
            "submitter": party(obj.person), "request": {"procedure": obj.procedure.name,
                                                       "procedure_code": obj.procedure.code, "summary": ""},
            "items": list(obj.items), "reason": obj.guidance, "deadline": "",
            "guide": official(obj.official), "phone": obj.official.phone or desk_phone(None, obj.desk),
        }
    pause = obj if isinstance(obj, Pause) else (
        obj.pauses.filter(kind=PauseKind.SUPPLEMENT).order_by("-started_at", "-pk").first()
    )
    if pause is None or pause.kind != PauseKind.SUPPLEMENT:
        raise unavailable("02", _("hồ sơ chưa có yêu cầu bổ sung."))
    dossier = pause.dossier
    event = _last_event(dossier, "request_supplement", at=pause.started_at)
    guide = official(event.actor if event else None)
    desk = dossier.desk
    return pause.started_at, {
        "issuer": (event.agency if event and event.agency_id else dossier.receiving_agency),
        "code": dossier.code,
        "desk_name": desk.name if desk else dossier.receiving_agency.name,
        "submitter": party(dossier.submitter or dossier.owner),
        "request": _request(dossier),
        "items": list(pause.items),
        "reason": pause.reason,
        "deadline": vn.date_words(pause.deadline) if pause.deadline else "",
        "guide": guide,
        "phone": guide["phone"] or desk_phone(dossier),
    }


def mau03(obj) -> tuple[datetime.datetime, dict]:
    if isinstance(obj, TurnedAwayVisit):
        if obj.form != "03":
            raise unavailable("03", _("lượt hướng dẫn này được ghi theo Mẫu 02."))
        return obj.at, {
            "issuer": obj.desk.agency, "code": None, "desk_name": obj.desk.name,
            "submitter": party(obj.person), "request": {"procedure": obj.procedure.name,
                                                       "procedure_code": obj.procedure.code, "summary": ""},
            "reason": obj.guidance, "guidance": "\n".join(obj.items), "refuser": official(obj.official),
        }
    dossier = obj
    if dossier.status not in (Status.REFUSED, Status.STOPPED):
        raise unavailable("03", _("hồ sơ không bị từ chối hoặc dừng giải quyết."))
    event = _last_event(dossier, "refuse", "stop")
    desk = dossier.desk
    return (event.at if event else dossier.updated_at), {
        "issuer": (event.agency if event and event.agency_id else dossier.receiving_agency),
        "code": dossier.code,
        "desk_name": desk.name if desk else dossier.receiving_agency.name,
        "submitter": party(dossier.submitter or dossier.owner),
        "request": _request(dossier),
        "reason": dossier.closing_reason,
        "guidance": "",
        "refuser": official(event.actor if event else None),
    }


def mau04(obj) -> tuple[datetime.datetime, dict]:
    apology = obj if isinstance(obj, Apology) else (
        obj.apologies.exclude(state=ApologyState.REJECTED).order_by("-proposed_at", "-pk").first()
    )
    if apology is None:
        raise unavailable("04", _("hồ sơ chưa có phiếu xin lỗi."))
    dossier = apology.dossier
    approved = apology.state == ApologyState.APPROVED
    return (apology.decided_at if approved else apology.proposed_at), {
        "issuer": apology.agency,
        "code": dossier.code,
        "addressee": dossier.owner.name,
        "agency_name": apology.agency.name,
        "request": _request(dossier),
        "received_at": vn.time_words(dossier.accepted_at),
        "old_due_at": vn.time_words(apology.old_due_at),
        "new_due_at": vn.time_words(apology.new_due_at),
        "reason": apology.reason,
        "draft": not approved,
        "head": official(apology.decided_by if approved else None),
    }


def mau05(dossier: Dossier) -> tuple[datetime.datetime, dict]:
    coordinating = []
    for item in dossier.coordinations.select_related("agency").order_by("requested_at"):
        if item.agency.name not in coordinating:
            coordinating.append(item.agency.name)
    return (dossier.accepted_at or dossier.submitted_at), {
        "issuer": dossier.receiving_agency,
        "code": dossier.code,
        "owner": party(dossier.owner),
        "request": _request(dossier),
        "received_at": vn.time_words(dossier.accepted_at or dossier.submitted_at),
        "due_at": vn.time_words(dossier.due_at) if dossier.due_at else "",
        "lead_agency": dossier.competent_agency.name,
        "coordinating": coordinating,
        "rows": control_rows(dossier),
    }


BUILDERS = {"01": mau01, "02": mau02, "03": mau03, "04": mau04, "05": mau05}

# What each form may be printed from; anything else is a caller's mistake, not a state problem.
ACCEPTS = {
    "01": (Dossier,),
    "02": (Dossier, Pause, TurnedAwayVisit),
    "03": (Dossier, TurnedAwayVisit),
    "04": (Dossier, Apology),
    "05": (Dossier,),
}
