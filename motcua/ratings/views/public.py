"""Rating without an account, from the QR code on the receipt or a link on the portal."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError

from .. import services
from ..models import Rating
from .common import client_allowed, rating_context, reasons_from, too_many

TEMPLATE = "ratings/public/rate.html"


def _refused(request, message: str, status: int):
    return render(request, TEMPLATE, {"message": message}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def public_rate(request, token: str):
    if not client_allowed(request):
        return _refused(request, too_many(), 429)
    try:
        link, dossier = services.open_link(token)
    except DomainError as error:
        return _refused(request, error.message, error.status)
    if Rating.objects.filter(dossier=dossier, stage=link.stage).exists():
        status = 409 if request.method == "POST" else 200
        return render(request, TEMPLATE, {"dossier": dossier, "done": True,
                                          "message": services.already_rated().message}, status=status)
    try:
        official = services.official_for_stage(dossier, link.stage)
    except DomainError as error:
        return _refused(request, error.message, error.status)
    context = {"dossier": dossier, "official": official, "token": token, **rating_context(link.stage)}
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    try:
        services.rate(dossier, link.stage, request.POST.get("level", ""), channel=link.channel,
                      reasons=reasons_from(request.POST), comment=request.POST.get("comment", ""), official=official)
    except DomainError as error:
        if error.code in ("invalid_level", "unknown_reason", "comment_too_long"):
            return render(request, TEMPLATE, {**context, "error": error.message}, status=error.status)
        return render(request, TEMPLATE, {"dossier": dossier, "done": True, "message": error.message},
                      status=error.status)
    return render(request, TEMPLATE, {"dossier": dossier, "done": True, "thanks": True})
