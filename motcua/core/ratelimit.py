"""A fixed-window counter in the shared cache (Redis in production), for abuse limits.

Approximate by design: a limit of 30 a minute may let a few more through at a window's edge.
Limits that must be exact (wrong guesses on one dossier) live in the database instead.
"""

import time

from django.core.cache import cache


def hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False when the caller is over the limit for this window."""
    bucket = f"rl:{key}:{int(time.time() // window_seconds)}"
    if cache.add(bucket, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:
        cache.set(bucket, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
