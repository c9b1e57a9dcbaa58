"""'My dossiers': what the citizen submitted, where it stands, what officials asked, the result."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import DomainError
from motcua.dossiers.lookup import PUBLIC_ACTIONS
from motcua.dossiers.models import PauseKind, Shipment
from motcua.dossiers.workflow import ACTIONS, Status

from .. import services
from ..eforms import labelled
from ..forms import SupplementForm
from ..models import Draft
from .common import citizen_required, own_dossier, own_dossiers

# Actions whose note is addressed to the citizen (a request, a reason, a new date).
MESSAGE_ACTIONS = {"request_supplement", "refuse", "stop", "request_obligation", "approve_apology", "withdraw"}
PAYABLE = {Status.SUBMITTED, Status.ACCEPTED, Status.PROCESSING}


@citizen_required
@require_GET
def my_dossiers(request):
    status = request.GET.get("status", "")
    dossiers = own_dossiers(request.user).order_by("-submitted_at")
    if status == "open":
        dossiers = dossiers.exclude(status__in=Status.terminal())
    elif status == "done":
        dossiers = dossiers.filter(status__in=Status.terminal())
    page = Paginator(dossiers, 20).get_page(request.GET.get("page"))
    drafts = Draft.objects.filter(account=request.user, dossier__isnull=True).select_related("procedure")
    return render(request, "portal/mine.html", {"page": page, "drafts": drafts, "status": status})


def timeline(dossier):
    events = dossier.events.filter(action__in=PUBLIC_ACTIONS).select_related("agency").order_by("at", "pk")
    return [
        {
            "at": timezone.localtime(e.at), "label": ACTIONS[e.action].label if e.action in ACTIONS else e.action,
            "status_name": Status(e.to_status).label, "agency": e.agency.name if e.agency_id else "",
            "message": e.note if e.action in MESSAGE_ACTIONS else "",
        }
        for e in events
    ]


def rating_links(dossier) -> list:
    """Links to rate the officials, when the ratings app offers them for this dossier."""
    if not apps.is_installed("motcua.ratings"):
        return []
    from motcua.ratings.tokens import in_scope, rating_url

    if not in_scope(dossier.procedure):
        return []
    stages = [("reception", _("Đánh giá việc tiếp nhận"))]
    if dossier.status == Status.RETURNED:
        stages.append(("return", _("Đánh giá việc trả kết quả")))
    links = []
    for stage, label in stages:
        try:
            links.append((label, rating_url(dossier.code, stage, channel="portal")))
        except (DomainError, NoReverseMatch, ValueError):
            continue
    return links


def _pay_url(dossier):
    owed = dossier.fee_amount - dossier.fee_paid
    if owed <= 0 or dossier.status not in PAYABLE:
        return None
    return reverse("payments:start", args=[dossier.code])


@citizen_required
@require_http_methods(["GET", "POST"])
def dossier_detail(request, code):
    dossier = own_dossier(request.user, code)
    form = SupplementForm()
    status = 200
    if request.method == "POST" and dossier.status == Status.SUPPLEMENT:
        form = SupplementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.supplement_online(request.user, dossier, note=form.cleaned_data["note"],
                                           uploads=[(None, f) for f in form.cleaned_data["files"]])
                messages.success(request, _("Đã nộp bổ sung. Hồ sơ được tiếp tục giải quyết."))
                return redirect("portal:dossier", code=code)
            except ValidationError as error:
                form.add_error("files", error)
            except DomainError as error:
                form.add_error(None, error.message)
        status = 422
    supplement = dossier.pauses.filter(kind=PauseKind.SUPPLEMENT, ended_at__isnull=True).first()
    draft = Draft.objects.filter(dossier=dossier).select_related("eform").first()
    specs = draft.eform.specs() if draft and draft.eform else []
    context = {
        "dossier": dossier, "timeline": timeline(dossier), "files": list(dossier.files.all()),
        "supplement": supplement, "form": form, "pay_url": _pay_url(dossier),
        "owed": max(dossier.fee_amount - dossier.fee_paid, 0),
        "answers": labelled(specs, (dossier.form_data or {}).get("answers", {})),
        "payments": list(dossier.payments.order_by("paid_at")), "rating_links": rating_links(dossier),
        "shipment": Shipment.objects.filter(dossier=dossier).first(),
    }
    return render(request, "portal/dossier.html", context, status=status)


@citizen_required
@require_GET
def submitted(request, code):
    dossier = own_dossier(request.user, code)
    return render(request, "portal/submitted.html", {"dossier": dossier, "pay_url": _pay_url(dossier)})


@citizen_required
@require_GET
def result_file(request, code):
    dossier = own_dossier(request.user, code)
    try:
        dossier = services.take_result(request.user, dossier)
    except DomainError as error:
        raise Http404(error.message) from None
    name = f"ket-qua-{dossier.code}.{dossier.result_file.name.rsplit('.', 1)[-1]}"
    return FileResponse(dossier.result_file.open("rb"), as_attachment=True, filename=name)


@citizen_required
@require_GET
def dossier_file(request, code, pk):
    dossier = own_dossier(request.user, code)
    item = dossier.files.filter(pk=pk).exclude(scan="").first()
    if item is None:
        raise Http404(str(pk))
    return FileResponse(item.scan.open("rb"), as_attachment=True, filename=item.scan.name.rsplit("/", 1)[-1])
