"""API shapes for dossiers: what comes in for each action, what goes out."""

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Schema

from .models import Dossier
from .workflow import Status


def local(value: datetime.datetime | None):
    return timezone.localtime(value) if value else None


class PartyIn(Schema):
    kind: str = Field("person", pattern="^(person|organisation)$")
    name: str = Field(..., min_length=1, max_length=255)
    id_type: str = Field("cccd", pattern="^(cccd|cmnd|passport|tax_code)$")
    id_number: str = Field("", max_length=32)
    birth_date: datetime.date | None = None
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=255)


class FileIn(Schema):
    required_document: int | None = None
    name: str = ""
    originals: int = Field(0, ge=0, le=99)
    certified_copies: int = Field(0, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)


class WalkInIn(Schema):
    procedure: str = Field(..., description="Mã thủ tục, ví dụ 1.004227")
    competent_agency: str | None = Field(None, description="Mã cơ quan giải quyết (khi thủ tục có nhiều cơ quan)")
    desk: int | None = None
    owner: PartyIn
    submitter: PartyIn | None = None
    summary: str = ""
    sets: int = Field(1, ge=1, le=20)
    return_method: str = Field("desk", pattern="^(desk|download|post)$")
    files: list[FileIn] = []
    form_data: dict = {}


class OnlineIn(Schema):
    procedure: str
    competent_agency: str | None = None
    owner: PartyIn
    summary: str = ""
    files: list[FileIn] = []
    form_data: dict = {}
    idempotency_key: str | None = Field(None, max_length=64)
    return_method: str = Field("desk", pattern="^(desk|download|post)$")


class TurnedAwayIn(Schema):
    procedure: str
    person: PartyIn
    form: str = Field(..., pattern="^(02|03)$")
    guidance: str = Field(..., min_length=1)
    items: list[str] = []
    desk: int | None = None


# One body per action, so that the OpenAPI document says what each one takes.
class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1)


class SupplementIn(Schema):
    items: list[str] = Field(..., min_length=1)
    reason: str = ""
    deadline: datetime.date | None = None


class AssignIn(Schema):
    assignee: str | None = Field(None, description="Tên đăng nhập cán bộ nhận; để trống để hệ thống chọn")
    note: str = ""
    step: int | None = Field(None, description="Bước đang hiển thị khi người dùng thao tác; khác bước hiện tại → 409 "
                                          "(chống bấm hai lần)")


class SendBackIn(Schema):
    note: str = Field(..., min_length=1)
    assignee: str | None = None
    step: int | None = Field(None, description="Bước đang hiển thị khi người dùng thao tác; khác bước hiện tại → 409 "
                                          "(chống bấm hai lần)")


class ReassignIn(Schema):
    assignee: str
    note: str = ""


class CoordinationIn(Schema):
    agency: str = Field(..., description="Mã cơ quan phối hợp")
    request: str = Field(..., min_length=1)
    working_days: Decimal = Field(Decimal(5), gt=0, le=60)


class AnswerIn(Schema):
    answer: str = Field(..., min_length=1)
    agency: str | None = None


class PaymentIn(Schema):
    amount: int = Field(..., gt=0)
    method: str = Field("desk", max_length=32)
    reference: str = Field("", max_length=100)
    paid_at: datetime.datetime | None = None


class ObligationIn(Schema):
    amount: int = Field(..., gt=0)
    reason: str = Field(..., min_length=1)
    deadline: datetime.date | None = None


class ObligationPaidIn(Schema):
    method: str = "desk"
    reference: str = ""
    amount: int | None = Field(None, gt=0)


class ResultIn(Schema):
    result_number: str = ""
    result_date: datetime.date | None = None
    signer: str = ""
    note: str = ""
    step: int | None = Field(None, description="Bước đang hiển thị khi người dùng thao tác; khác bước hiện tại → 409 "
                                          "(chống bấm hai lần)")


class ReturnIn(Schema):
    method: str = Field("desk", pattern="^(desk|download|post)$")
    note: str = ""


class PostIn(Schema):
    tracking_number: str = Field(..., min_length=4, max_length=64)
    address: str = ""
    carrier: str = "VNPost"


class ApologyIn(Schema):
    reason: str = Field(..., min_length=1)
    new_due_at: datetime.datetime


class Named(Schema):
    code: str
    name: str


class StepOut(Schema):
    order: int
    name: str
    role: str


