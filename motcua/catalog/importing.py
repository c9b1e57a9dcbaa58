"""Reading a procedure list from CSV or Excel and checking every cell before anything is written.

The file has a header row and one procedure per row. Columns (the English name or the
Vietnamese heading; case, accents and spaces do not matter; order is free):

  code                 Mã thủ tục                    required, e.g. 1.004227
  name                 Tên thủ tục                   required
  sector_code          Mã lĩnh vực                   required
  sector_name          Tên lĩnh vực                  creates the sector when its code is new
  agencies             Cơ quan có thẩm quyền         agency codes separated by ";"
  time_limit           Thời hạn giải quyết           required, number of days, e.g. 15 or 0,5
  unit                 Đơn vị thời hạn               "ngày làm việc" (default) or "ngày"
  online_time_limit    Thời hạn trực tuyến           optional, same unit
  cutoff               Giờ tiếp nhận trả trong ngày  "15:00" for same-day procedures
  obligation_counts    Tính thời gian chờ NVTC        có / không (empty = có)
  fees                 Phí, lệ phí                   Lệ phí cấp phép=100000;Phí thẩm định=500000
  documents            Thành phần hồ sơ              name|originals|certified copies|copies|x if mandatory, ";" between
  result_type          Kết quả                       text
  legal_basis          Căn cứ pháp lý                text (line breaks allowed)
  level                Mức độ DVC trực tuyến         1–4, in force from the import date
  rating_pilot         Thí điểm đánh giá             có / không (empty = không)
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from motcua.core.text import nfc, search_key
from motcua.directory.models import AGENCY_CODE_RE, Agency

from .models import FeeKind, LimitUnit, Sector, nfc_text
from .services import DocumentData, FeeData, ProcedureData

COLUMNS: dict[str, str] = {
    "code": "Mã thủ tục",
    "name": "Tên thủ tục",
    "sector_code": "Mã lĩnh vực",
    "sector_name": "Tên lĩnh vực",
    "agencies": "Cơ quan có thẩm quyền",
    "time_limit": "Thời hạn giải quyết",
    "unit": "Đơn vị thời hạn",
    "online_time_limit": "Thời hạn trực tuyến",
    "cutoff": "Giờ tiếp nhận trả trong ngày",
    "obligation_counts": "Tính thời gian chờ NVTC",
    "fees": "Phí, lệ phí",
    "documents": "Thành phần hồ sơ",
    "result_type": "Kết quả",
    "legal_basis": "Căn cứ pháp lý",
    "level": "Mức độ DVC trực tuyến",
    "rating_pilot": "Thí điểm đánh giá",
}
REQUIRED = ("code", "name", "sector_code", "time_limit")

_HEADER_KEYS = {search_key(k): k for k in COLUMNS} | {search_key(v): k for k, v in COLUMNS.items()}
_TRUE = {"x", "co", "c", "1", "true", "yes", "y", "bat buoc"}
_FALSE = {"", "khong", "k", "0", "false", "no", "n"}
_UNITS = {
    "": LimitUnit.WORKING_DAYS, "working_days": LimitUnit.WORKING_DAYS, "working days": LimitUnit.WORKING_DAYS,
    "ngay lam viec": LimitUnit.WORKING_DAYS, "nlv": LimitUnit.WORKING_DAYS, "lam viec": LimitUnit.WORKING_DAYS,
    "calendar_days": LimitUnit.CALENDAR_DAYS, "calendar days": LimitUnit.CALENDAR_DAYS,
    "ngay": LimitUnit.CALENDAR_DAYS, "ngay lich": LimitUnit.CALENDAR_DAYS,
}
_CUTOFF = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::\d{2})?$")
_AGENCY_CODE = re.compile(AGENCY_CODE_RE)
_MONEY_NOISE = re.compile(r"(đồng|đ|vnđ|vnd|\s)", re.IGNORECASE)


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, encoding, missing columns)."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class Record:
    line: int
    cells: dict[str, str]
    numeric: set[str] = field(default_factory=set)  # columns Excel stored as numbers


# --- reading -------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%H:%M") if value.date() == datetime.date(1899, 12, 30) else value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _map_header(raw: list[str]) -> list[str | None]:
    columns = [_HEADER_KEYS.get(search_key(h)) for h in raw]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ImportFileError(
            _("Tệp thiếu cột bắt buộc: %(columns)s.")
            % {"columns": ", ".join(f"{c} ({COLUMNS[c]})" for c in missing)}
        )
    return columns


def _records(rows: Iterator[tuple[int, list]]) -> list[Record]:
    header = None
    records = []
    for line, values in rows:
        cells = [_cell(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = _map_header(cells)
            continue
        record = Record(line, {})
        for column, value, raw in zip(header, cells, values, strict=False):
            if column and column not in record.cells:
                record.cells[column] = value
                if isinstance(raw, int | float) and not isinstance(raw, bool):
                    record.numeric.add(column)
        records.append(record)
    if header is None:
        raise ImportFileError(_("Tệp trống: không có dòng tiêu đề."))
    return records


def read_csv(path: Path) -> list[Record]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    first_line = text.split("\n", 1)[0]
    # Excel in a Vietnamese locale saves CSV with ";" because "," is its decimal separator.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Rows are numbered as a spreadsheet shows them (a quoted line break stays inside its row).
    return _records(enumerate(reader, start=1))


def read_xlsx(path: Path) -> list[Record]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        raise ImportFileError(_("Không đọc được tệp Excel: %(error)s") % {"error": exc}) from exc
    try:
        sheet = workbook.worksheets[0]
        return _records(
            (index, list(row)) for index, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
    finally:
        workbook.close()


def read_file(path: Path) -> list[Record]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise ImportFileError(_("Chỉ nhận tệp .csv hoặc .xlsx."))


# --- checking ------------------------------------------------------------------------------


class _Row:
    """Collects one row's errors while its cells are converted."""

    def __init__(self, record: Record):
        self.record = record
        self.errors: list[RowError] = []

    def get(self, column: str) -> str:
        return self.record.cells.get(column, "").strip()

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.record.line, column, message))

    def decimal(self, column: str, label: str, required: bool = False) -> Decimal | None:
        raw = self.get(column)
        if not raw:
            if required:
                self.error(column, _("Thiếu %(label)s.") % {"label": label})
            return None
        try:
            value = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            self.error(column, _("%(label)s phải là số, ví dụ 15 hoặc 0,5 (đang là “%(value)s”).") % {"label": label, "value": raw})
            return None
        if value < 0:
            self.error(column, _("%(label)s không được âm (đang là %(value)s).") % {"label": label, "value": raw})
            return None
        if value != value.quantize(Decimal("0.01")) or value >= 10000:
            self.error(column, _("%(label)s không hợp lệ: tối đa 9999,99 và hai chữ số thập phân.") % {"label": label})
            return None
        return value

    def flag(self, column: str, default: bool) -> bool:
        raw = self.get(column)
        if not raw:
            return default
        key = search_key(raw)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        self.error(column, _("Chỉ nhận “có” hoặc “không” (đang là “%(value)s”).") % {"value": raw})
        return default


