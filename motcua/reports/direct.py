"""Form 06 counted straight from dossiers and their events: the reference the aggregates must equal.

It reads every dossier accepted by T2, so it is for tests, the bench and audits, not for pages. It
shares no code with the aggregates, only the definitions in one-stop.md: "by T2" is before the
local midnight that ends T2, and `due_at` "as it stood at T2" is the one carried by the dossier's
last event before then.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from motcua.dossiers.models import Channel, Dossier, DossierEvent
from motcua.dossiers.workflow import Status

FINISHED = [Status.WITHDRAWN, Status.STOPPED, Status.RESULT_READY, Status.RETURNED]
RESULT = [Status.RESULT_READY, Status.RETURNED]


def midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def counts(t1: datetime.date, t2: datetime.date, agencies=None) -> dict[tuple[int, int], Counter]:
    """{(competent agency id, procedure id): Form 06 columns} for [t1, t2], counted dossier by dossier."""
    start, end = midnight(t1), midnight(t2 + datetime.timedelta(days=1))
    last = DossierEvent.objects.filter(dossier=OuterRef("pk"), at__lt=end).order_by("-at", "-pk")
    qs = Dossier.objects.filter(accepted_at__lt=end)
    if agencies is not None:
        qs = qs.filter(competent_agency_id__in=agencies)
    qs = qs.annotate(
        due_then=Subquery(last.values("due_at")[:1]), status_then=Subquery(last.values("to_status")[:1]),
        finished_day=TruncDate("finished_at"), due_day=TruncDate("due_at"),
    )
    done = Q(status__in=FINISHED, finished_at__isnull=False)
    done_before = done & Q(finished_at__lt=start)
    done_by_end = done & Q(finished_at__lt=end)
    during = done & Q(finished_at__gte=start, finished_at__lt=end)
    result = during & Q(status__in=RESULT)
    received = Q(accepted_at__gte=start)
    running = Q(status_then__in=[Status.ACCEPTED, Status.PROCESSING]) | Q(
        status_then=Status.OBLIGATION, obligation_wait_counts=True)
    pending = ~done_by_end
    columns = {
        "carried": Q(accepted_at__lt=start) & ~done_before,
        "received_online": received & Q(channel=Channel.ONLINE),
        "received_walk_in": received & ~Q(channel__in=[Channel.ONLINE, Channel.POST]),
        "received_post": received & Q(channel=Channel.POST),
        "late": result & Q(finished_at__gt=F("due_at")),
        "early": result & Q(finished_at__lte=F("due_at"), finished_day__lt=F("due_day")),
        "on_time": result & Q(finished_at__lte=F("due_at"), finished_day__gte=F("due_day")),
        "withdrawn": during & Q(status=Status.WITHDRAWN),
        "stopped": during & Q(status=Status.STOPPED),
        "pending": pending,
        "overdue": pending & running & Q(due_then__lt=end),
    }
    rows = qs.values("competent_agency_id", "procedure_id").annotate(
        **{name: Count("pk", filter=condition) for name, condition in columns.items()}).order_by()
    out: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for row in rows:
        key = (row.pop("competent_agency_id"), row.pop("procedure_id"))
        out[key].update({k: v for k, v in row.items() if v})
    return dict(out)
