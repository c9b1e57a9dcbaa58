"""Printed forms (Mẫu 01–05) and the desk's registers, always from restricted objects and querysets."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core.errors import DomainError
from motcua.core.net import client_ip
from motcua.directory.models import Agency, RoleKind
from motcua.directory.permissions import VIEW, restrict

from .. import services
from ..forms import RegisterForm, month_so_far
from ..models import TurnedAwayVisit
from ..printing import FORM_KEYS, register_xlsx, render_form, turned_away_xlsx
from ..queries import visible_dossiers
from .common import desk_required, get_visible, office_render, official_required, refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _unavailable(request, error: DomainError, dossier=None):
    return office_render(request, "dossiers/office/error.html", {"error": error, "dossier": dossier},
                         status=error.status)


@require_GET
@official_required
def dossier_form_pdf(request, code: str, key: str):
    if key not in FORM_KEYS:
        raise Http404(key)
    dossier = get_visible(request, code)
    try:
        body = render_form(key, dossier, request=request)
    except DomainError as error:
        return _unavailable(request, error, dossier)
    with transaction.atomic():
        services.log_personal_data_access(dossier, request.user, what=f"web:mau{key}",
                                          client_address=client_ip(request))
    return _pdf(body, f"mau{key}-{dossier.code}.pdf")


@require_GET
@desk_required
def visit_pdf(request, pk: int):
    visit = restrict(TurnedAwayVisit.objects.select_related("person", "procedure", "desk__agency", "official"),
                     request.user, VIEW).filter(pk=pk).first()
    if visit is None:
        raise Http404(pk)
    try:
        body = render_form(visit.form, visit, request=request)
    except DomainError as error:
        return _unavailable(request, error)
    return _pdf(body, f"mau{visit.form}-{visit.at:%Y%m%d}-{visit.pk}.pdf")


def _xlsx(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@official_required
def registers(request):
    """Desk officers download their desk's registers; province administrators and supervisors any."""
    office = request.office
    if not office.can_registers:
        return refused(request, 403, _("Sổ theo dõi dành cho cán bộ bộ phận một cửa."))
    form = RegisterForm(request.GET if "date_from" in request.GET else None, initial=month_so_far())
    if not form.is_bound or not form.is_valid():
        return office_render(request, "dossiers/office/registers.html", {"form": form},
                             status=422 if form.is_bound else 200)
    c = form.cleaned_data
    start, end = c["date_from"], c["date_to"]
    dossiers, visits = visible_dossiers(request.user), restrict(TurnedAwayVisit.objects.all(), request.user, VIEW)
    agency = None
    if not office.reads_everything:
        desk_agencies = office.principal.agencies(RoleKind.DESK_OFFICER)
        # Mẫu 06 is the desk's own book: what it received, not what its officers also process elsewhere.
        dossiers = dossiers.filter(receiving_agency_id__in=desk_agencies)
        if len(desk_agencies) == 1:
            agency = Agency.objects.get(pk=next(iter(desk_agencies)))
    if c["kind"] == "06":
        body = register_xlsx(dossiers, start, end, agency=agency)
        return _xlsx(body, f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
    body = turned_away_xlsx(visits, start, end, agency=agency)
    return _xlsx(body, f"so-huong-dan-tu-choi-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
