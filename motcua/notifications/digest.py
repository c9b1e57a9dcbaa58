"""The daily digest: each official gets one email listing their overdue and nearly due dossiers."""

from collections import defaultdict

from django.core.mail import get_connection
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import due_within_q, overdue_q

from . import channels
from .dispatch import render
from .models import Channel, NotificationTemplate

TOPIC = "digest.official"


def send_digest(now=None) -> int:
    now = now or timezone.now()
    template = NotificationTemplate.current(TOPIC, Channel.EMAIL, timezone.localdate(now))
    if template is None:
        return 0
    overdue_ids = set(Dossier.objects.filter(overdue_q(now), assignee__isnull=False).values_list("pk", flat=True))
    rows = (
        Dossier.objects.filter(overdue_q(now) | due_within_q(1, now), assignee__isnull=False)
        .select_related("assignee", "procedure")
        .order_by("due_at", "code")
    )
    per_official = defaultdict(lambda: {"overdue": [], "due_soon": []})
    for dossier in rows:
        per_official[dossier.assignee]["overdue" if dossier.pk in overdue_ids else "due_soon"].append(dossier)
    sent = 0
    connection = get_connection(fail_silently=False)
    day = timezone.localdate(now)
    for official, lists in per_official.items():
        if not official.email:
            continue
        ctx = {"official": official, "name": str(official), "day": day, **lists,
               "public_base_url": channels.setting("PUBLIC_BASE_URL", "")}
        channels.send_email(
            to=official.email, subject=" ".join(render(template.subject, ctx).split()),
            body=render(template.body, ctx), message_id=f"digest-{day:%Y%m%d}-{official.pk}", connection=connection,
        )
        sent += 1
    connection.close()
    return sent
