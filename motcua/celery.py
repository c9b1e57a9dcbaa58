"""`celery -A motcua worker` finds the app here; it lives with the notifications it dispatches."""

from motcua.notifications.celery_app import app

__all__ = ["app"]
