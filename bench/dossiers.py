"""Dossiers at scale: load N through the generator, then time lookups, lists and receptions.

Runs against its own PostgreSQL database (default motcua_bench, created if missing; never
`test` or `motcua_ci`), migrated and seeded with the demo province first. Prints:

- the load: dossiers/s of the generator (`generate_dossiers`);
- lookup by code, p50/p95: `GET /api/v1/dossiers/{code}` (province admin, department official)
  and the ORM;
- the list, p50/p95: `GET /api/v1/dossiers?…` for a department specialist, a desk officer and the
  province admin, plain and with overdue=true / due_within=3 / status=4;
- walk-in receptions/s through `services.receive_walk_in`, in one process and in four (at one
  desk, where they queue on the day's counter row, and at four desks);
- EXPLAIN (ANALYZE, BUFFERS) of every query those requests run on dossiers_dossier, flagging a
  Seq Scan on it.

Usage: .venv/bin/python bench/dossiers.py [--count N] [--url URL] [--fresh] [--workers W]
A million dossiers takes a while: run it with nohup, logging to a file, and read the log.
"""

import argparse
import multiprocessing
import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"
FORBIDDEN = {"test", "motcua_ci", "postgres", "template0", "template1"}
GB_PER_MILLION = 9  # a million dossiers with their events and indexes, with room to spare
PASSWORD = "bench-password"
LOOKUPS, LISTS = 200, 30


# --- set-up ----------------------------------------------------------------------------------


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    if name in FORBIDDEN:
        sys.exit(f"refusing to use database {name!r}: the bench needs a database of its own")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets django.test.Client talk to the app (ALLOWED_HOSTS, no e-mail)


