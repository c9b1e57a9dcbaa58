"""The filter shared by the dashboard and Form 06: period (a preset or any range), agency, sector, history."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure, Sector

from . import form06, periods
from .scope import AS_IT_WAS, ROLLED_UP, ReportScope

KINDS = [("month", _("Tháng")), ("quarter", _("Quý")), ("half", _("6 tháng đầu năm")), ("year", _("Năm")),
         ("custom", _("Khoảng ngày tùy chọn"))]
MODES = [(ROLLED_UP, _("Quy về cơ quan kế thừa hiện nay")), (AS_IT_WAS, _("Theo cơ quan tại thời điểm phát sinh"))]
MAX_DAYS = 366 * 10


def defaults(today: datetime.date) -> dict:
    month = periods.current_month(today)
    return {"kind": "month", "year": month.end.year, "number": month.end.month, "mode": ROLLED_UP}


class ReportFilter(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=KINDS)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Tháng / quý"), min_value=1, max_value=12, required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agency = forms.TypedChoiceField(label=_("Cơ quan"), coerce=int, required=False, empty_value=None)
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.order_by("name"), required=False,
                                    empty_label=_("Tất cả lĩnh vực"))
    mode = forms.ChoiceField(label=_("Cơ quan đã giải thể, sáp nhập"), choices=MODES)

    def __init__(self, data, *, agencies, everything_label, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["agency"].choices = [("", everything_label)] + [
            (a.pk, ("— " * (a.path.count("/") - 2)) + a.name + ("" if a.is_active() else " " + str(_("(đã giải thể)"))))
            for a in agencies]

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("number")
        if kind == "month" and not number:
            self.add_error("number", ValidationError(_("Hãy chọn tháng."), code="month_required"))
        if kind == "quarter" and not (number and number <= 4):
            self.add_error("number", ValidationError(_("Quý phải từ 1 đến 4."), code="invalid_quarter"))
        if kind == "custom":
            start, end = data.get("date_from"), data.get("date_to")
            if not start or not end:
                raise ValidationError(_("Hãy nhập cả ngày bắt đầu và ngày kết thúc."), code="dates_required")
            if end < start:
                self.add_error("date_to", ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."),
                                                          code="invalid_date_range"))
            elif (end - start).days > MAX_DAYS:
                self.add_error("date_to", ValidationError(_("Khoảng thời gian tối đa là 10 năm."), code="period_too_long"))
        return data

    def period(self) -> periods.Period:
        data = self.cleaned_data
        if data["kind"] == "custom":
            return periods.custom(data["date_from"], data["date_to"])
        return periods.PRESETS[data["kind"]](data["year"], data.get("number"))


class Selection:
    """The filter (as submitted, or the defaults when `data` is None) resolved against the user's scope:
    the period up to today, the historical agencies it covers, the sector's procedures. The pages and
    the API count exactly what it selects; an agency outside the scope is the caller's to refuse first."""

    def __init__(self, scope: ReportScope, data, today: datetime.date):
        self.scope = scope
        initial = defaults(today) | {"agency": getattr(scope.default_root(), "pk", None)}
        self.form = ReportFilter(data or initial, agencies=scope.agencies(), everything_label=scope.label(None))
        self.valid = self.form.is_valid()
        if not self.valid:
            return
        c = self.form.cleaned_data
        self.root = scope.tree.by_id.get(c["agency"]) if c["agency"] else None
        self.mode, self.sector = c["mode"], c["sector"]
        self.period = self.form.period().capped(today)
        self.ids = scope.tree.covered(self.root, self.mode, scope.allowed)
        self.procedure_ids = (None if self.sector is None
                              else list(Procedure.objects.filter(sector=self.sector).values_list("pk", flat=True)))
        self.agency_label = scope.label(self.root)

    def form06(self) -> form06.Form06:
        return form06.build(self.period, tree=self.scope.tree, agencies=self.ids, mode=self.mode,
                            agency_label=self.agency_label, sector=self.sector)
