"""Statistics at scale: rebuild the report aggregates, then time Form 06 and the dashboard.

Runs against an existing PostgreSQL database that already holds generated dossiers (default
motcua_bench; nothing is generated, dropped or migrated here except this app's own tables).
Prints:

- the dossier count, and the time `rebuild_report_aggregates` takes (with --rebuild, or when the
  aggregates are empty) and the rows it wrote;
- Form 06 for an official year and the whole province, p50/p95: the report built from the
  aggregates (form06.build), the printable page, the Excel download;
- the dashboard page, p50/p95: the province administrator for the year, and a department leader
  for the current official month;
- the same year counted straight from dossiers and events (direct.py), its time, and whether every
  (agency, procedure) figure equals the aggregates';
- the facts the signal receiver would compute (Python) against those the rebuild wrote (SQL), on a
  sample of dossiers.

Usage: .venv/bin/python bench/reports.py [--url URL] [--rebuild] [--samples N] [--year Y]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-password")
COLUMNS = ["carried", "received_online", "received_walk_in", "received_post", "early", "on_time", "late",
           "withdrawn", "stopped", "pending", "overdue"]


def setup_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets django.test.Client talk to the app (ALLOWED_HOSTS, no e-mail)


def timed(call, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return samples


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"p50 {at(0.5):8.1f} ms   p95 {at(0.95):8.1f} ms   (n={len(ordered)})"


def rebuild_if_needed(force: bool) -> None:
    from django.core.management import call_command

    from motcua.reports.aggregates import rebuild
    from motcua.reports.models import DossierFact

    call_command("migrate", "reports", verbosity=0)
    if not force and DossierFact.objects.exists():
        print("aggregates present (use --rebuild to time a rebuild)")
        return
    began = time.monotonic()
    counts = rebuild()
    print(f"REBUILD: {time.monotonic() - began:,.1f} s — {counts['facts']:,} facts, {counts['spans']:,} overdue "
          f"spans, {counts['days']:,} day rows, {counts['months']:,} month rows, {counts['years']:,} year rows")


def signed_in(username: str):
    from django.test import Client

    from motcua.directory.tests.signin import sign_in

    for attempt in range(2):
        client = Client()
        try:
            sign_in(client, username, PASSWORD)
            return client
        except AssertionError:
            if attempt:
                raise
            time.sleep(31)  # a TOTP code is accepted once: a run just before used this one


def busiest_leader():
    from django.db.models import Count

    from motcua.directory.models import Agency, Role, RoleKind
    from motcua.dossiers.models import Dossier

    row = (Dossier.objects.filter(competent_agency__level__code="department").values("competent_agency")
           .annotate(n=Count("pk")).order_by("-n").first())
    agency = Agency.objects.get(pk=row["competent_agency"]).current_successor()
    return Role.objects.active_on().filter(agency=agency, kind=RoleKind.AGENCY_LEADER).first().user


def form06_probes(period, samples: int) -> None:
    from motcua.reports import form06
    from motcua.reports.scope import AS_IT_WAS, ROLLED_UP, Tree

    print(f"\nFORM 06, whole province, {period.label} ({period.start} – {period.end})")
    for mode in (AS_IT_WAS, ROLLED_UP):
        def build(mode=mode):
            return form06.build(period, tree=Tree(), agencies=None, mode=mode, agency_label="")

        report = build()
        print(f"  form06.build ({mode:<9})  {percentiles(timed(build, samples))}   lines={len(report.lines)}")
    total = report.total
    print("  total: " + ", ".join(f"{k}={total[k]:,}" for k in ("carried", "received", "resolved", "withdrawn",
                                                                  "stopped", "pending", "overdue")))
    identity = total["carried"] + total["received"] == (total["resolved"] + total["withdrawn"] + total["stopped"]
                                                        + total["pending"])
    print(f"  identity carried + received = resolved + withdrawn + stopped + pending: {identity}")


def page_probes(period, samples: int) -> None:
    from motcua.directory.models import User
    from motcua.reports.periods import current_month

    admin = signed_in(User.objects.filter(roles__kind="province_admin").order_by("pk").first().username)
    leader_user = busiest_leader()
    leader = signed_in(leader_user.username)
    year = {"kind": "year", "year": period.end.year, "mode": "rolled_up"}
    from django.utils import timezone

    month = current_month(timezone.localdate())
    month_query = {"kind": "month", "year": month.end.year, "number": month.end.month, "mode": "rolled_up"}
    print("\nPAGES (Django test client, rendering included)")
    for label, client, url, query in [
        ("Form 06 page, province, year", admin, "/can-bo/thong-ke/bieu-06/", year),
        ("Form 06 Excel, province, year", admin, "/can-bo/thong-ke/bieu-06.xlsx", year),
        ("dashboard, province, year", admin, "/can-bo/thong-ke/", year),
        ("dashboard, province, month", admin, "/can-bo/thong-ke/", month_query),
        (f"dashboard, leader {leader_user.username}, year", leader, "/can-bo/thong-ke/", year),
    ]:
        def get(client=client, url=url, query=query):
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)

        get()
        print(f"  {label:<44} {percentiles(timed(get, samples))}")


def compare(period) -> None:
    from motcua.reports import direct, totals

    print(f"\nAGGREGATES vs DIRECT COUNT, {period.label}, every (agency, procedure)")
    began = time.monotonic()
    expected = {k: {c: v for c, v in dict(row).items() if v} for k, row in
                direct.counts(period.start, period.end).items()}
    seconds = time.monotonic() - began
    got = {k: {c: f[c] for c in COLUMNS if f[c]} for k, f in totals.sums(period.start, period.end).items()}
    got = {k: v for k, v in got.items() if v}
    expected = {k: v for k, v in expected.items() if v}
    differing = [k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k)]
    print(f"  direct count: {seconds:,.1f} s over {len(expected):,} (agency, procedure) pairs")
    print(f"  equal: {not differing}" + (f" — {len(differing)} pairs differ, e.g. {differing[:3]}" if differing else ""))
    for key in differing[:3]:
        print(f"    {key}: aggregates {got.get(key)} direct {expected.get(key)}")


def sample_facts(n: int = 2000) -> None:
    """The receiver's Python facts against the rebuild's SQL ones, on dossiers spread over the table."""
    import random

    from django.db.models import Max, Min

    from motcua.dossiers.models import Dossier
    from motcua.reports.facts import fact_for
    from motcua.reports.maintain import _sorted, stored
    from motcua.reports.models import DossierFact

    bounds = Dossier.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    rng = random.Random(11)
    pks = {rng.randint(bounds["lo"], bounds["hi"]) for _ in range(n)}
    dossiers = Dossier.objects.filter(pk__in=pks)
    rows = DossierFact.objects.in_bulk(list(pks))
    differ = [d.pk for d in dossiers if _sorted(fact_for(d)) != _sorted(stored(rows.get(d.pk)))]
    print(f"\nFACTS: Python (signal receiver) vs SQL (rebuild) on {len(pks):,} dossiers: "
          f"{'equal' if not differ else f'{len(differ)} differ, e.g. {differ[:5]}'}")
    from django.db import transaction

    from motcua.reports.maintain import refresh

    picked = iter(list(dossiers[:200]))
    with transaction.atomic():  # what an action adds when its fact does not change (reads only)
        print(f"  receiver, fact unchanged          {percentiles(timed(lambda: refresh(next(picked)), 200))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rebuild", action="store_true", help="time a full rebuild even if aggregates exist")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--year", type=int, default=0, help="official year to report (default: the last full one)")
    parser.add_argument("--no-direct", action="store_true", help="skip the (slow) direct count")
    args = parser.parse_args()
    setup_django(args.url)

    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.reports import periods

    print(f"{Dossier.objects.count():,} dossiers in {args.url.rsplit('/', 1)[1]}")
    rebuild_if_needed(args.rebuild)
    today = timezone.localdate()
    year = periods.year(args.year or (today.year - 1 if today < periods.year(today.year).end else today.year))
    form06_probes(year.capped(today), args.samples)
    page_probes(year, args.samples)
    if not args.no_direct:
        compare(year.capped(today))
    sample_facts()


if __name__ == "__main__":
    main()
