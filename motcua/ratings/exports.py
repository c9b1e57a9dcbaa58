"""The dashboard's table as an Excel workbook (officials live in Excel)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import Level
from .queries import GROUP_LABELS, Row, bucket_label


def _row_values(row: Row) -> list:
    values = [row.label, row.n]
    for level in Level.values:
        values += [row.counts.get(level, 0), round(row.share(level) / 100, 4)]
    values.append("; ".join(f"{text} ({n})" for text, n in row.reasons))
    return values


def workbook(selection, rows: list[Row], total: Row, points, comments=()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Bảng tổng hợp")[:31]
    ws.append([_("Kết quả đánh giá sự hài lòng của người dân, doanh nghiệp")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": selection.date_from.strftime("%d/%m/%Y"), "end": selection.date_to.strftime("%d/%m/%Y")}])
    ws.append([])
    header = [str(GROUP_LABELS[selection.by]), _("Số lượt đánh giá")]
    for _level, label in Level.choices:
        header += [str(label), _("Tỷ lệ %(level)s") % {"level": str(label).lower()}]
    header.append(_("Lý do được chọn nhiều nhất"))
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in [*rows, total]:
        ws.append(_row_values(row))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row_cells in ws.iter_rows(min_row=5, max_row=ws.max_row):
        for cell in row_cells[3:9:2]:
            cell.number_format = "0.0%"
    for index, width in enumerate([40, 12, 12, 12, 12, 12, 14, 14, 50], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

    trend = wb.create_sheet(_("Xu hướng")[:31])
    trend.append([_("Kỳ"), *[str(label) for _level, label in Level.choices], _("Tổng")])
    for cell in trend[1]:
        cell.font = Font(bold=True)
    for day, counts in points:
        values = [counts[level] for level in Level.values]
        trend.append([bucket_label(day, selection.period), *values, sum(values)])

    said = wb.create_sheet(_("Ý kiến")[:31])
    said.append([_("Thời điểm"), _("Mã hồ sơ"), _("Thủ tục"), _("Khâu"), _("Cán bộ"), _("Mức độ"), _("Ý kiến")])
    for cell in said[1]:
        cell.font = Font(bold=True)
    for rating in comments:
        said.append([timezone.localtime(rating.at).strftime("%H:%M %d/%m/%Y"), rating.dossier.code,
                     rating.dossier.procedure.name, str(rating.get_stage_display()), str(rating.official),
                     str(rating.get_level_display()), rating.comment])
    for index, width in enumerate([17, 28, 40, 16, 24, 16, 80], start=1):
        said.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
