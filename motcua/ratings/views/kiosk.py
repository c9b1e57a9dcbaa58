"""The tablet at the counter: idle, then the rating screen when the official there acts, then thanks.

No one signs in on the tablet: it carries the signed cookie set when it opened its pairing link.
htmx polls `screen` every 2 s: 204 while there is nothing to ask (no swap), the rating screen when
a prompt for this counter is waiting.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import DomainError
from motcua.core.net import client_ip
from motcua.core.ratelimit import hit

from .. import conf, services, tokens
from ..models import Rating, RatingChannel, RatingPrompt
from .common import rating_context, reasons_from, too_many


def _device(request):
    found = tokens.read_kiosk_cookie(request)
    return services.device_for(*found) if found else None


def _screen(request, template: str, context: dict | None = None, status: int = 200):
    """A fragment for htmx; the whole kiosk page around it when the tablet loads a URL itself."""
    context = {"screen": template, **(context or {})}
    page = template if request.htmx else "ratings/kiosk/page.html"
    return render(request, page, context, status=status)


def _rating_screen(request, device, prompt: RatingPrompt):
    return _screen(request, "ratings/kiosk/_rate.html", {
        "device": device, "prompt": prompt, "official": prompt.official, **rating_context(prompt.stage)})


@never_cache
@require_GET
def kiosk_pair(request, token: str):
    if not hit(f"ratings:pair:{client_ip(request)}", conf.ip_rate_per_minute(), 60):
        return render(request, "ratings/kiosk/page.html", {"screen": "ratings/kiosk/_message.html",
                                                           "message": too_many()}, status=429)
    try:
        device, secret = services.open_pairing(token)
    except DomainError as error:
        return render(request, "ratings/kiosk/page.html", {"screen": "ratings/kiosk/_unpaired.html",
                                                           "message": error.message}, status=error.status)
    response = redirect("ratings:kiosk")
    tokens.set_kiosk_cookie(response, device.pk, secret, secure=request.is_secure())
    return response


@never_cache
@require_GET
def kiosk_home(request):
    device = _device(request)
    if device is None:
        return _screen(request, "ratings/kiosk/_unpaired.html", status=403)
    services.seen(device)
    prompt = services.newest_prompt(device.counter_id)
    if prompt is not None:
        return _rating_screen(request, device, prompt)
    return _screen(request, "ratings/kiosk/_idle.html", {"device": device})


@never_cache
@require_GET
def kiosk_screen(request):
    """The poll: the rating screen if a prompt waits, else 204 (htmx keeps the idle screen and polls on)."""
    device = _device(request)
    if device is None:
        return _screen(request, "ratings/kiosk/_unpaired.html")  # 200 so that htmx swaps it in and stops
    if not hit(f"ratings:poll:{device.pk}", conf.device_poll_per_minute(), 60):
        return HttpResponse(status=429)
    services.seen(device)
    prompt = services.newest_prompt(device.counter_id)
    if prompt is None:
        return HttpResponse(status=204)
    return _rating_screen(request, device, prompt)


@never_cache
@require_GET
def kiosk_idle(request):
    device = _device(request)
    if device is None:
        return _screen(request, "ratings/kiosk/_unpaired.html")
    return _screen(request, "ratings/kiosk/_idle.html", {"device": device})


@require_POST
def kiosk_rate(request, pk: int):
    device = _device(request)
    if device is None:
        return _screen(request, "ratings/kiosk/_unpaired.html", status=403)
    if not hit(f"ratings:device:{device.pk}", conf.device_rate_per_minute(), 60):
        return _screen(request, "ratings/kiosk/_message.html", {"message": too_many()}, status=429)
    prompt = services.newest_prompt(device.counter_id)
    if prompt is None or prompt.pk != pk:
        # Answered, expired, or replaced by the next citizen's: never rate a dossier the screen did not show.
        shown = RatingPrompt.objects.filter(pk=pk, counter_id=device.counter_id).first()
        if shown is not None and Rating.objects.filter(dossier_id=shown.dossier_id, stage=shown.stage).exists():
            error = services.already_rated()
            return _screen(request, "ratings/kiosk/_message.html", {"message": error.message}, status=error.status)
        message = _("Lượt đánh giá này đã hết hạn. Xin cảm ơn Ông/Bà.")
        return _screen(request, "ratings/kiosk/_message.html", {"message": message}, status=410)
    try:
        services.rate(prompt.dossier, prompt.stage, request.POST.get("level", ""), channel=RatingChannel.KIOSK,
                      reasons=reasons_from(request.POST), comment=request.POST.get("comment", ""),
                      official=prompt.official, counter=device.counter)
    except DomainError as error:
        if error.code == "invalid_level":
            context = {"error": error.message}
            return _screen(request, "ratings/kiosk/_rate.html", {
                **context, "device": device, "prompt": prompt, "official": prompt.official,
                **rating_context(prompt.stage)}, status=422)
        return _screen(request, "ratings/kiosk/_message.html", {"message": error.message}, status=error.status)
    return _screen(request, "ratings/kiosk/_thanks.html", {"device": device})
