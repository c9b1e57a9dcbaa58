"""Ratings settings, read when used (tests and deployments change them after import)."""

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


def all_procedures() -> bool:
    """True: every procedure is rated, not only those in the pilot (Procedure.in_rating_pilot)."""
    return bool(get("RATINGS_ALL_PROCEDURES", False))


def prompt_minutes() -> int:
    """How long a kiosk keeps asking about a dossier: the citizen has left the counter after that."""
    return int(get("RATINGS_PROMPT_MINUTES", 5))


def qr_days() -> int:
    """How long the link on a receipt may be used to rate."""
    return int(get("RATINGS_QR_DAYS", 30))


def pairing_hours() -> int:
    return int(get("RATINGS_PAIRING_HOURS", 24))


def device_rate_per_minute() -> int:
    return int(get("RATINGS_DEVICE_RATE_PER_MINUTE", 6))


def device_poll_per_minute() -> int:
    # The kiosk polls every 2 s (30 a minute); leave room for reloads, stop a runaway loop.
    return int(get("RATINGS_DEVICE_POLL_PER_MINUTE", 90))


def ip_rate_per_minute() -> int:
    return int(get("RATINGS_IP_RATE_PER_MINUTE", 20))


def public_base_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")
