"""The transactional outbox: messages written in the same transaction as the change they announce.

A dispatcher (the notifications app: Celery in production, an in-process loop in the embedded
default) claims pending rows with a conditional update and delivers them with the row's UUID as
a stable message id. Rolling back the business change rolls back its messages too.
"""

from django.db import transaction

from .models import OutboxMessage


def enqueue(topic: str, payload: dict, *, recipients: list[dict] | None = None) -> OutboxMessage:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue() must run inside the transaction of the change it announces")
    return OutboxMessage.objects.create(topic=topic, payload=payload, recipients=recipients or [])
