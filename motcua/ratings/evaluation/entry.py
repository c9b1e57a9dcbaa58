"""Entering the indicators the data cannot compute (publicity, feedback, agencies contacted)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import nfc
from motcua.directory.models import Agency
from motcua.directory.permissions import principal_for

from ..models import IndicatorScore
from . import rules_for
from .compute import quarter_range


def may_enter(actor, agency: Agency) -> bool:
    """Province administrators for every agency; an agency administrator for their own (self-assessment)."""
    p = principal_for(actor)
    return p.sees_everything or agency.pk in p.agencies("agency_admin")


def check_entry(actor, agency: Agency, year: int, quarter: int, indicator: str, score) -> Decimal:
    """The score as it will be stored, or a DomainError saying why it cannot be."""
    if not may_enter(actor, agency):
        raise DomainError("not_permitted", _("Bạn không được chấm điểm cho cơ quan này."), status=403)
    if quarter not in (1, 2, 3, 4):
        raise DomainError("invalid_quarter", _("Quý phải từ 1 đến 4."), status=422)
    rules = rules_for(quarter_range(year, quarter)[0].date())
    if indicator not in rules.entered_codes():
        raise DomainError("not_entered", _("Tiêu chí này được tính từ dữ liệu, không nhập tay."), status=422)
    try:
        value = Decimal(str(score)).quantize(Decimal("0.01"))
    except InvalidOperation:
        value = Decimal(-1)
    if not Decimal(0) <= value <= Decimal(rules.max_points):
        raise DomainError("invalid_score", _("Điểm phải từ 0 đến %(max)s.") % {"max": rules.max_points}, status=422)
    return value


@transaction.atomic
def enter_score(actor, agency: Agency, year: int, quarter: int, indicator: str, score, note: str = "") -> IndicatorScore:
    """Enter (or correct) one indicator of one agency's quarter; who and when are kept on the row."""
    value = check_entry(actor, agency, year, quarter, indicator, score)
    row, _created = IndicatorScore.objects.update_or_create(
        agency=agency, year=year, quarter=quarter, indicator=indicator,
        defaults={"score": value, "note": nfc(note or "").strip(), "entered_by": actor, "entered_at": timezone.now()},
    )
    return row
