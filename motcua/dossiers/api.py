"""`/api/v1/dossiers`: the officials' API. Parse, restrict, call a service, serialise.

Every lookup starts from `restrict()`: a dossier outside the caller's scope is 404, exactly as on
the pages. Each action has its own literal route and body schema.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from motcua.catalog.models import Procedure
from motcua.core.api import MAX_OFFSET
from motcua.core.errors import DomainError
from motcua.core.net import client_ip
from motcua.directory.api import official_auth
from motcua.directory.models import Agency, User

from . import schemas as s
from . import services
from .models import Dossier
from .queries import dossier_list, visible_dossiers
from .workflow import ACTIONS

router = Router(tags=["Hồ sơ"], auth=official_auth)

ERRORS = {401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.ErrorOut}


def client_address(request) -> str | None:
    # Behind the province's reverse proxies REMOTE_ADDR is the proxy; the pages log the client the same way.
    return client_ip(request) or None


def get_visible(request, code: str) -> Dossier:
    dossier = visible_dossiers(request.user).select_related(
        "procedure", "receiving_agency", "competent_agency", "owner", "submitter", "current_step", "assignee"
    ).filter(code=code).first()
    if dossier is None:
        raise DomainError("dossier_not_found", _("Không tìm thấy hồ sơ %(code)s.") % {"code": code}, status=404)
    return dossier


def procedure_by_code(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise DomainError("procedure_not_found", _("Không tìm thấy thủ tục %(code)s.") % {"code": code}, status=422)
    return procedure


def agency_by_code(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise DomainError("agency_not_found", _("Không tìm thấy cơ quan %(code)s.") % {"code": code}, status=422)
    return agency


def user_by_name(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise DomainError("user_not_found", _("Không tìm thấy cán bộ %(name)s.") % {"name": username}, status=422)
    return user


class ListFilters(Schema):
    status: int | None = None
    procedure: str | None = None
    sector: str | None = None
    agency: str | None = None
    due_within: int | None = None
    overdue: bool | None = None
    assigned_to_me: bool = False
    include_finished: bool = Field(
        False, description="Cả hồ sơ đã kết thúc (3, 7, 8, 10); mặc định chỉ hồ sơ chưa kết thúc"
    )
    limit: int = 50
    offset: int = 0


@router.get("", response={200: s.ListOut, **ERRORS}, summary="Danh sách hồ sơ, sắp xếp theo hạn trả")
def list_dossiers(request, filters: Query[ListFilters]):
    if filters.status is not None and not 1 <= filters.status <= 10:
        raise DomainError("invalid_status", _("Trạng thái phải từ 1 đến 10."), status=422)
    if filters.due_within is not None and not 0 <= filters.due_within <= 365:
        raise DomainError("invalid_due_within", _("Số ngày làm việc phải từ 0 đến 365."), status=422)
    if not 1 <= filters.limit <= 200 or not 0 <= filters.offset <= MAX_OFFSET:
        raise DomainError("invalid_page", _("limit phải từ 1 đến 200 và offset từ 0 đến %(max)s.")
                          % {"max": MAX_OFFSET}, status=422)
    qs = dossier_list(
        request.user, status=filters.status, procedure=filters.procedure, sector=filters.sector,
        agency=filters.agency, due_within=filters.due_within, overdue=filters.overdue,
        assigned_to_me=filters.assigned_to_me, include_finished=filters.include_finished,
    )
    page = list(qs[filters.offset : filters.offset + filters.limit])
    return {"items": [s.summary_of(d) for d in page], "count": qs.count()}


@router.post("", response={201: s.DossierDetail, **ERRORS}, summary="Tiếp nhận hồ sơ trực tiếp")
def receive(request, body: s.WalkInIn):
    dossier = services.receive_walk_in(
        request.user, procedure=procedure_by_code(body.procedure), owner=body.owner.dict(),
        submitter=body.submitter.dict() if body.submitter else None,
        competent_agency=agency_by_code(body.competent_agency), desk=_desk(body.desk), summary=body.summary,
        sets=body.sets, return_method=body.return_method, files=[f.dict() for f in body.files],
        form_data=body.form_data,
    )
    return Status(201, s.detail_of(get_visible(request, dossier.code), services.allowed_actions(dossier, request.user)))


def _desk(pk):
    from motcua.directory.models import Desk

    if pk is None:
        return None
    desk = Desk.objects.filter(pk=pk).first()
    if desk is None:
        raise DomainError("desk_not_found", _("Không tìm thấy bộ phận một cửa."), status=422)
    return desk


@router.post("/online", response={201: s.DossierOut, **ERRORS}, summary="Nộp hồ sơ trực tuyến (công dân)")
def submit_online(request, body: s.OnlineIn):
    dossier = services.submit_online(
        request.user, procedure=procedure_by_code(body.procedure), owner=body.owner.dict(),
        competent_agency=agency_by_code(body.competent_agency), summary=body.summary,
        files=[f.dict() for f in body.files], form_data=body.form_data, idempotency_key=body.idempotency_key,
        return_method=body.return_method,
    )
    return Status(201, s.summary_of(dossier))


@router.post("/turned-away", response={201: dict, **ERRORS}, summary="Ghi sổ lượt hướng dẫn không tiếp nhận")
def turned_away(request, body: s.TurnedAwayIn):
    visit = services.record_turned_away(
        request.user, procedure=procedure_by_code(body.procedure), person=body.person.dict(), form=body.form,
        guidance=body.guidance, items=body.items, desk=_desk(body.desk),
    )
    return Status(201, {"id": visit.pk, "form": visit.form, "at": visit.at})


@router.get("/{code}", response={200: s.DossierDetail, **ERRORS}, summary="Chi tiết hồ sơ")
def detail(request, code: str):
    dossier = get_visible(request, code)
    with transaction.atomic():
        services.log_personal_data_access(dossier, request.user, what="api:detail", channel="api",
                                          client_address=client_address(request))
    return s.detail_of(dossier, services.allowed_actions(dossier, request.user))


def _action(name: str, body_schema, call):
    """Register POST /{code}/actions/<name> with its own body schema and operation id."""

    def endpoint(request, code: str, body: body_schema):
        dossier = get_visible(request, code)
        call(dossier, request.user, body)
        # Re-read without the scope: a coordinating agency that just answered has lost sight of
        # the dossier, but the caller may still see the state its own action produced.
        dossier = Dossier.objects.select_related(
            "procedure", "receiving_agency", "competent_agency", "owner", "submitter", "current_step", "assignee"
        ).get(pk=dossier.pk)
        return s.detail_of(dossier, services.allowed_actions(dossier, request.user))

    endpoint.__name__ = f"action_{name}"
    router.post(
        f"/{{code}}/actions/{name}", response={200: s.DossierDetail, **ERRORS}, summary=str(ACTIONS[name].label),
        operation_id=f"dossier_{name}",
    )(endpoint)


_action("accept", s.NoteIn, lambda d, u, b: services.accept(d, u, note=b.note))
_action("refuse", s.ReasonIn, lambda d, u, b: services.refuse(d, u, reason=b.reason))
_action("request_supplement", s.SupplementIn,
        lambda d, u, b: services.request_supplement(d, u, items=b.items, reason=b.reason, deadline=b.deadline))
_action("resubmit", s.NoteIn, lambda d, u, b: services.resubmit(d, u, note=b.note))
_action("hand_over", s.AssignIn,
        lambda d, u, b: services.hand_over(d, u, assignee=user_by_name(b.assignee), note=b.note))
_action("next_step", s.AssignIn,
        lambda d, u, b: services.next_step(d, u, assignee=user_by_name(b.assignee), note=b.note,
                                           expected_step=b.step))
_action("send_back", s.SendBackIn,
        lambda d, u, b: services.send_back(d, u, note=b.note, assignee=user_by_name(b.assignee),
                                           expected_step=b.step))
_action("reassign", s.ReassignIn,
        lambda d, u, b: services.reassign(d, u, assignee=user_by_name(b.assignee), note=b.note))
_action("request_coordination", s.CoordinationIn,
        lambda d, u, b: services.request_coordination(d, u, agency=agency_by_code(b.agency), request=b.request,
                                                      working_days=b.working_days))
_action("answer_coordination", s.AnswerIn,
        lambda d, u, b: services.answer_coordination(d, u, answer=b.answer, agency=agency_by_code(b.agency)))
_action("record_payment", s.PaymentIn,
        lambda d, u, b: services.record_payment(d, u, amount=b.amount, method=b.method, reference=b.reference,
                                                paid_at=b.paid_at))
_action("request_obligation", s.ObligationIn,
        lambda d, u, b: services.request_obligation(d, u, amount=b.amount, reason=b.reason, deadline=b.deadline))
_action("record_obligation_paid", s.ObligationPaidIn,
        lambda d, u, b: services.record_obligation_paid(d, u, method=b.method, reference=b.reference,
                                                        amount=b.amount))
_action("mark_result_ready", s.ResultIn,
        lambda d, u, b: services.mark_result_ready(d, u, result_number=b.result_number, result_date=b.result_date,
                                                   signer=b.signer, note=b.note, expected_step=b.step))
_action("return_result", s.ReturnIn, lambda d, u, b: services.return_result(d, u, method=b.method, note=b.note))
_action("send_by_post", s.PostIn,
        lambda d, u, b: services.send_by_post(d, u, tracking_number=b.tracking_number, address=b.address,
                                              carrier=b.carrier))
_action("reject_apology", s.ReasonIn, lambda d, u, b: services.reject_apology(d, u, reason=b.reason))
_action("withdraw", s.ReasonIn, lambda d, u, b: services.withdraw(d, u, reason=b.reason))
_action("stop", s.ReasonIn, lambda d, u, b: services.stop(d, u, reason=b.reason))
_action("propose_apology", s.ApologyIn,
        lambda d, u, b: services.propose_apology(d, u, reason=b.reason, new_due_at=b.new_due_at))
_action("approve_apology", s.NoteIn, lambda d, u, b: services.approve_apology(d, u, note=b.note))


# Last, so that every literal action route above matches first: a mistyped action is a JSON 404 that
# names the actions, not Django's HTML page.
@router.post("/{code}/actions/{name}", response={404: s.ErrorOut}, include_in_schema=False)
def unknown_action(request, code: str, name: str):
    get_visible(request, code)
    raise DomainError("unknown_action", _("Không có thao tác “%(name)s” đối với hồ sơ.") % {"name": name},
                      status=404, actions=list(ACTIONS))