def _amount(raw: str) -> int | None:
    digits = _MONEY_NOISE.sub("", raw).replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else None


def _fees(row: _Row) -> list[FeeData]:
    fees = []
    for index, item in enumerate((p for p in row.get("fees").split(";") if p.strip()), start=1):
        name, sep, raw_amount = item.partition("=")
        name = nfc(name)
        amount = _amount(raw_amount) if sep else None
        if not name or amount is None:
            row.error("fees", _("Khoản thu thứ %(n)s “%(item)s” sai cú pháp: cần dạng Tên khoản thu=số tiền, ví dụ Lệ phí cấp phép=100000.") % {"n": index, "item": item.strip()})
            continue
        kind = FeeKind.CHARGE if search_key(name).startswith("le phi") else FeeKind.FEE
        fees.append(FeeData(kind=kind, name=name, amount=amount))
    return fees


def _documents(row: _Row) -> list[DocumentData]:
    documents = []
    for index, item in enumerate((p for p in row.get("documents").split(";") if p.strip()), start=1):
        parts = [p.strip() for p in item.split("|")]
        counts = parts[1:4]
        flag = search_key(parts[4]) if len(parts) == 5 else None
        if len(parts) != 5 or not parts[0] or not all(c.isdigit() for c in counts) or flag not in _TRUE | _FALSE:
            row.error("documents", _("Giấy tờ thứ %(n)s “%(item)s” sai cú pháp: cần dạng Tên|số bản chính|số bản sao chứng thực|số bản sao|x nếu bắt buộc, ví dụ Đơn đề nghị|1|0|0|x.") % {"n": index, "item": item.strip()})
            continue
        documents.append(DocumentData(
            name=nfc(parts[0]), originals=int(counts[0]), certified_copies=int(counts[1]),
            copies=int(counts[2]), mandatory=flag in _TRUE,
        ))
    return documents


def _cutoff(row: _Row) -> datetime.time | None:
    raw = row.get("cutoff")
    if not raw:
        return None
    match = _CUTOFF.match(raw)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    row.error("cutoff", _("Giờ tiếp nhận phải có dạng giờ:phút, ví dụ 15:00 (đang là “%(value)s”).") % {"value": raw})
    return None


