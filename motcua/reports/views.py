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

from motcua.catalog.models import Procedure
from motcua.dossiers.views.common import refused

from . import dashboard, form06
from .forms import ReportFilter, defaults
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


class Selection:
    """The filter as read from the query string, resolved against the user's scope."""

    def __init__(self, request):
        scope: ReportScope = request.report_scope
        today = timezone.localdate()
        data = request.GET if "kind" in request.GET else None
        initial = defaults(today) | {"agency": getattr(scope.default_root(), "pk", None)}
        self.form = ReportFilter(data or initial, agencies=scope.agencies(), everything_label=scope.label(None))
        raw = request.GET.get("agency")
        if raw and not any(str(a.pk) == raw for a in scope.agencies()):
            raise Http404("agency outside the scope")  # not a validation error: nobody learns it exists
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
        self.query = request.GET.urlencode() if data else ""


def _context(selection: Selection, **extra) -> dict:
    return {"form": selection.form, "selection": selection, **extra}


@require_GET
@reports_access
def dashboard_page(request):
    s = Selection(request)
    if not s.valid:
        return render(request, "reports/dashboard.html", _context(s), status=422)
    data = dashboard.build(request.user, s.period, tree=request.report_scope.tree, ids=s.ids,
                           procedure_ids=s.procedure_ids)
    return render(request, "reports/dashboard.html", _context(s, **data))


def _form06(request, s: Selection):
    return form06.build(s.period, tree=request.report_scope.tree, agencies=s.ids, mode=s.mode,
                        agency_label=s.agency_label, sector=s.sector)


@require_GET
@reports_access
def form06_page(request):
    s = Selection(request)
    if not s.valid:
        return render(request, "reports/form06.html", _context(s), status=422)
    return render(request, "reports/form06.html", _context(s, report=_form06(request, s)))


@require_GET
@reports_access
def form06_download(request):
    s = Selection(request)
    if not s.valid:
        return render(request, "reports/form06.html", _context(s), status=422)
    report = _form06(request, s)
    response = HttpResponse(form06_xlsx(report), content_type=XLSX)
    name = f"bieu-06-{s.period.start:%Y%m%d}-{s.period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
