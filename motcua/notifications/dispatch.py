"""At-least-once delivery of the outbox (see DESIGN.md, "Notifications are at-least-once").

claim → render → send with the row's UUID as message id → mark sent. Only the process whose
conditional update wins a row sends it; a crash after the provider accepted but before the mark
is the only way to send twice, and the sweeper returns abandoned rows so nothing is lost.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F
from django.template import Context, Engine
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.core.models import OutboxMessage, OutboxState

from . import channels
from .models import Channel, NotificationTemplate

log = logging.getLogger(__name__)

# Plain text goes to mail clients and phones: HTML escaping would show "&amp;" to citizens.
_engine = Engine(autoescape=False)


def _setting(name, default):
    return getattr(settings, name, default)


def claim(batch: int | None = None, now=None) -> list[OutboxMessage]:
    """Rows this process won; a row another process claimed first is simply skipped."""
    now = now or timezone.now()
    batch = batch or _setting("NOTIFICATIONS_BATCH", 50)
    candidates = list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:batch]
    )
    won = []
    for pk in candidates:
        updated = OutboxMessage.objects.filter(pk=pk, state=OutboxState.PENDING, next_attempt_at__lte=now).update(
            state=OutboxState.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        if updated:
            won.append(pk)
    return list(OutboxMessage.objects.filter(pk__in=won).order_by("created_at"))


def context_for(message: OutboxMessage, recipient: dict) -> dict:
    ctx = dict(message.payload)
    for key in ("due_at", "promised_at"):
        value = ctx.get(key)
        # Templates format dates with `|date:"d/m/Y"`, which wants a datetime, not ISO text.
        ctx[key] = parse_datetime(value) if isinstance(value, str) else value
    ctx["recipient"] = recipient
    ctx["name"] = recipient.get("name", "")
    ctx["public_base_url"] = _setting("PUBLIC_BASE_URL", "")
    ctx["message_id"] = str(message.pk)
    return ctx


def render(text: str, ctx: dict) -> str:
    return _engine.from_string(text).render(Context(ctx, autoescape=False)).strip()


DONE_KEY = "_delivered"


def deliver(message: OutboxMessage, email_connection=None, done: list | None = None) -> int:
    """Send every (recipient, channel) of one row not yet in `done`; raise on the first failure.

    `done` collects the deliveries that went out, so that a retry after a partial failure (email
    accepted, SMS gateway down) does not send the email again. Returns the count sent now.
    """
    done = done if done is not None else []
    on = timezone.localdate(message.created_at)
    email_tpl = NotificationTemplate.current(message.topic, Channel.EMAIL, on)
    sms_tpl = NotificationTemplate.current(message.topic, Channel.SMS, on)
    sent = 0
    for index, recipient in enumerate(message.recipients):
        ctx = context_for(message, recipient)
        if email_tpl and recipient.get("email") and f"email:{index}" not in done:
            channels.send_email(
                to=recipient["email"], subject=" ".join(render(email_tpl.subject, ctx).split()),
                body=render(email_tpl.body, ctx), message_id=str(message.pk), part=index,
                connection=email_connection,
            )
            done.append(f"email:{index}")
            sent += 1
        if sms_tpl and recipient.get("phone") and f"sms:{index}" not in done:
            # One id per recipient: a gateway deduplicating on the key must not drop a co-owner's SMS.
            sms_id = str(message.pk) if index == 0 else f"{message.pk}.{index}"
            channels.send_sms(to=recipient["phone"], text=render(sms_tpl.body, ctx), message_id=sms_id)
            done.append(f"sms:{index}")
            sent += 1
    return sent


def backoff(attempts: int) -> datetime.timedelta:
    base = _setting("NOTIFICATIONS_BACKOFF_SECONDS", 60)
    cap = _setting("NOTIFICATIONS_BACKOFF_CAP_SECONDS", 3600)
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def _finish(message: OutboxMessage, **fields) -> bool:
    # Guarded by our claim: if the sweeper handed the row to someone else meanwhile, theirs wins.
    return bool(
        OutboxMessage.objects.filter(pk=message.pk, state=OutboxState.SENDING, claimed_at=message.claimed_at)
        .update(**fields)
    )


def dispatch_once(batch: int | None = None) -> dict:
    """One round: claim a batch, deliver each, mark it. Safe to run in many processes at once."""
    stats = {"sent": 0, "retry": 0, "failed": 0}
    messages = claim(batch)
    if not messages:
        return stats
    connection = get_connection(fail_silently=False)
    try:
        for message in messages:
            done = list(message.payload.get(DONE_KEY, []))
            try:
                deliver(message, email_connection=connection, done=done)
            except Exception as exc:  # any provider error: the row retries, the loop goes on
                now = timezone.now()
                give_up = message.attempts >= _setting("NOTIFICATIONS_MAX_ATTEMPTS", 8)
                log.warning("outbox %s attempt %s failed: %s", message.pk, message.attempts, exc)
                _finish(
                    message,
                    state=OutboxState.FAILED if give_up else OutboxState.PENDING,
                    next_attempt_at=now + backoff(message.attempts),
                    last_error=f"{type(exc).__name__}: {exc}"[:2000],
                    payload={**message.payload, DONE_KEY: done},
                )
                stats["failed" if give_up else "retry"] += 1
                # A dead SMTP connection stays dead: open a fresh one for the next row.
                connection = get_connection(fail_silently=False)
            else:
                _finish(message, state=OutboxState.SENT, sent_at=timezone.now(), last_error="")
                stats["sent"] += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection must not hide the round's result
            pass
    return stats


def sweep(now=None) -> int:
    """Return rows stuck in `sending` (a worker died mid-send) to the queue."""
    now = now or timezone.now()
    timeout = datetime.timedelta(seconds=_setting("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", 600))
    return OutboxMessage.objects.filter(state=OutboxState.SENDING, claimed_at__lt=now - timeout).update(
        state=OutboxState.PENDING, next_attempt_at=now
    )


def run_forever(interval: float = 5.0, stop=None) -> None:
    """The embedded dispatcher: sweep and dispatch until `stop` (a threading.Event) is set."""
    import time

    while stop is None or not stop.is_set():
        try:
            sweep()
            while sum(dispatch_once().values()):
                pass
        except Exception:  # the loop must survive a database hiccup
            log.exception("notification dispatcher round failed")
        if stop is not None:
            stop.wait(interval)
        else:
            time.sleep(interval)
