"""Public, read-only catalog API: anyone may read what a procedure requires."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from motcua.core.api import ApiError

from . import formatting
from .models import Procedure
from .queries import get_public_procedure, search_procedures, with_levels
from .schemas import ErrorOut, ProcedureDetail, ProcedureFilters, ProcedurePage

router = Router(tags=["Thủ tục hành chính"])


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL + path


def item(procedure: Procedure) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "sector": {"code": procedure.sector.code, "name": procedure.sector.name},
        "level": procedure.current_level,
        "time_limit": float(procedure.time_limit),
        "time_limit_unit": procedure.time_limit_unit,
        "time_limit_text": formatting.time_limit_text(procedure),
        "same_day_cutoff": formatting.clock(procedure.same_day_cutoff) or None,
        "in_rating_pilot": procedure.in_rating_pilot,
        "url": _absolute(reverse("catalog:detail", args=[procedure.code])),
    }


@router.get("", response=ProcedurePage, summary="Tìm thủ tục hành chính", auth=None)
def list_procedures(request, filters: Query[ProcedureFilters]):
    """Tìm theo từ khóa (không dấu cũng được), lọc theo lĩnh vực, cơ quan, mức độ; xếp kết quả khớp nhất lên đầu."""
    qs = search_procedures(filters.q, sector=filters.sector, agency=filters.agency, level=filters.level)
    page = with_levels(qs[filters.offset : filters.offset + filters.limit], agency=filters.agency)
    return {"items": [item(p) for p in page], "count": qs.count()}


def _process(procedure: Procedure) -> dict | None:
    version = procedure.current_process()
    if version is None:
        return None
    steps = list(version.steps.all())
    return {
        "number": version.number,
        "effective_from": version.effective_from,
        "total_hours": float(sum(s.hours for s in steps)),
        "steps": [
            {
                "order": s.order, "name": s.name, "role": s.role, "role_label": s.get_role_display(),
                "hours": float(s.hours), "may_send_back": s.may_send_back,
            }
            for s in steps
        ],
    }


def detail(procedure: Procedure) -> dict:
    return item(procedure) | {
        "agencies": [{"code": a.code, "name": a.name} for a in procedure.agencies.all()],
        "online_time_limit": float(procedure.online_time_limit) if procedure.online_time_limit is not None else None,
        "obligation_wait_counts": procedure.obligation_wait_counts,
        "fees": [{"kind": f.kind, "name": f.name, "amount": f.amount, "note": f.note} for f in procedure.fees.all()],
        "total_fees": procedure.total_fees(),
        "documents": [
            {
                "order": d.order, "name": d.name, "originals": d.originals,
                "certified_copies": d.certified_copies, "copies": d.copies, "mandatory": d.mandatory,
                "template_url": _absolute(d.template.url) if d.template else None,
            }
            for d in procedure.documents.all()
        ],
        "result_type": procedure.result_type,
        "legal_basis": procedure.legal_basis,
        "applicants": procedure.applicants,
        "conditions": procedure.conditions,
        "steps_description": procedure.steps_description,
        "levels": [
            {"agency": lv.agency.code if lv.agency else None, "level": lv.level, "effective_from": lv.effective_from}
            for lv in procedure.online_levels.all()
        ],
        "process": _process(procedure),
    }


@router.get(
    "/{code}", response={200: ProcedureDetail, 404: ErrorOut}, summary="Chi tiết một thủ tục", auth=None
)
def get_procedure(request, code: str):
    """Thành phần hồ sơ, phí, lệ phí, cơ quan, mức độ trực tuyến và các bước xử lý hiện hành."""
    procedure = get_public_procedure(code)
    if procedure is None:
        raise ApiError(
            "procedure_not_found", _("Không tìm thấy thủ tục mã %(code)s.") % {"code": code}, status=404
        )
    return detail(procedure)
