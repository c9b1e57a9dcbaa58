"""Registers as Excel workbooks: Mẫu 06 (Sổ theo dõi hồ sơ) and the turned-away visits.

Callers pass a queryset already narrowed by `restrict()`: this module applies only the date
range, so it never widens what a user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from io import BytesIO

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from motcua.core.sheets import print_landscape

from ..models import Dossier, DossierEvent, Pause, PauseKind, TurnedAwayVisit
from ..workflow import Status

DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
# Closed without a result: lateness is not judged for them.
_NOT_JUDGED = (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED)


def _bounds(date_from: datetime.date, date_to: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Local days [date_from, date_to] as aware instants: a register's day is the province's day."""
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def _excel_time(value: datetime.datetime | None):
    # Excel has no time zones: write the local wall-clock time the officials read on screen.
    return timezone.localtime(value).replace(tzinfo=None) if value is not None else None


def _queryset(model, queryset_or_filters) -> QuerySet:
    if isinstance(queryset_or_filters, QuerySet):
        return queryset_or_filters
    if isinstance(queryset_or_filters, Mapping):
        return model.objects.filter(**queryset_or_filters)
    raise TypeError("pass a queryset (already restricted) or a mapping of filters")


def _sheet(title: str, lines: list[str], columns: list[tuple[str, float]]):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    last = get_column_letter(len(columns))
    for number, (text, size, bold) in enumerate(
        [(title.upper(), 14, True), *[(line, 11, False) for line in lines]], start=1
    ):
        ws.merge_cells(f"A{number}:{last}{number}")
        cell = ws.cell(row=number, column=1, value=text)
        cell.font = Font(name="Times New Roman", size=size, bold=bold, italic=not bold)
        cell.alignment = Alignment(horizontal="center")
    header = len(lines) + 3
    for index, (label, width) in enumerate(columns, start=1):
        cell = ws.cell(row=header, column=index, value=label)
        cell.font = Font(name="Times New Roman", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[header].height = 45
    # The number and code stay visible while scrolling right; the header while scrolling down.
    print_landscape(ws, title_rows=f"{header}:{header}", freeze=ws.cell(row=header + 1, column=3))
    return wb, ws, header


def _write(ws, row: int, values: list) -> None:
    for index, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=index, value=value)
        cell.font = Font(name="Times New Roman", size=11)
        cell.alignment = _WRAP
        cell.border = _BOX
        if isinstance(value, datetime.datetime):
            cell.number_format = DATETIME_FORMAT


def _save(wb) -> bytes:
    wb.properties.creator = "Motcua"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _period(date_from, date_to) -> str:
    return _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": date_from.strftime("%d/%m/%Y"), "end": date_to.strftime("%d/%m/%Y"),
    }


def register_columns() -> list[tuple[str, float]]:
    return [
        (_("STT"), 6), (_("Mã hồ sơ"), 26), (_("Tên thủ tục hành chính"), 40), (_("Số lượng hồ sơ (bộ)"), 9),
        (_("Tên cá nhân, tổ chức"), 24), (_("Địa chỉ, số điện thoại, thư điện tử"), 32),
        (_("Cơ quan chủ trì giải quyết"), 24), (_("Nhận hồ sơ"), 17), (_("Hẹn trả kết quả"), 17),
        (_("Chuyển hồ sơ đến cơ quan giải quyết"), 17), (_("Có kết quả / yêu cầu bổ sung"), 17),
        (_("Trả kết quả"), 17), (_("Ghi chú"), 30),
    ]


def register_xlsx(queryset_or_filters, date_from: datetime.date, date_to: datetime.date, *,
                  agency=None) -> bytes:
    """Mẫu 06: one row per dossier that entered the system on a local day in [date_from, date_to]."""
    start, end = _bounds(date_from, date_to)
    handed = DossierEvent.objects.filter(dossier=OuterRef("pk"), action="hand_over").order_by("at", "pk")
    supplement = Pause.objects.filter(dossier=OuterRef("pk"), kind=PauseKind.SUPPLEMENT).order_by("-started_at")
    dossiers = (
        _queryset(Dossier, queryset_or_filters)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .select_related("procedure", "owner", "competent_agency")
        .annotate(handed_at=Subquery(handed.values("at")[:1]), supplement_at=Subquery(supplement.values("started_at")[:1]))
        .order_by("submitted_at", "pk")
    )
    lines = [agency.name] if agency is not None else []
    wb, ws, header = _sheet(_("Sổ theo dõi hồ sơ"), [*lines, _period(date_from, date_to)], register_columns())
    now = timezone.now()
    for number, d in enumerate(dossiers.iterator(chunk_size=2000), start=1):
        owner = d.owner
        contact = "; ".join(x for x in (owner.address, owner.phone, owner.email) if x)
        note = [str(d.get_status_display())]
        if d.due_at and d.status not in _NOT_JUDGED and (d.finished_at or now) > d.due_at:
            note.append(_("quá hạn"))
        if d.closing_reason:
            note.append(d.closing_reason)
        _write(ws, header + number, [
            number, d.code, d.procedure.name, d.sets, owner.name, contact, d.competent_agency.name,
            _excel_time(d.accepted_at or d.submitted_at), _excel_time(d.due_at), _excel_time(d.handed_at),
            _excel_time(d.finished_at or d.supplement_at), _excel_time(d.returned_at), "; ".join(note),
        ])
    return _save(wb)


def turned_away_columns() -> list[tuple[str, float]]:
    return [
        (_("STT"), 6), (_("Thời điểm"), 17), (_("Họ tên"), 24), (_("Số giấy tờ"), 16),
        (_("Địa chỉ, số điện thoại"), 30), (_("Thủ tục hành chính"), 40), (_("Mẫu"), 8),
        (_("Lý do, nội dung hướng dẫn"), 40), (_("Giấy tờ cần bổ sung"), 32), (_("Cán bộ hướng dẫn"), 22),
        (_("Bộ phận một cửa"), 24),
    ]


def turned_away_xlsx(queryset_or_filters, date_from: datetime.date, date_to: datetime.date, *,
                     agency=None) -> bytes:
    """The desk's register of walk-ins turned away with Mẫu 02 or 03, for local days in the range."""
    start, end = _bounds(date_from, date_to)
    visits = (
        _queryset(TurnedAwayVisit, queryset_or_filters)
        .filter(at__gte=start, at__lt=end)
        .select_related("person", "procedure", "official", "desk")
        .order_by("at", "pk")
    )
    lines = [agency.name] if agency is not None else []
    wb, ws, header = _sheet(
        _("Sổ theo dõi hướng dẫn, từ chối tiếp nhận hồ sơ"), [*lines, _period(date_from, date_to)],
        turned_away_columns(),
    )
    for number, v in enumerate(visits.iterator(chunk_size=2000), start=1):
        person = v.person
        contact = "; ".join(x for x in (person.address, person.phone) if x)
        _write(ws, header + number, [
            number, _excel_time(v.at), person.name, person.id_number, contact, v.procedure.name,
            v.form, v.guidance, "\n".join(v.items), str(v.official), v.desk.name,
        ])
    return _save(wb)


__all__ = ["register_xlsx", "turned_away_xlsx"]
