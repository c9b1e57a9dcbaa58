"""Pairing tablets with counters (agency administrators, province administrators) and revoking them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.errors import DomainError
from motcua.directory.permissions import VIEW, restrict
from motcua.dossiers.printing.qr import qr_data_uri

from .. import conf, services
from ..models import KioskDevice
from .common import may_pair, official_area, ratings_render


def _devices(request):
    if not may_pair(request.user):
        raise Http404("kiosk devices")
    return restrict(KioskDevice.objects.select_related("counter__desk", "created_by"), request.user, VIEW)


@never_cache  # the answer to a pairing carries the token
@require_http_methods(["GET", "POST"])
@official_area
def device_list(request):
    devices = _devices(request)
    counters = list(services.manageable_counters(request.user).order_by("desk__name", "number"))
    context = {"devices": devices.order_by("revoked_at", "counter__desk__name", "counter__number", "name"),
               "counters": counters}
    if request.method == "POST":
        counter = next((c for c in counters if str(c.pk) == request.POST.get("counter")), None)
        if counter is None:
            raise Http404("counter")
        try:
            device, raw = services.pair_device(request.user, counter, request.POST.get("name", ""))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("ratings:devices")
        # Shown in this response only: the token is not stored, nor put in a URL the browser keeps.
        link = conf.public_base_url() + reverse("ratings:kiosk_pair", kwargs={"token": raw})
        context.update({"new_device": device, "link": link, "qr": qr_data_uri(link),
                        "hours": conf.pairing_hours()})
    return ratings_render(request, "ratings/office/devices.html", context)


@require_POST
@official_area
def device_revoke(request, pk: int):
    device = _devices(request).filter(pk=pk).first()
    if device is None:
        raise Http404(pk)
    try:
        services.revoke_device(request.user, device)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("ratings:devices")
    messages.success(request, _("Đã thu hồi thiết bị %(name)s.") % {"name": device.name})
    return redirect("ratings:devices")
