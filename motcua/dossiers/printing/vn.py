"""Dates, times and amounts written the way Vietnamese administrative documents write them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import LimitUnit


def local(value: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _day(d: datetime.date) -> str:
    return f"{d.day:02d}"


def _month(d: datetime.date) -> str:
    # NĐ 30/2020 pads days below 10 and the months January and February (so "tháng 01" cannot be
    # altered to "tháng 11"); other months are written without a zero.
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def as_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return local(value).date()
    return value


def date_words(value) -> str:
    """"ngày 05 tháng 02 năm 2026"."""
    d = as_date(value)
    if d is None:
        return "…"
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {"day": _day(d), "month": _month(d), "year": d.year}


def time_words(value: datetime.datetime | None) -> str:
    """"09 giờ 30 phút, ngày 05 tháng 02 năm 2026", in local time."""
    if value is None:
        return "…"
    t = local(value)
    return _("%(hour)s giờ %(minute)s phút, %(date)s") % {
        "hour": f"{t.hour:02d}", "minute": f"{t.minute:02d}", "date": date_words(t),
    }


def place_date(place: str, value) -> str:
    """The dateline: "Bình Hải, ngày 05 tháng 02 năm 2026"."""
    return f"{place}, {date_words(value)}" if place else date_words(value)


def number(value: Decimal | int | float | None) -> str:
    """15 → "15", 0.5 → "0,5", 75000 → "75.000"."""
    if value is None:
        return ""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    return format(d.normalize(), "f").replace(".", ",")


def time_limit(amount, unit: str, same_day: bool = False) -> str:
    if same_day or (amount is not None and Decimal(amount) == 0):
        return _("trong ngày")
    if amount is None:
        return "…"
    label = LimitUnit(unit).label if unit in LimitUnit.values else LimitUnit.WORKING_DAYS.label
    return f"{number(amount)} {label}"
