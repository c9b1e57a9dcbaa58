"""Optionally wake a Celery worker when a message is queued, so it goes out within seconds.

Only a hint: the periodic dispatch sends the row anyway, so a broker outage must never fail the
business action that queued it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.core.models import OutboxMessage


@receiver(post_save, sender=OutboxMessage, dispatch_uid="notifications.kick")
def kick_on_commit(sender, instance, created, **kwargs):
    if created and getattr(settings, "NOTIFICATIONS_CELERY_KICK", False):
        from .celery_app import kick

        transaction.on_commit(kick)
