#!/usr/bin/env python
"""Delay from an official's action at the counter to the kiosk's poll returning the rating screen.

    .venv/bin/python bench/kiosk.py                                   # SQLite, /tmp/bench_kiosk.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_kiosk .venv/bin/python bench/kiosk.py

The database named by DATABASE_URL is dropped and re-created: the script refuses any name that does
not start with "bench". Each round receives a walk-in through the service (receive_walk_in, whose
transaction writes the prompt), then polls /kiosk/man-hinh/ with django.test.Client as the tablet
does until the rating screen for that dossier comes back, then rates it. Prints p50/p95 of: the action
itself, action → screen on the server, an idle poll, the rating POST, and the delay a citizen sees
with the kiosk's 2 s polling interval (modelled: the poll lands uniformly within the interval).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_kiosk.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

POLL_INTERVAL_MS = 2000
HTMX = {"HTTP_HX_REQUEST": "true"}
OWNER = {"name": "Nguyễn Văn An", "id_number": "060090001234", "phone": "0912345678"}


def fresh_database(url: str) -> str:
    import dj_database_url

    config = dj_database_url.parse(url)
    name = str(config["NAME"])
    if config["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return "SQLite"
    if not Path(name).name.startswith("bench"):
        sys.exit(f"Refusing to drop database {name!r}: its name must start with 'bench'.")
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname="postgres", user=config.get("USER") or None, password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None, port=config.get("PORT") or None, autocommit=True,
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = conn.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version}"


def setup_world():
    """A service centre's desk with two counters, a competent department, a procedure in the pilot."""
    from motcua.catalog.models import Procedure, Sector
    from motcua.directory.models import Agency, AgencyLevel, Counter, Desk, Role, RoleKind, User

    level = AgencyLevel.objects.create(code="tinh", name="Cấp tỉnh", rank=1)
    centre = Agency.objects.create(code="000.30.00.H56", name="Trung tâm Phục vụ hành chính công", level=level)
    department = Agency.objects.create(code="000.12.00.H56", name="Sở Xây dựng", level=level)
    desk = Desk.objects.create(agency=centre, name="Bộ phận một cửa tỉnh")
    desk.serves.set([department])
    counters = [Counter.objects.create(desk=desk, number=n) for n in (1, 2)]
    sector = Sector.objects.create(code="XD", name="Xây dựng")
    procedure = Procedure.objects.create(code="1.009994", name="Cấp giấy phép xây dựng nhà ở riêng lẻ", sector=sector,
                                         time_limit=Decimal("15"), in_rating_pilot=True)
    procedure.agencies.set([department])
    official = User.objects.create_user("motcua1", password="bench-only", full_name="Nguyễn Thị Bình")
    Role.objects.create(user=official, agency=centre, kind=RoleKind.DESK_OFFICER, desk=desk)
    admin = User.objects.create_superuser("root", password="bench-only")
    return official, admin, counters[0], procedure


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def report(label: str, samples: list[float]) -> None:
    p50, p95 = percentiles(samples)
    print(f"{label:<52} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    engine = fresh_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from motcua.dossiers.services import receive_walk_in
    from motcua.ratings import services

    call_command("migrate", verbosity=0)
    # The bench polls far faster than a tablet: lift the abuse limits for this process only.
    settings.RATINGS_DEVICE_POLL_PER_MINUTE = settings.RATINGS_DEVICE_RATE_PER_MINUTE = 10**9
    official, admin, counter, procedure = setup_world()
    services.start_session(official, counter)
    _device, raw = services.pair_device(admin, counter, "Máy quầy 1")
    kiosk = Client()
    assert kiosk.get(f"/kiosk/ghep/{raw}/").status_code == 302

    action, visible, idle, rating, polls = [], [], [], [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        idle_response = kiosk.get("/kiosk/man-hinh/", **HTMX)
        idle.append((time.perf_counter() - start) * 1000)
        assert idle_response.status_code == 204, idle_response.status_code

        start = time.perf_counter()
        dossier = receive_walk_in(official, procedure=procedure, owner=OWNER, counter=counter)
        acted = time.perf_counter()
        action.append((acted - start) * 1000)
        count = 0
        while True:
            count += 1
            response = kiosk.get("/kiosk/man-hinh/", **HTMX)
            if response.status_code == 200 and dossier.code in response.content.decode():
                break
        visible.append((time.perf_counter() - start) * 1000)
        polls.append(count)

        prompt_pk = services.newest_prompt(counter.pk).pk
        start = time.perf_counter()
        answer = kiosk.post(f"/kiosk/danh-gia/{prompt_pk}/", {"level": "very_satisfied", "reasons": ["thai-do"]},
                            **HTMX)
        rating.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.status_code

    rng = random.Random(2017)
    seen = [v + rng.uniform(0, POLL_INTERVAL_MS) for v in visible]
    print(f"{engine}; {args.rounds} rounds; one kiosk; the tablet polls every {POLL_INTERVAL_MS / 1000:.0f} s")
    report("receive_walk_in (action + prompt, one transaction)", action)
    report("action → poll returns the rating screen (server)", visible)
    report("idle poll (204, nothing to ask)", idle)
    report("rating POST (append-only row + reasons)", rating)
    report("action → screen on the tablet, with 2 s polling", seen)
    print(f"polls needed after the action: max {max(polls)} (1 means the first poll already had it)")


if __name__ == "__main__":
    main()
