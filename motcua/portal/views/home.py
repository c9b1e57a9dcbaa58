"""The portal's home: search, browse by sector and agency, the most used procedures, lookup by code."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.catalog.forms import SearchForm
from motcua.catalog.models import Procedure, Sector
from motcua.catalog.queries import with_levels
from motcua.directory.models import Agency
from motcua.dossiers.models import Dossier

MOST_USED_SECONDS = 3600


def most_used(limit: int = 8) -> list[Procedure]:
    """The procedures with most dossiers over the last year; counted once an hour, not per visit."""
    ids = cache.get("portal:most_used")
    if ids is None:
        since = timezone.now() - datetime.timedelta(days=365)
        ids = list(
            Dossier.objects.filter(submitted_at__gte=since).values("procedure_id")
            .annotate(n=Count("pk")).order_by("-n").values_list("procedure_id", flat=True)[:limit]
        )
        cache.set("portal:most_used", ids, MOST_USED_SECONDS)
    by_id = {p.pk: p for p in Procedure.objects.active().filter(pk__in=ids).select_related("sector")}
    return with_levels([by_id[i] for i in ids if i in by_id])


def sectors():
    active = Procedure.objects.active()
    return (Sector.objects.annotate(n=Count("procedures", filter=Q(procedures__in=active), distinct=True))
            .filter(n__gt=0).order_by("name"))


def agencies_by_level():
    today = timezone.localdate()
    active = Procedure.objects.active()
    rows = (Agency.objects.active_on(today).filter(procedures__in=active).distinct()
            .select_related("level").order_by("level__rank", "name"))
    groups: dict = {}
    for agency in rows:
        groups.setdefault(agency.level, []).append(agency)
    return list(groups.items())


@require_GET
def home(request):
    online = (Procedure.objects.active().filter(online_levels__level__gte=3).distinct().count())
    return render(request, "portal/home.html", {
        "form": SearchForm(), "most_used": most_used(), "sectors": sectors(),
        "agency_groups": agencies_by_level(), "online_count": online,
    })