def _agencies(row: _Row, known: set[str]) -> list[str]:
    codes = []
    for raw in (p.strip().upper() for p in row.get("agencies").split(";") if p.strip()):
        if not _AGENCY_CODE.match(raw):
            row.error("agencies", _("Mã cơ quan “%(code)s” không đúng dạng QCVN 102:2016 (ví dụ 000.00.31.H56).") % {"code": raw})
        elif raw not in known:
            row.error("agencies", _("Không có cơ quan mã %(code)s trong danh mục cơ quan.") % {"code": raw})
        elif raw not in codes:
            codes.append(raw)
    return codes


def _check(record: Record, sectors: set[str], agencies: set[str]) -> tuple[ProcedureData | None, list[RowError]]:
    row = _Row(record)
    code, name = nfc(row.get("code")), nfc(row.get("name"))
    if not code:
        row.error("code", _("Thiếu mã thủ tục."))
    elif "code" in record.numeric:
        # 1.001770 typed into a number cell comes back as 1.00177: the code would silently change.
        row.error("code", _("Ô mã thủ tục %(code)s đang ở dạng số trong Excel; hãy định dạng cột là Văn bản (Text) để giữ đúng mã.") % {"code": code})
    elif len(code) > 64 or " " in code:
        row.error("code", _("Mã thủ tục “%(code)s” không hợp lệ: tối đa 64 ký tự, không có dấu cách.") % {"code": code})
    if not name:
        row.error("name", _("Thiếu tên thủ tục."))
    elif len(name) > 500:
        row.error("name", _("Tên thủ tục dài quá 500 ký tự."))
    sector_code, sector_name = row.get("sector_code"), nfc(row.get("sector_name"))
    if not sector_code:
        row.error("sector_code", _("Thiếu mã lĩnh vực."))
    elif sector_code not in sectors and not sector_name:
        row.error("sector_code", _("Không có lĩnh vực mã %(code)s; điền cột sector_name (Tên lĩnh vực) để tạo mới.") % {"code": sector_code})
    unit = _UNITS.get(search_key(row.get("unit")))
    if unit is None:
        row.error("unit", _("Đơn vị thời hạn chỉ nhận “ngày làm việc” hoặc “ngày” (đang là “%(value)s”).") % {"value": row.get("unit")})
    time_limit = row.decimal("time_limit", _("Thời hạn giải quyết"), required=True)
    online = row.decimal("online_time_limit", _("Thời hạn trực tuyến"))
    if online is not None and time_limit is not None and online > time_limit:
        row.error("online_time_limit", _("Thời hạn khi nộp trực tuyến không được dài hơn thời hạn giải quyết."))
    level = None
    if row.get("level"):
        if row.get("level") in {"1", "2", "3", "4"}:
            level = int(row.get("level"))
        else:
            row.error("level", _("Mức độ dịch vụ công trực tuyến phải là 1, 2, 3 hoặc 4 (đang là “%(value)s”).") % {"value": row.get("level")})
    data = ProcedureData(
        code=code, name=name, sector_code=sector_code, sector_name=sector_name,
        agency_codes=_agencies(row, agencies), time_limit=time_limit or Decimal(0),
        time_limit_unit=unit or LimitUnit.WORKING_DAYS, online_time_limit=online, same_day_cutoff=_cutoff(row),
        obligation_wait_counts=row.flag("obligation_counts", True), fees=_fees(row), documents=_documents(row),
        result_type=nfc(row.get("result_type"))[:500], legal_basis=nfc_text(row.get("legal_basis")),
        level=level, in_rating_pilot=row.flag("rating_pilot", False),
    )
    return (None if row.errors else data), row.errors


def check_records(records: list[Record], progress=None) -> tuple[list[ProcedureData], list[RowError]]:
    """Every row converted, or the reasons it cannot be; codes repeated in the file are errors."""
    sectors = set(Sector.objects.values_list("code", flat=True))
    wanted = {c.strip().upper() for r in records for c in r.cells.get("agencies", "").split(";") if c.strip()}
    agencies = set(Agency.objects.filter(code__in=wanted).values_list("code", flat=True))
    good: list[ProcedureData] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for record in progress(records) if progress else records:
        data, row_errors = _check(record, sectors, agencies)
        code = nfc(record.cells.get("code"))
        if code in seen:
            row_errors.append(RowError(record.line, "code", _("Mã thủ tục %(code)s đã có ở dòng %(line)s.") % {"code": code, "line": seen[code]}))
            data = None
        elif code:
            seen[code] = record.line
        errors.extend(row_errors)
        if data is not None:
            good.append(data)
    return good, errors