def load(count: int, years: int, workers: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm

    from motcua.dossiers.generator.run import Generator
    from motcua.dossiers.models import Dossier

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", password=PASSWORD, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"migrate + seed_demo: {time.monotonic() - started:.1f} s")
    have = Dossier.objects.count()
    missing = count - have
    if missing <= 0:
        print(f"the database already holds {have:,} dossiers: no load")
        return
    generator = Generator(seed=have + 1, years=years)
    started = time.monotonic()
    with tqdm(total=missing, unit=" dossiers", mininterval=10, file=sys.stderr) as bar:
        tally = generator.run(missing, batch=5000, progress=bar, workers=workers or os.cpu_count() or 1)
    seconds = time.monotonic() - started
    print(f"LOAD: {tally.n:,} dossiers in {seconds:,.1f} s = {tally.n / seconds:,.0f} dossiers/s "
          f"(workers={workers or os.cpu_count()}), {have + tally.n:,} in the database")
    for line in tally.lines():
        print("  " + line)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- who asks --------------------------------------------------------------------------------


def officials():
    """The province admin, the specialist and the desk officer of the busiest agencies."""
    from django.db.models import Count

    from motcua.directory.models import Agency, Role, RoleKind, User
    from motcua.dossiers.models import Dossier

    def busiest(field, level):
        row = (Dossier.objects.filter(**{f"{field}__level__code": level}).values(field)
               .annotate(n=Count("pk")).order_by("-n").first())
        return Agency.objects.get(pk=row[field]).current_successor()

    def holder(agency, kind):
        role = Role.objects.active_on().filter(agency=agency, kind=kind).order_by("user__username").first()
        return role.user

    department = busiest("competent_agency", "department")
    receiving = busiest("receiving_agency", "service_centre")
    return {
        "province admin": User.objects.get(username="tinh.quantri"),
        "department specialist": holder(department, RoleKind.SPECIALIST),
        "desk officer": holder(receiving, RoleKind.DESK_OFFICER),
    }


def token_client(user):
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    body = {"username": user.username, "password": PASSWORD}
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:  # leaders and administrators sign in with a second factor
        body["otp"] = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client = Client()
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return Client(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")


def sample_codes(queryset, n: int) -> list[str]:
    """Codes spread over the whole table, by random key ranges (ORDER BY random() would scan it)."""
    from django.db.models import Max, Min

    bounds = queryset.aggregate(lo=Min("pk"), hi=Max("pk"))
    rng = random.Random(7)
    codes = []
    for _ in range(n):
        start = rng.randint(bounds["lo"], bounds["hi"])
        code = queryset.filter(pk__gte=start).order_by("pk").values_list("code", flat=True).first()
        codes.append(code or queryset.order_by("pk").values_list("code", flat=True).first())
    return codes


def timed(call, items) -> list[float]:
    samples = []
    for item in items:
        began = time.perf_counter()
        call(item)
        samples.append(time.perf_counter() - began)
    return samples


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"p50 {at(0.5):8.1f} ms   p95 {at(0.95):8.1f} ms   (n={len(ordered)})"


# --- probes ----------------------------------------------------------------------------------


def lookups(users, clients) -> None:
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.queries import visible_dossiers

    print("\nLOOKUP BY CODE")
    for label in ("province admin", "department specialist"):
        codes = sample_codes(visible_dossiers(users[label]), LOOKUPS)
        client = clients[label]

        def get(code, client=client):
            response = client.get(f"/api/v1/dossiers/{code}")
            assert response.status_code == 200, (code, response.status_code)

        timed(get, codes[:5])
        print(f"  API {label:<24} {percentiles(timed(get, codes))}")
    codes = sample_codes(Dossier.objects.all(), LOOKUPS)
    related = ("procedure", "receiving_agency", "competent_agency", "owner", "current_step", "assignee")
    print(f"  ORM {'Dossier.objects.get(code)':<24} "
          f"{percentiles(timed(lambda c: Dossier.objects.select_related(*related).get(code=c), codes))}")


LIST_FILTERS = ["", "overdue=true", "due_within=3", "status=4"]


def lists(clients) -> None:
    print("\nLIST (GET /api/v1/dossiers, limit 50, with its count)")
    for label in ("department specialist", "desk officer", "province admin"):
        client = clients[label]
        for query in LIST_FILTERS:
            url = "/api/v1/dossiers" + (f"?{query}" if query else "")

            def get(_, client=client, url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            warm = max(timed(get, range(3)))
            total = get(None).json()["count"]
            # A list that takes seconds is measured fewer times; its figure is what matters.
            n = LISTS if warm < 1 else max(5, int(20 / warm))
            print(f"  {label:<22} {query or '(no filter)':<14} {percentiles(timed(get, range(n)))}  "
                  f"count={total:,}")


def explains(clients) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.dossiers.models import Dossier

    print("\nEXPLAIN (ANALYZE, BUFFERS) of the queries on dossiers_dossier")
    requests = [("province admin", f"/api/v1/dossiers/{Dossier.objects.order_by('-pk').first().code}")]
    requests += [(label, "/api/v1/dossiers" + (f"?{q}" if q else ""))
                 for label in ("department specialist", "desk officer", "province admin") for q in LIST_FILTERS]
    flagged, seen = [], set()
    for label, url in requests:
        with CaptureQueriesContext(connection) as captured:
            clients[label].get(url)
        for query in captured.captured_queries:
            sql = query["sql"]
            if '"dossiers_dossier"' not in sql or not sql.lstrip().upper().startswith("SELECT") or sql in seen:
                continue
            seen.add(sql)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            scans = [line for line in plan if "Seq Scan on dossiers_dossier" in line]
            if scans:
                flagged.append(f"{label} {url}: {sql[:160]}…")
            print(f"\n-- {label}  GET {url}{'   <-- SEQ SCAN ON dossiers_dossier' if scans else ''}")
            print(f"   {sql[:300]}{'…' if len(sql) > 300 else ''}")
            for line in plan:
                print("   " + line)
    return flagged


def _receive(officer_pk: int, desk_pk: int, procedure_pk: int, agency_pk: int, n: int, out) -> None:
    from django.db import connections

    from motcua.catalog.models import Procedure
    from motcua.directory.models import Agency, Desk, User
    from motcua.dossiers import services

    officer, desk = User.objects.get(pk=officer_pk), Desk.objects.get(pk=desk_pk)
    procedure, agency = Procedure.objects.get(pk=procedure_pk), Agency.objects.get(pk=agency_pk)
    rng = random.Random(officer_pk * 7919 + desk_pk)
    for i in range(n):
        services.receive_walk_in(
            officer, procedure=procedure, desk=desk, competent_agency=agency, summary="Bench",
            owner={"name": f"Người nộp thử {i}", "id_number": f"{rng.randrange(10**12):012d}", "phone": "0190000000"},
        )
    connections.close_all()
    if out is not None:
        out.put(n)


def receptions() -> None:
    from django.db import connections
    from django.utils import timezone

    from motcua.dossiers.generator.offer import Offer
    from motcua.dossiers.generator.world import World

    world = World.load()
    today = timezone.localdate()
    rows, _ = Offer(world, 1).options(today, online=False)
    # Desks open today, each with an officer and a procedure it receives.
    choices = {}
    for proc, agencies in rows:
        for agency in agencies:
            for desk in world.walk_in_desks(agency, today):
                choices.setdefault(desk, (world.desk_officers(desk, today)[0], desk, proc.pk, agency))
    picks = list(choices.values())
    print("\nWALK-IN RECEPTION (services.receive_walk_in)")
    n = 300
    began = time.perf_counter()
    _receive(*picks[0], n, None)
    print(f"  1 process, 1 desk:   {n / (time.perf_counter() - began):8.1f} receptions/s")
    for label, chosen in (("4 processes, 1 desk: ", [picks[0]] * 4), ("4 processes, 4 desks:", picks[:4])):
        connections.close_all()
        context = multiprocessing.get_context("fork")
        out = context.Queue()
        per = n // 4
        processes = [context.Process(target=_receive, args=(*pick, per, out)) for pick in chosen]
        began = time.perf_counter()
        for p in processes:
            p.start()
        done = sum(out.get() for _ in processes)
        for p in processes:
            p.join()
        print(f"  {label} {done / (time.perf_counter() - began):8.1f} receptions/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the bench database first")
    parser.add_argument("--workers", type=int, default=0, help="generator processes (default: CPU count)")
    parser.add_argument("--years", type=int, default=3, help="years of history (default 3)")
    args = parser.parse_args()

    free = shutil.disk_usage("/work").free / 2**30
    need = GB_PER_MILLION * args.count / 1_000_000 + 2
    print(f"free disk on /work: {free:.1f} GiB; this run needs about {need:.1f} GiB")
    if free < need:
        sys.exit("not enough free disk")
    prepare_database(args.url, args.fresh)
    setup_django(args.url)
    load(args.count, args.years, args.workers)

    from motcua.dossiers.models import Dossier

    print(f"\n{Dossier.objects.count():,} dossiers in {args.url.rsplit('/', 1)[1]}")
    users = officials()
    for label, user in users.items():
        print(f"  {label}: {user.username}")
    clients = {label: token_client(user) for label, user in users.items()}
    lookups(users, clients)
    lists(clients)
    flagged = explains(clients)
    receptions()
    print("\nSEQ SCANS ON dossiers_dossier: " + ("none" if not flagged else ""))
    for line in flagged:
        print("  " + line)


if __name__ == "__main__":
    main()
