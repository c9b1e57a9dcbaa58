"""How many due dates per second the working calendar computes.

Runs on a throw-away SQLite database (the calendar reads its version and overrides from
the database once, then works in memory). Usage: .venv/bin/python bench/due_dates.py [N]
"""

import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(tmp: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("MOTCUA_VAR_DIR", tmp)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def receptions(rng: random.Random, n: int, tz) -> list[dt.datetime]:
    start = dt.datetime(2025, 1, 1, tzinfo=tz)
    span = int((dt.datetime(2027, 1, 1, tzinfo=tz) - start).total_seconds())
    return [start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(n)]


def rate(label: str, fn, items) -> None:
    began = time.perf_counter()
    for item in items:
        fn(*item)
    elapsed = time.perf_counter() - began
    print(f"{label:<46} {len(items) / elapsed:>12,.0f} /s   ({len(items):,} in {elapsed:.2f} s)")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from motcua.worktime.calendar import WorkCalendar, get_calendar, local_zone

        tz = local_zone()
        rng = random.Random(2026)
        moments = receptions(rng, n, tz)
        limits = [Decimal(rng.choice([1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60])) for _ in range(n)]
        limits[::5] = [Decimal("0.5")] * len(limits[::5])
        calendar_days = [rng.choice([1, 7, 15, 30, 45, 60, 90]) for _ in range(n)]
        pauses = [(m, m + dt.timedelta(hours=rng.randrange(1, 24 * 30))) for m in receptions(rng, n, tz)]

        began = time.perf_counter()
        cold = WorkCalendar()
        cold.due_date(moments[0], 60)
        print(
            f"cold start (package load, first year tables)   {1000 * (time.perf_counter() - began):>9.1f} ms"
        )

        cal = get_calendar()
        print(f"calendar version {cal.version}; {n:,} operations each, receptions across 2025–2026")
        rate("working-day limits (0.5–60 days)", cal.due_date, list(zip(moments, limits, strict=True)))
        rate(
            "calendar-day limits (1–90 days)",
            cal.due_date_calendar_days,
            list(zip(moments, calendar_days, strict=True)),
        )
        rate("same-day (cut-off 15:00)", cal.same_day_due, [(m, dt.time(15)) for m in moments])
        dues = [cal.due_date(m, d) for m, d in zip(moments, limits, strict=True)]
        rate(
            "pause additions (1 h – 30 days)",
            cal.add_pause,
            [(d, a, b) for d, (a, b) in zip(dues, pauses, strict=True)],
        )
        sample = list(zip(moments[: n // 10], limits[: n // 10], strict=True))
        rate("get_calendar() + working-day limit", lambda m, d: get_calendar().due_date(m, d), sample)


if __name__ == "__main__":
    main()
