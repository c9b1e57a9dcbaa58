"""The public lookup page /tra-cuu (no sign-in)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.core.errors import DomainError
from motcua.core.net import client_ip

from . import lookup


@require_GET
def lookup_page(request):
    code = (request.GET.get("code") or "").strip()
    last4 = (request.GET.get("last4") or "").strip()
    context = {"code": code, "last4": last4}
    status = 200
    if code:
        try:
            lookup.check_rate(client_ip(request))
            dossier = lookup.find(code)
            context["card"] = lookup.status_card(dossier)
            if last4:
                lookup.verify_owner(dossier, last4)
                context["timeline"] = lookup.timeline(dossier)
        except DomainError as error:
            context["error"] = error.message
            status = error.status if error.status in (404, 429) else 200
    return render(request, "dossiers/lookup.html", context, status=status)
