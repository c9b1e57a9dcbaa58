"""What every officials' page shares: who may enter, the 404 door, due-date labels, paging."""

from __future__ import annotations

import functools
import math

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.directory.models import RoleKind
from motcua.directory.permissions import principal_for
from motcua.worktime.calendar import get_calendar

from ..models import Dossier
from ..queries import visible_dossiers
from ..workflow import Status

PAGE_SIZE = 25
PROCESSING = (RoleKind.SPECIALIST, RoleKind.HEAD_OF_DIVISION, RoleKind.AGENCY_LEADER)
DETAIL_RELATED = (
    "procedure__sector", "receiving_agency", "competent_agency", "desk", "owner", "submitter", "current_step",
    "assignee",
)


class Office:
    """What the officials' navigation and dashboard need to know about the signed-in user."""

    def __init__(self, user):
        p = principal_for(user)
        self.principal = p
        self.is_desk = p.has_role(RoleKind.DESK_OFFICER)
        self.is_processing = p.has_role(*PROCESSING)
        self.is_leader = p.has_role(RoleKind.AGENCY_LEADER)
        self.reads_everything = p.reads_everything
        self.can_registers = self.is_desk or p.reads_everything


def is_official(user) -> bool:
    p = principal_for(user)
    return bool(p.by_kind) or p.sees_everything


def refused(request, status: int, message: str):
    return render(request, "dossiers/office/refused.html",
                  {"office": getattr(request, "office", None), "status": status, "message": message}, status=status)


def official_required(view):
    """Anonymous → the sign-in page; signed in without an official role (a citizen) → 403 everywhere.

    A miss (Http404) renders the area's own page: the same answer whether the object does not exist
    or lies outside the user's scope.
    """

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_official(request.user):
            return refused(request, 403, _("Khu vực này dành cho cán bộ, công chức."))
        request.office = Office(request.user)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return refused(request, 404, _("Không tìm thấy trang hoặc hồ sơ này, hoặc hồ sơ không thuộc phạm vi "
                                          "của bạn."))

    return wrapper


def desk_required(view):
    """Pages of the one-stop desk: a desk officer's role (pages are 403 for others; objects stay 404)."""

    @official_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.office.is_desk:
            return refused(request, 403, _("Trang này dành cho cán bộ bộ phận một cửa."))
        return view(request, *args, **kwargs)

    return wrapper


def get_visible(request, code: str, related=DETAIL_RELATED) -> Dossier:
    """The dossier if the user's scope holds it; otherwise 404, so nobody learns that a code exists."""
    dossier = visible_dossiers(request.user).select_related(*related).filter(code=code).first()
    if dossier is None:
        raise Http404(code)
    return dossier


def page_of(request, queryset, count: int | None = None):
    """25 a page (LIMIT/OFFSET); `count` when a quick filter already counted these rows (saves a COUNT)."""
    paginator = Paginator(queryset, PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(request.GET.get("page"))


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def office_render(request, template: str, context: dict | None = None, status: int = 200):
    context = {"office": getattr(request, "office", None), **(context or {})}
    return render(request, template, context, status=status)


class DueLabels:
    """"còn 2 ngày làm việc" / "quá hạn" for many rows with one calendar (no query per row)."""

    def __init__(self):
        self.now = timezone.now()
        self.calendar = get_calendar()
        self.day_us = self.calendar.hours_per_day * 3600

    def __call__(self, d: Dossier) -> dict | None:
        if d.due_at is None or d.status not in Status.clock_running():
            return None
        if d.paused_since is not None:
            return {"state": "paused", "text": _("tạm dừng tính thời hạn")}
        if d.due_at < self.now:
            return {"state": "late", "text": _("quá hạn")}
        left = self.calendar.working_time_between(self.now, d.due_at).total_seconds()
        if left < float(self.day_us):
            hours = max(1, math.ceil(left / 3600))
            return {"state": "soon", "text": ngettext("còn %(n)d giờ làm việc", "còn %(n)d giờ làm việc", hours)
                    % {"n": hours}}
        days = math.ceil(left / float(self.day_us))
        return {"state": "soon" if days <= 1 else "ok",
                "text": ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", days) % {"n": days}}


def label_rows(dossiers) -> list[Dossier]:
    labels = DueLabels()
    rows = list(dossiers)
    for d in rows:
        d.due_label = labels(d)
    return rows
