"""`/api/v1/reports`: Form 06 and the leader dashboard as JSON, for integrators and the province's dashboards.

The same filter, scope and figures as the pages (`forms.Selection`, `form06.build`, `dashboard.tiles`,
`dashboard.overdue_now`): leaders and heads of division see their agencies' subtrees, province
administrators and reform supervisors the province. As on the pages, anyone else gets 404 (code
`not_found`), never 403; an agency outside the caller's scope is 404 `agency_not_found`, the same
answer as for a code that does not exist, so nobody learns it exists. A bad period is 422 with the
filter's own machine code (`invalid_date_range`, `period_too_long`…) and Vietnamese message.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.catalog.models import Sector
from motcua.core.api import MAX_OFFSET
from motcua.core.errors import DomainError
from motcua.directory.api import official_auth
from motcua.dossiers.schemas import ErrorOut, local, named
from motcua.dossiers.workflow import Status

from . import dashboard
from .forms import Selection, defaults
from .scope import AS_IT_WAS, ROLLED_UP, ReportScope, Tree

router = Router(tags=["Thống kê"], auth=official_auth)

ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# The filter's own refusals keep their code; Django's field-level ones are named after the field.
FILTER_CODES = {"month_required", "invalid_quarter", "dates_required", "invalid_date_range", "period_too_long"}


class ReportQuery(Schema):
    kind: str | None = Field(
        None, pattern="^(month|quarter|half|year|custom)$",
        description="Kỳ báo cáo theo quy định (từ ngày 15 tháng trước đến ngày 14): month, quarter, half "
                    "(6 tháng đầu năm), year; custom với date_from, date_to. Không nêu kỳ và ngày nào: "
                    "tháng báo cáo hiện tại, như trên trang thống kê.")
    year: int | None = Field(None, description="Năm của kỳ báo cáo (2000–2100).")
    number: int | None = Field(None, description="Tháng (1–12) khi kind=month, quý (1–4) khi kind=quarter.")
    date_from: datetime.date | None = Field(None, description="Từ ngày (YYYY-MM-DD), thay cho kỳ báo cáo.")
    date_to: datetime.date | None = Field(None, description="Đến ngày (YYYY-MM-DD); khoảng tối đa 10 năm.")
    agency: str | None = Field(
        None, max_length=13,
        description="Mã cơ quan (QCVN 102) trong phạm vi của bạn, gồm cả các đơn vị trực thuộc; mặc định cơ "
                    "quan của bạn, hoặc toàn bộ phạm vi.")
    mode: str = Field(
        ROLLED_UP, pattern=f"^({ROLLED_UP}|{AS_IT_WAS})$",
        description=f"Cơ quan đã giải thể, sáp nhập: {ROLLED_UP} quy về cơ quan kế thừa hiện nay, "
                    f"{AS_IT_WAS} theo cơ quan tại thời điểm phát sinh.")
    sector: str | None = Field(None, max_length=32, description="Mã lĩnh vực; mặc định tất cả lĩnh vực.")


class DashboardQuery(ReportQuery):
    limit: int = Field(dashboard.OVERDUE_LIST, ge=1, le=200, description="Số hồ sơ quá hạn mỗi trang (1–200).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class NamedOut(Schema):
    code: str
    name: str


class PeriodOut(Schema):
    label: str = Field(description="Tên kỳ, ví dụ “Tháng 7/2025”.")
    start: datetime.date
    end: datetime.date = Field(description="Ngày cuối kỳ; kỳ chưa hết tính đến hôm nay.")


class Figures06(Schema):
    total: int = Field(description="Tổng số hồ sơ nhận giải quyết = carried + received.")
    carried: int = Field(description="Từ kỳ trước chuyển qua.")
    received: int = Field(description="Mới tiếp nhận = received_online + received_direct.")
    received_online: int = Field(description="Mới tiếp nhận trực tuyến.")
    received_direct: int = Field(description="Mới tiếp nhận trực tiếp, qua bưu chính = received_walk_in + received_post.")
    received_walk_in: int = Field(description="Mới tiếp nhận trực tiếp.")
    received_post: int = Field(description="Mới tiếp nhận qua bưu chính.")
    resolved: int = Field(description="Đã giải quyết = early + on_time + late.")
    early: int = Field(description="Giải quyết trước hạn.")
    on_time: int = Field(description="Giải quyết đúng hạn.")
    late: int = Field(description="Giải quyết quá hạn.")
    withdrawn: int = Field(description="Rút theo yêu cầu.")
    stopped: int = Field(description="Dừng xử lý.")
    pending: int = Field(description="Đang giải quyết cuối kỳ = pending_on_time + overdue; "
                                     "total = resolved + withdrawn + stopped + pending.")
    pending_on_time: int = Field(description="Đang giải quyết, trong hạn.")
    overdue: int = Field(description="Đang giải quyết, quá hạn (tại cuối kỳ).")


class ColumnOut(Schema):
    key: str = Field(description="Khóa của cột trong figures.")
    label: str
    group: str


class LayoutOut(Schema):
    code: str
    basis: str
    title: str
    columns: list[ColumnOut] = Field(description="Các cột của biểu theo thứ tự in.")


class SectorRow(Schema):
    number: str
    code: str
    name: str
    figures: Figures06


class LevelRow(Schema):
    number: str = Field(description="Số La Mã của cấp, như trên biểu.")
    code: str
    name: str
    figures: Figures06 = Field(description="Cộng các lĩnh vực của cấp.")
    sectors: list[SectorRow]


class SelectionOut(Schema):
    period: PeriodOut
    agency: NamedOut | None = Field(description="Cơ quan đã chọn; null: toàn bộ phạm vi.")
    agency_label: str = Field(description="Tên đơn vị báo cáo, như tiêu đề trang.")
    mode: str
    sector: NamedOut | None


class Form06Out(SelectionOut):
    form: LayoutOut
    levels: list[LevelRow] = Field(description="Theo cấp cơ quan, rồi theo lĩnh vực, như trên biểu.")
    total: Figures06 = Field(description="Tổng cộng.")
    made_at: datetime.datetime


class KeyFigures(Schema):
    received: int = Field(description="Hồ sơ tiếp nhận trong kỳ.")
    resolved: int = Field(description="Hồ sơ đã giải quyết trong kỳ.")
    pending: int = Field(description="Đang giải quyết đến hết ngày cuối kỳ.")
    overdue: int = Field(description="Trong đó quá hạn.")
    on_time_rate: float | None = Field(description="Tỉ lệ (0–1) giải quyết đúng hạn, trước hạn; null khi chưa có.")
    online_share: float | None = Field(description="Tỉ lệ hồ sơ nộp trực tuyến.")
    paid_online_share: float | None = Field(description="Tỉ lệ hồ sơ nộp phí thanh toán trực tuyến.")
    digitised_share: float | None = Field(description="Tỉ lệ hồ sơ được số hóa.")


class CoverageOut(Schema):
    procedures: int = Field(description="Thủ tục do các cơ quan trong phạm vi giải quyết.")
    procedures_online: int = Field(description="Trong đó trực tuyến mức 3, 4.")
    procedures_share: float | None
    dossiers_share: float | None = Field(description="Tỉ lệ hồ sơ tiếp nhận thuộc thủ tục mức 3, 4.")


class SatisfactionOut(Schema):
    total: int = Field(description="Số lượt đánh giá trong kỳ.")
    share: float | None = Field(description="Tỉ lệ hài lòng, rất hài lòng.")
    levels: dict[str, int]


class StepOut(Schema):
    order: int
    name: str


class OfficialOut(Schema):
    username: str
    full_name: str


class OverdueItem(Schema):
    code: str
    procedure: NamedOut
    agency: NamedOut = Field(description="Cơ quan giải quyết.")
    status: int
    status_name: str
    step: StepOut | None = Field(description="Bước đang xử lý.")
    assignee: OfficialOut | None = Field(description="Người đang xử lý.")
    due_at: datetime.datetime = Field(description="Hạn trả kết quả theo quy định.")


class OverduePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OverdueItem]


class DashboardOut(SelectionOut):
    figures: KeyFigures
    coverage: CoverageOut = Field(description="Dịch vụ công trực tuyến mức 3, 4.")
    satisfaction: SatisfactionOut | None = Field(description="null khi không dùng phân hệ đánh giá.")
    overdue_now: OverduePage = Field(description="Hồ sơ đang quá hạn (hiện tại), quá hạn lâu nhất trước.")


def _refused(form) -> DomainError:
    """The page's validation errors, with a machine code each (the first one names the answer)."""
    errors = []
    for field, items in form.errors.as_data().items():
        for error in items:
            if error.code in FILTER_CODES:
                code = error.code
            else:
                code = f"{field}_required" if error.code == "required" else f"invalid_{field}"
            errors.append({"field": "date_from,date_to" if field == "__all__" else field,
                           "code": code, "message": " ".join(error.messages)})
    return DomainError(errors[0]["code"], errors[0]["message"], status=422, errors=errors)


