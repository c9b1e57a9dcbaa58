"""The one-stop desk: receive a walk-in on one screen, record a turned-away visit, the two queues."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.catalog.models import Procedure
from motcua.catalog.queries import search_procedures
from motcua.core.errors import DomainError
from motcua.directory.models import RoleKind
from motcua.directory.permissions import VIEW, restrict

from .. import services
from ..forms import ComponentForm, OptionalPartyForm, PartyForm, TurnedAwayForm, WalkInForm
from ..models import TurnedAwayVisit
from ..queries import dossier_list
from ..workflow import Status
from .common import desk_required, label_rows, office_render, page_of

SEARCH_LIMIT = 10
# Where a search result leads: the screen that asked for it (a whitelist, never a URL from the query).
DESTINATIONS = {"receive": "dossiers:office_receive", "turned_away": "dossiers:office_turned_away"}
# Service refusals that belong to one field of the walk-in screen.
WALK_IN_FIELDS = {"competent_agency_required": "competent_agency", "agency_not_competent": "competent_agency",
                  "desk_required": "desk", "not_your_desk": "desk"}


def _procedure(request) -> Procedure | None:
    code = (request.POST.get("procedure") or request.GET.get("procedure") or "").strip()
    if not code:
        return None
    procedure = Procedure.objects.active().select_related("sector").filter(code=code).first()
    if procedure is None:
        raise Http404(code)
    return procedure


def _results(q: str):
    return list(search_procedures(q)[:SEARCH_LIMIT]) if q.strip() else []


@require_GET
@desk_required
def procedure_search(request):
    """The live results under the search box (htmx); the same list renders inside the page without JS."""
    dest = request.GET.get("for") if request.GET.get("for") in DESTINATIONS else "receive"
    q = request.GET.get("q", "")
    return office_render(request, "dossiers/office/_procedure_results.html", {
        "results": _results(q), "q": q, "dest_url": reverse(DESTINATIONS[dest]),
    })


def _picker(request, dest: str) -> dict:
    q = request.GET.get("q", "")
    return {"q": q, "results": _results(q), "dest": dest, "dest_url": reverse(DESTINATIONS[dest])}


@require_http_methods(["GET", "POST"])
@desk_required
def receive(request):
    procedure = _procedure(request)
    if procedure is None:
        return office_render(request, "dossiers/office/receive.html", _picker(request, "receive"))
    desk_ids = request.office.principal.desk_ids
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = WalkInForm(data, procedure=procedure, desk_ids=desk_ids)
    owner = PartyForm(data, prefix="owner")
    submitter = OptionalPartyForm(data, prefix="submitter")
    rows = [ComponentForm(data, files, document=doc) for doc in procedure.documents.order_by("order", "pk")]
    context = {"procedure": procedure, "form": form, "owner": owner, "submitter": submitter, "rows": rows}
    if request.method == "GET":
        return office_render(request, "dossiers/office/receive.html", context)
    valid = all([form.is_valid(), owner.is_valid(), submitter.is_valid(), *[r.is_valid() for r in rows]])
    if valid:
        c = form.cleaned_data
        try:
            dossier = services.receive_walk_in(
                request.user, procedure=procedure, owner=owner.party(), submitter=submitter.party(),
                competent_agency=c.get("competent_agency"), desk=c.get("desk"), summary=c["summary"],
                # Set by the ratings app's middleware when installed (this app must not import it).
                counter=request.open_counter() if hasattr(request, "open_counter") else None,
                sets=c["sets"], return_method=c["return_method"],
                files=[item for item in (r.item() for r in rows) if item],
            )
        except DomainError as error:
            field = WALK_IN_FIELDS.get(error.code)
            form.add_error(field if field in form.fields else None, error.message)
            return office_render(request, "dossiers/office/receive.html", context, status=error.status)
        messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s. Hạn trả kết quả: %(due)s.") % {
            "code": dossier.code, "due": _local(dossier.due_at)})
        return redirect("dossiers:office_detail", code=dossier.code)
    messages.error(request, _("Chưa lưu được hồ sơ: hãy sửa các ô được đánh dấu bên dưới."))
    return office_render(request, "dossiers/office/receive.html", context, status=422)


def _local(value) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


@require_http_methods(["GET", "POST"])
@desk_required
def turned_away(request):
    procedure = _procedure(request)
    if procedure is None:
        return office_render(request, "dossiers/office/turned_away.html", _picker(request, "turned_away"))
    data = request.POST if request.method == "POST" else None
    form = TurnedAwayForm(data, desk_ids=request.office.principal.desk_ids)
    person = PartyForm(data, prefix="person")
    context = {"procedure": procedure, "form": form, "person": person}
    if data is not None and all([form.is_valid(), person.is_valid()]):
        c = form.cleaned_data
        try:
            visit = services.record_turned_away(
                request.user, procedure=procedure, person=person.party(), form=c["form"], guidance=c["guidance"],
                items=c["items"], desk=c.get("desk"),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return office_render(request, "dossiers/office/turned_away.html", context, status=error.status)
        messages.success(request, _("Đã ghi sổ lượt hướng dẫn. Hãy in phiếu và giao cho công dân."))
        return redirect("dossiers:office_visit", pk=visit.pk)
    return office_render(request, "dossiers/office/turned_away.html", context, status=422 if data else 200)


@require_GET
@desk_required
def visit_detail(request, pk: int):
    visit = restrict(TurnedAwayVisit.objects.select_related("person", "procedure", "desk", "official"),
                     request.user, VIEW).filter(pk=pk).first()
    if visit is None:
        raise Http404(pk)
    return office_render(request, "dossiers/office/visit.html", {"visit": visit})


def _desk_queue(request, status: int):
    agencies = request.office.principal.agencies(RoleKind.DESK_OFFICER)
    qs = dossier_list(request.user, status=status).filter(receiving_agency_id__in=agencies)
    if status == Status.SUBMITTED:
        qs = qs.order_by("submitted_at", "code")  # no due date yet: first come, first served
    page = page_of(request, qs)
    page.object_list = label_rows(page.object_list)
    return page


@require_GET
@desk_required
def online_queue(request):
    return office_render(request, "dossiers/office/queue.html", {
        "page": _desk_queue(request, Status.SUBMITTED), "kind": "online",
        "title": _("Hồ sơ trực tuyến chờ tiếp nhận"),
    })


@require_GET
@desk_required
def results_queue(request):
    return office_render(request, "dossiers/office/queue.html", {
        "page": _desk_queue(request, Status.RESULT_READY), "kind": "results",
        "title": _("Kết quả chờ trả cho công dân"),
    })