class DossierOut(Schema):
    code: str
    procedure: Named
    status: int
    status_name: str
    channel: str
    receiving_agency: Named
    competent_agency: Named
    owner_name: str
    submitted_at: datetime.datetime
    accepted_at: datetime.datetime | None
    due_at: datetime.datetime | None
    promised_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    overdue: bool
    current_step: StepOut | None
    step_due_at: datetime.datetime | None
    assignee: str | None


class EventOut(Schema):
    at: datetime.datetime
    action: str
    actor: str | None
    from_status: int | None
    to_status: int
    agency: str | None
    receiver: str | None
    receiver_agency: str | None
    step: int | None
    step_due_at: datetime.datetime | None
    due_at: datetime.datetime | None
    note: str
    data: dict


class FileOut(Schema):
    name: str
    originals: int
    certified_copies: int
    copies: int
    digitised: bool


class CoordinationOut(Schema):
    agency: Named
    request: str
    requested_at: datetime.datetime
    deadline: datetime.datetime
    answered_at: datetime.datetime | None
    answer: str


class DossierDetail(DossierOut):
    summary: str
    owner: PartyIn
    submitter: PartyIn | None
    form_data: dict
    files: list[FileOut]
    events: list[EventOut]
    coordinations: list[CoordinationOut]
    fee_amount: int
    fee_paid: int
    result_number: str
    result_date: datetime.date | None
    allowed_actions: list[str]


class ListOut(Schema):
    items: list[DossierOut]
    count: int


class ErrorOut(Schema):
    code: str
    message: str


def named(obj) -> dict:
    return {"code": obj.code, "name": obj.name}


def summary_of(d: Dossier) -> dict:
    step = d.current_step
    return {
        "code": d.code,
        "procedure": named(d.procedure),
        "status": d.status,
        "status_name": str(Status(d.status).label),
        "channel": d.channel,
        "receiving_agency": named(d.receiving_agency),
        "competent_agency": named(d.competent_agency),
        "owner_name": d.owner.name,
        "submitted_at": local(d.submitted_at),
        "accepted_at": local(d.accepted_at),
        "due_at": local(d.due_at),
        "promised_at": local(d.promised_at),
        "finished_at": local(d.finished_at),
        "returned_at": local(d.returned_at),
        "overdue": d.is_overdue,
        "current_step": {"order": step.order, "name": step.name, "role": step.role} if step else None,
        "step_due_at": local(d.step_due_at),
        "assignee": d.assignee.username if d.assignee_id else None,
    }


def party_of(p) -> dict | None:
    if p is None:
        return None
    return {
        "kind": p.kind, "name": p.name, "id_type": p.id_type, "id_number": p.id_number, "birth_date": p.birth_date,
        "phone": p.phone, "email": p.email, "address": p.address,
    }


def detail_of(d: Dossier, allowed: list[str]) -> dict:
    events = d.events.select_related("actor", "agency", "receiver", "receiver_agency", "step").order_by("at", "pk")
    return {
        **summary_of(d),
        "summary": d.summary,
        "owner": party_of(d.owner),
        "submitter": party_of(d.submitter),
        "form_data": d.form_data,
        "files": [
            {"name": f.name, "originals": f.originals, "certified_copies": f.certified_copies, "copies": f.copies,
             "digitised": f.digitised}
            for f in d.files.all()
        ],
        "events": [
            {
                "at": local(e.at), "action": e.action, "actor": e.actor.username if e.actor_id else None,
                "from_status": e.from_status, "to_status": e.to_status,
                "agency": e.agency.code if e.agency_id else None,
                "receiver": e.receiver.username if e.receiver_id else None,
                "receiver_agency": e.receiver_agency.code if e.receiver_agency_id else None,
                "step": e.step.order if e.step_id else None, "step_due_at": local(e.step_due_at),
                "due_at": local(e.due_at), "note": e.note, "data": e.data,
            }
            for e in events
        ],
        "coordinations": [
            {"agency": named(c.agency), "request": c.request, "requested_at": local(c.requested_at),
             "deadline": local(c.deadline), "answered_at": local(c.answered_at), "answer": c.answer}
            for c in d.coordinations.select_related("agency")
        ],
        "fee_amount": d.fee_amount,
        "fee_paid": d.fee_paid,
        "result_number": d.result_number,
        "result_date": d.result_date,
        "allowed_actions": allowed,
    }
