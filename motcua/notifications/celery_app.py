"""Celery on Redis for production: periodic dispatch and sweep, plus an optional kick on enqueue.

The lead wires this as the project's Celery app; settings come from Django's `CELERY_*` names.
"""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

log = logging.getLogger(__name__)

app = Celery("motcua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "notifications-dispatch": {"task": "notifications.dispatch_pending", "schedule": 15.0},
    "notifications-sweep": {"task": "notifications.sweep", "schedule": 60.0},
}
# A lost task is harmless (the next periodic run picks the rows up), so no result backend is needed.
app.conf.task_ignore_result = True


@app.task(name="notifications.dispatch_pending")
def dispatch_pending():
    from .dispatch import dispatch_once

    total = {"sent": 0, "retry": 0, "failed": 0}
    while True:
        stats = dispatch_once()
        if not sum(stats.values()):
            return total
        for key, value in stats.items():
            total[key] += value


@app.task(name="notifications.sweep")
def sweep():
    from .dispatch import sweep as sweep_rows

    return sweep_rows()


def kick() -> bool:
    """Ask a worker to dispatch now. Never raises: with Redis down the row waits for the periodic run."""
    try:
        with app.connection_for_write() as connection:
            dispatch_pending.apply_async(connection=connection, retry=False)
        return True
    except Exception as exc:  # noqa: BLE001 - any broker failure is survivable by design
        log.warning("could not kick the notification worker: %s", exc)
        return False