def select(request, q: ReportQuery) -> Selection:
    scope = ReportScope(request.user, Tree())
    if scope.empty:
        raise DomainError("not_found", _("Không tìm thấy số liệu thống kê trong phạm vi của bạn."), status=404)
    agency = None
    if q.agency:
        agency = next((a for a in scope.agencies() if a.code == q.agency), None)
        if agency is None:
            raise DomainError("agency_not_found", _("Không tìm thấy cơ quan %(code)s.") % {"code": q.agency},
                              status=404)
    sector = None
    if q.sector:
        sector = Sector.objects.filter(code=q.sector).first()
        if sector is None:
            raise DomainError("sector_not_found", _("Không tìm thấy lĩnh vực %(code)s.") % {"code": q.sector},
                              status=422)
    today = timezone.localdate()
    dates = q.date_from is not None or q.date_to is not None
    if dates and q.kind not in (None, "custom"):
        raise DomainError("period_conflict", _("Chọn kỳ báo cáo (kind) hoặc khoảng ngày (date_from, date_to), "
                                               "không chọn cả hai."), status=422)
    if dates or q.kind or q.year is not None or q.number is not None:
        kind = "custom" if dates else (q.kind or "month")
        # The filter wants a year even for a range of days, where it plays no part.
        period = {"kind": kind, "year": today.year if kind == "custom" else q.year, "number": q.number,
                  "date_from": q.date_from, "date_to": q.date_to}
    else:
        period = defaults(today)  # the current official month, as the page opens
    root = agency or scope.default_root()
    data = period | {"agency": root.pk if root else None, "sector": sector.pk if sector else None,
                     "mode": q.mode}
    s = Selection(scope, data, today)
    if not s.valid:
        raise _refused(s.form)
    return s


