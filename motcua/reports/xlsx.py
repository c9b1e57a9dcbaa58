"""Form 06 as an Excel workbook laid out like the printed form: heading, period, agency, two header
rows over column numbers, rows by level and sector, the total, and the signature block."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from motcua.core.sheets import print_landscape

from .form06 import Form06
from .scope import ROLLED_UP

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SHADE = PatternFill("solid", fgColor="EEEEEE")
FONT = "Times New Roman"


def _font(size=12, bold=False, italic=False):
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _line(ws, row, text, last, *, size=12, bold=False, italic=False, first=1, align="center"):
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = _font(size, bold, italic)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)


def _box(cell, *, bold=False, center=False, shade=False):
    cell.font = _font(11, bold)
    cell.border = _BOX
    cell.alignment = _CENTER if center else Alignment(vertical="center", wrap_text=True)
    if shade:
        cell.fill = _SHADE


def form06_xlsx(report: Form06) -> bytes:
    columns = report.layout.columns
    last = len(columns) + 2
    wb = Workbook()
    ws = wb.active
    ws.title = str(report.layout.code)[:31]
    half = last // 2
    _line(ws, 1, report.agency_label.upper(), half, bold=True)
    _line(ws, 1, str(report.layout.code), last, bold=True, first=half + 1)
    _line(ws, 2, str(report.layout.basis), last, italic=True, size=11, first=half + 1)
    _line(ws, 4, str(report.layout.title).upper(), last, size=14, bold=True)
    _line(ws, 5, _("Kỳ báo cáo: %(label)s (%(span)s)") % {"label": report.period.label,
                                                            "span": report.period.span_text().lower()}, last)
    history = (_("Hồ sơ của cơ quan đã giải thể được tính cho cơ quan kế thừa hiện nay.") if report.mode == ROLLED_UP
               else _("Hồ sơ được tính cho cơ quan giải quyết tại thời điểm phát sinh."))
    _line(ws, 6, history, last, italic=True, size=11)
    top = 8
    for col, text in ((1, _("STT")), (2, _("Cấp, lĩnh vực giải quyết"))):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        _box(ws.cell(row=top, column=col, value=text), bold=True, center=True)
        _box(ws.cell(row=top + 1, column=col), center=True)
    col = 3
    for group in report.layout.groups:
        end = col + len(group.columns) - 1
        ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        for c in range(col, end + 1):
            _box(ws.cell(row=top, column=c), bold=True, center=True)
        ws.cell(row=top, column=col, value=str(group.label))
        for offset, column in enumerate(group.columns):
            _box(ws.cell(row=top + 1, column=col + offset, value=str(column.label)), bold=True, center=True)
        col = end + 1
    for index in range(1, last + 1):
        _box(ws.cell(row=top + 2, column=index, value=f"({index})"), center=True)
    ws.row_dimensions[top].height = 32
    ws.row_dimensions[top + 1].height = 60
    row = top + 3
    for line in report.lines:
        strong = line.kind != "sector"
        _box(ws.cell(row=row, column=1, value=line.number), bold=strong, center=True, shade=line.kind == "total")
        _box(ws.cell(row=row, column=2, value=line.label), bold=strong, shade=line.kind == "total")
        for offset, column in enumerate(columns, start=3):
            cell = ws.cell(row=row, column=offset, value=line.values[column.key])
            _box(cell, bold=strong, center=True, shade=line.kind == "total")
            cell.number_format = "#,##0"
        row += 1
    row += 1
    made = timezone.localtime(report.made_at)
    _line(ws, row, _("Ngày %(d)02d tháng %(m)02d năm %(y)d") % {"d": made.day, "m": made.month, "y": made.year},
          last, italic=True, first=half + 1)
    _line(ws, row + 1, _("NGƯỜI LẬP BIỂU"), half, bold=True)
    _line(ws, row + 1, _("THỦ TRƯỞNG ĐƠN VỊ"), last, bold=True, first=half + 1)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 42
    for index in range(3, last + 1):
        ws.column_dimensions[get_column_letter(index)].width = 11
    print_landscape(ws, title_rows=f"{top}:{top + 2}", freeze=ws.cell(row=top + 3, column=3))
    wb.properties.creator = "Motcua"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
