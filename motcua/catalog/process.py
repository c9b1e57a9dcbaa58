"""Rules for an internal process: its steps must fit inside the procedure's legal time limit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.core.text import nfc
from motcua.directory.models import RoleKind

from .formatting import number
from .models import Procedure

DEFAULT_HOURS_PER_DAY = Decimal(8)


def hours_per_working_day() -> Decimal:
    """Working hours in one working day, from the working calendar when it can say.

    The calendar app is optional at this layer's import time (it is built alongside), hence
    the fallback to the legal default of 8 hours (07:00–11:30, 13:30–17:00).
    """
    try:
        from motcua.worktime.calendar import get_calendar
    except ImportError:
        return DEFAULT_HOURS_PER_DAY
    value = getattr(get_calendar(), "hours_per_day", None)
    if value is None:
        return DEFAULT_HOURS_PER_DAY
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds() / 3600
    return Decimal(str(value))


def limit_hours(procedure: Procedure, per_day: Decimal | None = None) -> Decimal:
    """The working hours the steps may use.

    A calendar-day limit contains at most as many working days as it has days, so the same
    product is an upper bound; a same-day procedure has one working day.
    """
    per_day = per_day if per_day is not None else hours_per_working_day()
    if procedure.is_same_day:
        return per_day
    return procedure.time_limit * per_day


@dataclass(frozen=True)
class StepSpec:
    order: int
    name: str
    role: str
    hours: Decimal
    may_send_back: bool = False

    @classmethod
    def of(cls, value: StepSpec | Mapping) -> StepSpec:
        if isinstance(value, StepSpec):
            return value
        try:
            hours = Decimal(str(value.get("hours", "")).replace(",", "."))
        except InvalidOperation:
            hours = Decimal(-1)
        return cls(
            order=int(value.get("order") or 0),
            name=nfc(value.get("name")),
            role=value.get("role") or "",
            hours=hours,
            may_send_back=bool(value.get("may_send_back")),
        )


def check_steps(procedure: Procedure, steps: Iterable[StepSpec | Mapping]) -> list[str]:
    """Raise ValidationError listing every problem; return warnings a person should still read."""
    specs = [StepSpec.of(s) for s in steps]
    errors: list[str] = []
    if not specs:
        raise ValidationError(_("Quy trình phải có ít nhất một bước."), code="no_steps")
    specs.sort(key=lambda s: s.order)
    orders = [s.order for s in specs]
    if orders != list(range(1, len(specs) + 1)):
        errors.append(
            _("Các bước phải được đánh số liên tiếp từ 1 (đang có: %(orders)s).")
            % {"orders": ", ".join(str(o) for o in orders)}
        )
    if specs[0].may_send_back:
        errors.append(_("Bước đầu tiên không thể trả lại bước trước."))
    roles = set(RoleKind.values)
    for spec in specs:
        if not spec.name:
            errors.append(_("Bước %(order)s chưa có tên.") % {"order": spec.order})
        if spec.role not in roles:
            errors.append(_("Bước %(order)s chưa có vai trò thực hiện hợp lệ.") % {"order": spec.order})
        if spec.hours < 0:
            errors.append(_("Số giờ của bước %(order)s phải là số không âm.") % {"order": spec.order})
    if errors:
        raise ValidationError(errors, code="invalid_steps")

    total = sum((s.hours for s in specs), Decimal(0))
    limit = limit_hours(procedure)
    figures = {"total": number(total), "limit": number(limit), "diff": number(abs(total - limit))}
    if total > limit:
        raise ValidationError(
            _("Tổng số giờ các bước (%(total)s giờ) vượt thời hạn giải quyết (%(limit)s giờ) %(diff)s giờ.")
            % figures,
            code="over_limit",
        )
    if total < limit:
        return [
            _("Tổng số giờ các bước (%(total)s giờ) ít hơn thời hạn giải quyết (%(limit)s giờ) %(diff)s giờ.")
            % figures
        ]
    return []
