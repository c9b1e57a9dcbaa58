"""The officials' home: each role's queues with their counts (one COUNT each), and what waits on them."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.directory.models import RoleKind

from ..models import Apology, ApologyState, Coordination
from ..queries import dossier_list, visible_dossiers
from ..workflow import Status
from .common import PROCESSING, office_render, official_required

LIST_LIMIT = 10


def _tile(label, count, url, tone=""):
    return {"label": label, "count": count, "url": url, "tone": tone}


def _list_url(**params) -> str:
    return f"{reverse('dossiers:office_list')}?{urlencode(params)}" if params else reverse("dossiers:office_list")


def _desk_tiles(request):
    user, agencies = request.user, request.office.principal.agencies(RoleKind.DESK_OFFICER)
    mine = visible_dossiers(user).filter(receiving_agency_id__in=agencies)
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return [
        _tile(_("Hồ sơ trực tuyến chờ tiếp nhận"), mine.filter(status=Status.SUBMITTED).count(),
              reverse("dossiers:office_online_queue")),
        _tile(_("Đã tiếp nhận, chờ chuyển xử lý"), mine.filter(status=Status.ACCEPTED).count(),
              _list_url(status=Status.ACCEPTED)),
        _tile(_("Kết quả chờ trả"), mine.filter(status=Status.RESULT_READY).count(),
              reverse("dossiers:office_results_queue")),
        _tile(_("Tiếp nhận hôm nay"), mine.filter(accepted_at__gte=start).count(), None),
    ]


def _processing_tiles(request):
    user = request.user
    open_mine = dossier_list(user, assigned_to_me=True).filter(status__in=Status.open())
    return [
        _tile(_("Hồ sơ giao cho tôi"), open_mine.count(), _list_url(mine="on")),
        _tile(_("Đến hạn trong 1 ngày làm việc"), dossier_list(user, due_within=1).count(), _list_url(due_within=1),
              "warn"),
        _tile(_("Đến hạn trong 3 ngày làm việc"), dossier_list(user, due_within=3).count(), _list_url(due_within=3)),
        _tile(_("Quá hạn"), dossier_list(user, overdue=True).count(), _list_url(overdue="on"), "late"),
    ]


def _apologies(request):
    """Apologies proposed by (or for) the leader's agencies, waiting for their signature."""
    agencies = request.office.principal.agencies(RoleKind.AGENCY_LEADER)
    qs = (Apology.objects.filter(state=ApologyState.PROPOSED, agency_id__in=agencies,
                                 dossier__in=visible_dossiers(request.user))
          .select_related("dossier", "dossier__procedure", "agency", "proposed_by").order_by("proposed_at"))
    return qs.count(), list(qs[:LIST_LIMIT])


def _coordinations(request):
    agencies = request.office.principal.agencies(*PROCESSING)
    qs = (Coordination.objects.filter(agency_id__in=agencies, answered_at__isnull=True)
          .select_related("dossier", "dossier__procedure", "agency").order_by("deadline"))
    return qs.count(), list(qs[:LIST_LIMIT])


@require_GET
@official_required
def home(request):
    office = request.office
    context = {"desk_tiles": _desk_tiles(request) if office.is_desk else [],
               "work_tiles": _processing_tiles(request) if office.is_processing or office.reads_everything else []}
    context["show_apologies"] = office.is_leader
    if office.is_leader:
        context["apology_count"], context["apologies"] = _apologies(request)
    if office.is_processing:
        context["coordination_count"], context["coordinations"] = _coordinations(request)
    return office_render(request, "dossiers/office/home.html", context)
