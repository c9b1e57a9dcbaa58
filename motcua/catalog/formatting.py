"""Numbers, money and time limits as a person reads them, in the active language's format."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats, numberformat
from django.utils.translation import gettext as _

from .models import LimitUnit, Procedure


def number(value, decimal_pos: int | None = None) -> str:
    """1234567.5 → "1.234.567,5" in Vietnamese.

    Django's Vietnamese locale defines no NUMBER_GROUPING, so grouping is forced here; trailing
    fractional zeros are dropped because "15,00 ngày" reads as a typo.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | float):
        value = Decimal(str(value)).normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimal_pos,
        grouping=3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def money(amount: int | None) -> str:
    if not amount:
        return _("Không thu")
    return _("%(amount)s đồng") % {"amount": number(amount)}


def clock(value: datetime.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def days_text(amount: Decimal, unit: str) -> str:
    if unit == LimitUnit.CALENDAR_DAYS:
        return _("%(n)s ngày") % {"n": number(amount)}
    return _("%(n)s ngày làm việc") % {"n": number(amount)}


def time_limit_text(procedure: Procedure) -> str:
    """"15 ngày làm việc", "0,5 ngày làm việc", "trong ngày (nhận trước 15:00)"."""
    if procedure.same_day_cutoff is not None:
        return _("trong ngày (nhận trước %(cutoff)s)") % {"cutoff": clock(procedure.same_day_cutoff)}
    if procedure.time_limit == 0:
        return _("trong ngày")
    return days_text(procedure.time_limit, procedure.time_limit_unit)


def online_time_limit_text(procedure: Procedure) -> str:
    if procedure.online_time_limit is None:
        return ""
    if procedure.online_time_limit == 0:
        return _("trong ngày")
    return days_text(procedure.online_time_limit, procedure.time_limit_unit)


def hours(value: Decimal) -> str:
    return _("%(n)s giờ") % {"n": number(value)}


def level_label(level: int | None) -> str:
    """The online service level as NĐ 43/2011 names it."""
    labels = {
        1: _("Mức độ 1: cung cấp thông tin"),
        2: _("Mức độ 2: tải mẫu đơn, tờ khai"),
        3: _("Mức độ 3: nộp hồ sơ trực tuyến"),
        4: _("Mức độ 4: trực tuyến toàn trình"),
    }
    return labels.get(level, "")
