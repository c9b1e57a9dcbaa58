"""The dashboards' filters: a period, a grouping, and optionally one official, counter, desk, agency or sector.

A filter naming something outside the user's scope answers 404, like any object out of reach.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Sector
from motcua.directory.models import Agency, Counter, Desk, Role, User
from motcua.directory.permissions import VIEW, principal_for, restrict

from .models import Rating, RatingChannel, Stage
from .queries import GROUP_LABELS, PERIODS
from .scopes import LEADERS

DEFAULT_DAYS = 180
MAX_DAYS = 3 * 366
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DashboardForm(forms.Form):
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE)
    by = forms.ChoiceField(label=_("Thống kê theo"), required=False, choices=list(GROUP_LABELS.items()))
    period = forms.ChoiceField(label=_("Xu hướng theo"), required=False, choices=[
        ("week", _("Tuần")), ("month", _("Tháng"))])
    stage = forms.ChoiceField(label=_("Khâu"), required=False, choices=[("", _("Tất cả"))] + Stage.choices)
    channel = forms.ChoiceField(label=_("Kênh đánh giá"), required=False,
                                choices=[("", _("Tất cả"))] + RatingChannel.choices)
    official = forms.IntegerField(required=False, widget=forms.HiddenInput)
    counter = forms.IntegerField(required=False, widget=forms.HiddenInput)
    desk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    agency = forms.IntegerField(required=False, widget=forms.HiddenInput)
    sector = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["date_to"] = data.get("date_to") or today
        data["date_from"] = data.get("date_from") or data["date_to"] - datetime.timedelta(days=DEFAULT_DAYS)
        if data["date_from"] > data["date_to"]:
            self.add_error("date_from", _("Ngày bắt đầu phải trước ngày kết thúc."))
        elif (data["date_to"] - data["date_from"]).days > MAX_DAYS:
            self.add_error("date_from", _("Chỉ thống kê tối đa 3 năm một lần."))
        return data


@dataclass
class Selection:
    form: DashboardForm
    date_from: datetime.date
    date_to: datetime.date
    by: str
    period: str
    qs: QuerySet
    objects: dict = field(default_factory=dict)

    def query(self, **override) -> str:
        """The filters as a query string (for the chart, the export and links to a group)."""
        from urllib.parse import urlencode

        params = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat(), "by": self.by,
                  "period": self.period, "stage": self.form.cleaned_data.get("stage") or "",
                  "channel": self.form.cleaned_data.get("channel") or ""}
        params.update({name: obj.pk for name, obj in self.objects.items()})
        params.update(override)
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def _own(p, name: str, obj) -> bool:
    """Whether the target lies in the user's own reach, whether or not it has ratings yet."""
    leaders = p.agencies(*LEADERS)
    if name == "official":
        return obj.pk == p.user.pk or Role.objects.filter(user=obj, agency_id__in=leaders).exists()
    if name == "agency":
        return obj.pk in leaders
    if name == "desk":
        return obj.agency_id in leaders or obj.pk in p.desk_ids
    if name == "counter":
        return obj.desk.agency_id in leaders or obj.desk_id in p.desk_ids
    return name == "sector"  # the catalog's sectors are public


# name → (model, the Rating field it filters)
TARGETS = {"official": (User, "official_id"), "counter": (Counter, "counter_id"), "desk": (Desk, "desk_id"),
           "agency": (Agency, "agency_id"), "sector": (Sector, "dossier__procedure__sector_id")}


def select(request) -> Selection | DashboardForm:
    """The restricted, filtered ratings; the form itself when it has errors; Http404 for a target out of reach."""
    user = request.user
    p = principal_for(user)
    form = DashboardForm(request.GET)  # always bound: every field is optional and has a default
    if not form.is_valid():
        return form
    data = form.cleaned_data
    base = restrict(Rating.objects.all(), user, VIEW)
    qs = base
    objects = {}
    for name, (model, rating_field) in TARGETS.items():
        pk = data.get(name)
        if pk is None:
            continue
        obj = model.objects.filter(pk=pk).first()
        if obj is None or not (p.reads_everything or _own(p, name, obj) or base.filter(**{rating_field: pk}).exists()):
            raise Http404(name)
        objects[name] = obj
        qs = qs.filter(**{rating_field: pk})
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(data["date_from"], datetime.time(), tz)
    end = datetime.datetime.combine(data["date_to"] + datetime.timedelta(days=1), datetime.time(), tz)
    qs = qs.filter(at__gte=start, at__lt=end)
    if data.get("stage"):
        qs = qs.filter(stage=data["stage"])
    if data.get("channel"):
        qs = qs.filter(channel=data["channel"])
    by = data.get("by") or ("agency" if p.reads_everything else "official")
    period = data.get("period") if data.get("period") in PERIODS else "month"
    # Show the defaults that were applied, so the form says what the figures cover.
    form.data = form.data.copy()
    for name, value in {"date_from": data["date_from"].isoformat(), "date_to": data["date_to"].isoformat(),
                        "by": by, "period": period}.items():
        form.data[name] = value  # QueryDict.update() would append, not replace
    return Selection(form=form, date_from=data["date_from"], date_to=data["date_to"], by=by, period=period, qs=qs,
                     objects=objects)
