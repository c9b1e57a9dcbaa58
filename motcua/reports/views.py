"""Statistics pages: the dashboard, Form 06 to print, Form 06 as Excel. Leaders and heads of division
see their agencies' subtrees, province administrators and reform supervisors the province; anyone
else, and any agency outside the user's scope, gets 404."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.dossiers.views.common import refused

from . import dashboard
from .forms import Selection
from .scope import ReportScope, Tree
from .xlsx import form06_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def reports_access(view):
    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        scope = ReportScope(request.user, Tree())
        try:
            if scope.empty:
                raise Http404("no report scope")
            request.report_scope = scope
            return view(request, *args, **kwargs)
        except Http404:
            return refused(request, 404, _("Không tìm thấy trang này, hoặc số liệu không thuộc phạm vi của bạn."))

    return wrapper


def selection(request) -> Selection:
    """The filter as read from the query string."""
    scope: ReportScope = request.report_scope
    data = request.GET if "kind" in request.GET else None
    raw = request.GET.get("agency")
    if raw and not any(str(a.pk) == raw for a in scope.agencies()):
        raise Http404("agency outside the scope")  # not a validation error: nobody learns it exists
    s = Selection(scope, data, timezone.localdate())
    s.query = request.GET.urlencode() if data else ""
    return s


def _context(s: Selection, **extra) -> dict:
    return {"form": s.form, "selection": s, **extra}


@require_GET
@reports_access
def dashboard_page(request):
    s = selection(request)
    if not s.valid:
        return render(request, "reports/dashboard.html", _context(s), status=422)
    data = dashboard.build(request.user, s.period, tree=request.report_scope.tree, ids=s.ids,
                           procedure_ids=s.procedure_ids)
    return render(request, "reports/dashboard.html", _context(s, **data))


@require_GET
@reports_access
def form06_page(request):
    s = selection(request)
    if not s.valid:
        return render(request, "reports/form06.html", _context(s), status=422)
    return render(request, "reports/form06.html", _context(s, report=s.form06()))


@require_GET
@reports_access
def form06_download(request):
    s = selection(request)
    if not s.valid:
        return render(request, "reports/form06.html", _context(s), status=422)
    report = s.form06()
    response = HttpResponse(form06_xlsx(report), content_type=XLSX)
    name = f"bieu-06-{s.period.start:%Y%m%d}-{s.period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