def _selection(s: Selection) -> dict:
    return {
        "period": {"label": s.period.label, "start": s.period.start, "end": s.period.end},
        "agency": named(s.root) if s.root else None,
        "agency_label": s.agency_label,
        "mode": s.mode,
        "sector": named(s.sector) if s.sector else None,
    }


@router.get("/form06", response={200: Form06Out, **ERRORS}, summary="Biểu mẫu 06: tình hình, kết quả giải quyết TTHC")
def form06_report(request, q: Query[ReportQuery]):
    """Các số liệu của Biểu mẫu 06 (Thông tư 01/2020/TT-VPCP) như trang in: theo cấp cơ quan rồi theo lĩnh
    vực, và tổng cộng. Trên mỗi dòng: total = carried + received = resolved + withdrawn + stopped + pending.

    Lãnh đạo cơ quan, trưởng phòng xem cơ quan mình và các đơn vị trực thuộc; quản trị tỉnh, giám sát cải
    cách hành chính xem toàn tỉnh; người khác nhận 404 (not_found), như trang thống kê. Cơ quan ngoài phạm
    vi: 404 (agency_not_found)."""
    s = select(request, q)
    report = s.form06()
    levels: list[dict] = []
    for line in report.lines:
        row = {"number": line.number, "code": line.code, "name": line.label, "figures": line.values}
        if line.kind == "level":
            levels.append(row | {"sectors": []})
        elif line.kind == "sector":
            levels[-1]["sectors"].append(row)
    layout = report.layout
    return _selection(s) | {
        "form": {"code": str(layout.code), "basis": str(layout.basis), "title": str(layout.title),
                 "columns": [{"key": c.key, "label": str(c.label), "group": str(g.label)}
                             for g in layout.groups for c in g.columns]},
        "levels": levels,
        "total": report.total,
        "made_at": local(report.made_at),
    }


def _overdue_item(d) -> dict:
    step, official = d.current_step, d.assignee
    return {
        "code": d.code, "procedure": named(d.procedure), "agency": named(d.competent_agency),
        "status": d.status, "status_name": str(Status(d.status).label),
        "step": {"order": step.order, "name": step.name} if step else None,
        "assignee": {"username": official.username, "full_name": official.full_name} if official else None,
        "due_at": local(d.due_at),
    }


@router.get("/dashboard", response={200: DashboardOut, **ERRORS}, summary="Bảng điều hành: số liệu chính, hồ sơ quá hạn")
def dashboard_report(request, q: Query[DashboardQuery]):
    """Các số liệu chính của bảng điều hành thống kê trong kỳ, và danh sách hồ sơ đang quá hạn (tại thời điểm
    gọi) với bước và người đang xử lý, phân trang bằng limit, offset. Phạm vi như Biểu mẫu 06."""
    s = select(request, q)
    data, _per_procedure = dashboard.tiles(s.period, tree=s.scope.tree, ids=s.ids, procedure_ids=s.procedure_ids)
    total, rates = data["total"], data["rates"]
    overdue = dashboard.overdue_now(request.user, s.ids, s.procedure_ids)
    page = overdue[q.offset : q.offset + q.limit]
    satisfaction = data["satisfaction"]
    return _selection(s) | {
        "figures": {
            "received": total["received"], "resolved": total["resolved"], "pending": total["pending"],
            "overdue": total["overdue"], "on_time_rate": rates["on_time"], "online_share": rates["online"],
            "paid_online_share": rates["paid_online"], "digitised_share": rates["digitised"],
        },
        "coverage": data["coverage"],
        "satisfaction": None if satisfaction is None else {
            "total": satisfaction["total"], "share": satisfaction["share"],
            "levels": {str(k): v for k, v in satisfaction["levels"].items()}},
        "overdue_now": {"count": overdue.count(), "limit": q.limit, "offset": q.offset,
                        "items": [_overdue_item(d) for d in page]},
    }
