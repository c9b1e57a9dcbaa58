"""Processing pages: "Hồ sơ của tôi", the dossier page, its action forms and its files."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from motcua.catalog.models import Procedure, Sector
from motcua.core.errors import DomainError
from motcua.core.net import client_ip
from motcua.directory.models import Desk

from .. import services
from ..forms import ALL, OPEN, ListFilterForm
from ..models import ApologyState, Dossier, PauseKind
from ..queries import dossier_list, visible_dossiers
from ..services.common import check
from ..workflow import ACTIONS, Status
from .actions import SPECS, build_form
from .common import DueLabels, get_visible, label_rows, office_render, official_required, page_of, safe_next

EVENT_LABELS = {"receive": gettext_lazy("Tiếp nhận trực tiếp"), "submit_online": gettext_lazy("Nộp trực tuyến")}


def _choices(request):
    """Procedures and sectors of the user's own agencies (and those their desk serves): a short select."""
    office = request.office
    procedures = Procedure.objects.active()
    if not office.reads_everything:
        p = office.principal
        served = Desk.objects.filter(pk__in=p.desk_ids).values_list("serves", flat=True)
        agencies = {*p.agencies(), *(pk for pk in served if pk)}
        procedures = procedures.filter(agencies__in=agencies).distinct()
    rows = list(procedures.order_by("name").values_list("code", "name", "sector__code", "sector__name"))
    if office.reads_everything:
        sectors = list(Sector.objects.order_by("name").values_list("code", "name"))
    else:
        sectors = sorted({(s_code, s_name) for _c, _n, s_code, s_name in rows}, key=lambda s: s[1])
    return [(code, name) for code, name, _s, _sn in rows], sectors


def _flags(f: dict) -> dict:
    return {"mine": f["mine"], "overdue": f["overdue"], "due_within": f["due_within"]}


def _filtered(user, f: dict, flags: dict):
    """dossier_list with the page's status groups ("" = not yet resolved, "all", or one status)."""
    status = f["status"]
    qs = dossier_list(
        user,
        status=int(status) if status not in (OPEN, ALL) else None,
        procedure=f["procedure"], sector=f["sector"], due_within=flags["due_within"],
        overdue=True if flags["overdue"] else None, assigned_to_me=flags["mine"],
    )
    if status == OPEN:
        qs = qs.filter(status__in=Status.open())
    return qs


NO_FLAGS = {"mine": False, "overdue": False, "due_within": None}
CHIPS = [
    ("all", gettext_lazy("Tất cả"), {}),
    ("mine", gettext_lazy("Giao cho tôi"), {"mine": True}),
    ("overdue", gettext_lazy("Quá hạn"), {"overdue": True}),
    ("due1", gettext_lazy("Đến hạn trong 1 ngày"), {"due_within": 1}),
    ("due3", gettext_lazy("Đến hạn trong 3 ngày"), {"due_within": 3}),
]


def _chips(request, f: dict) -> list[dict]:
    """Quick filters with their counts: one COUNT each, over the status/procedure/sector chosen."""
    base = {"status": f["status"], "procedure": f["procedure"], "sector": f["sector"]}
    current = _flags(f)
    out = []
    for key, label, extra in CHIPS:
        flags = {**NO_FLAGS, **extra}
        query = {k: ("on" if v is True else v) for k, v in {**base, **extra}.items() if v not in ("", None, False)}
        out.append({"key": key, "label": label, "href": f"?{urlencode(query)}", "selected": flags == current,
                    "count": _filtered(request.user, f, flags).count()})
    return out


@require_GET
@official_required
def dossier_list_page(request):
    procedures, sectors = _choices(request)
    form = ListFilterForm(request.GET or None, procedures=procedures, sectors=sectors)
    f = form.filters()
    chips = _chips(request, f)
    counted = next((c["count"] for c in chips if c["selected"]), None)
    page = page_of(request, _filtered(request.user, f, _flags(f)), count=counted)
    page.object_list = label_rows(page.object_list)
    return office_render(request, "dossiers/office/list.html", {
        "form": form, "page": page, "chips": chips, "filters": f,
    })


def _printable(dossier: Dossier, pauses, apologies) -> list[str]:
    keys = []
    if dossier.accepted_at:
        keys.append("01")
    if any(p.kind == PauseKind.SUPPLEMENT for p in pauses):
        keys.append("02")
    if dossier.status in (Status.REFUSED, Status.STOPPED):
        keys.append("03")
    if any(a.state != ApologyState.REJECTED for a in apologies):
        keys.append("04")
    if dossier.accepted_at:
        keys.append("05")
    return keys


