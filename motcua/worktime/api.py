"""The calendar over HTTP: due dates and the days off of a year (public, read-only)."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from motcua.core.api import ApiError
from motcua.worktime.calendar import MAX_YEAR, MIN_YEAR, CalendarRangeError, get_calendar, local_zone

router = Router(tags=["Lịch làm việc"])

MAX_COUNT = 3650

# An unencoded "+" in a query string arrives as a space: "…T08:00:00 07:00".
_SPACE_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldErrorOut] | None = None


class DueDateOut(Schema):
    due_at: dt.datetime


class SpecialDayOut(Schema):
    date: dt.date
    name: str
    source: Literal["law", "override"]


class DaysOffOut(Schema):
    year: int
    days_off: list[SpecialDayOut]
    working_days: list[SpecialDayOut]


def _refuse(code: str, field: str, message: str) -> ApiError:
    # The same shape as a validation error, so clients can point at the field.
    return ApiError(code, message, status=422, errors=[{"field": field, "message": message}])


def parse_moment(text: str) -> dt.datetime:
    text = _SPACE_OFFSET.sub(r"\1+\2", text.strip())
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _refuse(
            "invalid_received_at",
            "received_at",
            _("Thời điểm tiếp nhận không đúng định dạng ISO 8601 (ví dụ 2026-03-02T08:00:00+07:00)."),
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone())
    return moment


def _count(name: str, text: str, integral: bool) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or (integral and value != value.to_integral_value()):
        kind = _("số nguyên") if integral else _("số")
        raise _refuse(
            "invalid_count", name, _("%(field)s phải là một %(kind)s.") % {"field": name, "kind": kind}
        )
    if value < 0:
        raise _refuse("negative_count", name, _("%(field)s không được âm.") % {"field": name})
    if value > MAX_COUNT:
        raise _refuse(
            "count_too_large",
            name,
            _("%(field)s không được lớn hơn %(max)s.") % {"field": name, "max": MAX_COUNT},
        )
    return value


def _out_of_range() -> ApiError:
    return ApiError(
        "out_of_range",
        _("Lịch làm việc chỉ tính được trong các năm %(min)s–%(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
        status=422,
    )


@router.get("/due-date", response={200: DueDateOut, 422: ErrorOut}, summary="Tính ngày hẹn trả kết quả")
def due_date(
    request,
    received_at: str = Query(
        ..., description="Thời điểm tiếp nhận, ISO 8601; không có múi giờ thì hiểu là giờ Việt Nam."
    ),
    working_days: str | None = Query(
        None, description="Thời hạn tính bằng ngày làm việc (được phép số lẻ, ví dụ 0.5)."
    ),
    calendar_days: str | None = Query(None, description="Thời hạn tính bằng ngày (lịch), số nguyên."),
):
    if working_days is None and calendar_days is None:
        raise ApiError("missing_count", _("Cần cho biết working_days hoặc calendar_days."), status=422)
    if working_days is not None and calendar_days is not None:
        raise ApiError(
            "both_counts", _("Chỉ được cho một trong hai: working_days hoặc calendar_days."), status=422
        )
    moment = parse_moment(received_at)
    calendar = get_calendar()
    try:
        if working_days is not None:
            due = calendar.due_date(moment, _count("working_days", working_days, integral=False))
        else:
            due = calendar.due_date_calendar_days(
                moment, int(_count("calendar_days", calendar_days, integral=True))
            )
    except CalendarRangeError:
        raise _out_of_range() from None
    return {"due_at": due}


@router.get(
    "/days-off", response={200: DaysOffOut, 422: ErrorOut}, summary="Ngày nghỉ và ngày làm việc bù trong năm"
)
def days_off(request, year: str = Query(..., description="Năm, ví dụ 2026.")):
    if not re.fullmatch(r"[0-9]{4}", year.strip()):
        raise _refuse("invalid_year", "year", _("Năm phải là một số có 4 chữ số."))
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise _out_of_range()
    off, working = get_calendar().special_days(int(year))
    return {
        "year": int(year),
        "days_off": [day._asdict() for day in off],
        "working_days": [day._asdict() for day in working],
    }
