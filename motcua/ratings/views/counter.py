"""The desk officer's counter: sit at one (the kiosk there then names them), or leave it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError
from motcua.dossiers.views.common import desk_required

from .. import services
from ..models import CounterSession
from .common import ratings_render


@require_http_methods(["GET", "POST"])
@desk_required
def counter_page(request):
    counters = list(services.my_counters(request.user).select_related("desk").order_by("desk__name", "number"))
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            services.end_session(request.user)
            messages.success(request, _("Bạn đã rời quầy. Máy đánh giá tại quầy sẽ không còn hỏi về bạn."))
            return redirect("ratings:counter")
        chosen = next((c for c in counters if str(c.pk) == request.POST.get("counter")), None)
        if chosen is None:
            messages.error(request, _("Hãy chọn một quầy của bộ phận bạn làm việc."))
            return redirect("ratings:counter")
        try:
            services.start_session(request.user, chosen)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("ratings:counter")
        messages.success(request, _("Bạn đang làm việc tại %(counter)s.") % {"counter": chosen})
        return redirect("ratings:counter")
    mine = services.open_session(request.user)
    taken = {s.counter_id: s.official for s in CounterSession.objects.select_related("official").filter(
        counter__in=counters, ended_at__isnull=True, started_at__gte=services.start_of_today())}
    rows = [{"counter": c, "official": taken.get(c.pk), "mine": mine is not None and mine.counter_id == c.pk}
            for c in counters]
    return ratings_render(request, "ratings/office/counter.html", {"rows": rows, "mine": mine})