@require_GET
@official_required
def dossier_detail(request, code: str):
    dossier = get_visible(request, code)
    with transaction.atomic():
        services.log_personal_data_access(dossier, request.user, what="web:detail", client_address=client_ip(request))
    allowed = [name for name in services.allowed_actions(dossier, request.user) if name in SPECS]
    events = list(dossier.events.select_related("actor", "step", "agency", "receiver", "receiver_agency")
                  .order_by("at", "pk"))
    for e in events:
        e.label = ACTIONS[e.action].label if e.action in ACTIONS else EVENT_LABELS.get(e.action, e.action)
    pauses = list(dossier.pauses.order_by("started_at"))
    apologies = list(dossier.apologies.select_related("agency", "proposed_by", "decided_by").order_by("proposed_at"))
    return office_render(request, "dossiers/office/detail.html", {
        "dossier": dossier,
        "due": DueLabels()(dossier),
        "files": list(dossier.files.select_related("required_document")),
        "events": events,
        "pauses": pauses,
        "coordinations": list(dossier.coordinations.select_related("agency", "requested_by", "answered_by")
                              .order_by("requested_at")),
        "apologies": apologies,
        "payments": list(dossier.payments.select_related("recorded_by").order_by("paid_at")),
        "primary": [(n, ACTIONS[n].label) for n in allowed if SPECS[n].primary],
        "secondary": [(n, ACTIONS[n].label) for n in allowed if not SPECS[n].primary],
        "printable": _printable(dossier, pauses, apologies),
        "form_data": sorted((dossier.form_data or {}).items()),
    })


def _blocked(dossier, user, name) -> DomainError | None:
    """Why the action cannot run now (409 with the current status, or 403), before showing its form."""
    try:
        check(dossier, name, user)
    except DomainError as error:
        return error
    return None


def _done_message(dossier: Dossier, name: str) -> str:
    text = _("Đã thực hiện “%(action)s” cho hồ sơ %(code)s. Trạng thái: %(status)s.") % {
        "action": ACTIONS[name].label, "code": dossier.code, "status": dossier.get_status_display()}
    if dossier.status == Status.PROCESSING and dossier.assignee_id:
        text += " " + _("Người xử lý: %(name)s.") % {"name": dossier.assignee}
    return text


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@official_required
def dossier_action(request, code: str, name: str):
    if name not in SPECS:
        raise Http404(name)
    dossier = get_visible(request, code)
    error = _blocked(dossier, request.user, name)
    detail_url = reverse("dossiers:office_detail", args=[dossier.code])
    status = error.status if error else 200
    if request.method == "POST":
        form = build_form(name, dossier, request.POST, request.FILES)
        if error is None and form.is_valid():
            try:
                SPECS[name].call(dossier, request.user, form.cleaned_data)
            except DomainError as refused:
                field = SPECS[name].fields.get(refused.code)
                if field:
                    form.add_error(field, refused.message)
                else:
                    error = refused
                status = refused.status
            else:
                # Read back without the scope: a coordinating agency that just answered no longer sees it.
                after = Dossier.objects.select_related("assignee").get(pk=dossier.pk)
                messages.success(request, _done_message(after, name))
                still_visible = visible_dossiers(request.user).filter(pk=dossier.pk).exists()
                fallback = detail_url if still_visible else reverse("dossiers:office_home")
                return redirect(safe_next(request, fallback))
        elif error is None:
            status = 422
    else:
        form = build_form(name, dossier)
    context = {"dossier": dossier, "name": name, "label": ACTIONS[name].label, "form": form, "error": error,
               "next": safe_next(request, ""), "detail_url": detail_url,
               "multipart": any(fld.widget.needs_multipart_form for fld in form.fields.values())}
    if request.htmx:
        # htmx 2 does not swap 4xx answers: the fragment carries the refusal itself.
        return office_render(request, "dossiers/office/_action_form.html", context)
    return office_render(request, "dossiers/office/action.html", context, status=status)


def _file_response(request, dossier, stored, what: str):
    with transaction.atomic():
        services.log_personal_data_access(dossier, request.user, what=what, client_address=client_ip(request))
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    response = FileResponse(stored.open("rb"), content_type=content_type,
                            filename=f"{dossier.code}-{stored.name.rsplit('/', 1)[-1]}")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@official_required
def dossier_scan(request, code: str, pk: int):
    """A component's scan, only through the dossier's scope (never a public /media/ URL)."""
    dossier = get_visible(request, code, related=())
    item = dossier.files.filter(pk=pk).exclude(scan="").first()
    if item is None:
        raise Http404(pk)
    return _file_response(request, dossier, item.scan, f"web:scan:{item.pk}")


@require_GET
@official_required
def dossier_result_file(request, code: str):
    dossier = get_visible(request, code, related=())
    if not dossier.result_file:
        raise Http404(code)
    return _file_response(request, dossier, dossier.result_file, "web:result")
