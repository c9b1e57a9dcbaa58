"""generate_dossiers: a realistic history, written row for row as the services would write it.

The replay test generates ~40 dossiers covering every path, snapshots what the generator
wrote, rolls it back, replays the same plans through the services with the clock frozen at
each action, and compares the two databases field by field.
"""

import datetime as dt
import io
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from motcua.catalog.models import Procedure, Sector
from motcua.dossiers.generator import indexes
from motcua.dossiers.generator.replay import replay
from motcua.dossiers.generator.run import Generator
from motcua.dossiers.generator.snapshot import differences, snapshot
from motcua.dossiers.generator.writer import written_models
from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent
from motcua.dossiers.workflow import ACTIONS, Status

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END = dt.datetime(2026, 3, 20, 10, 0, tzinfo=TZ)
REFORM = dt.date(2025, 7, 1)


def quick(p, a):
    return p.cutoff is not None


def slow(p, a):
    return p.cutoff is None


def dept(p, a):
    return a.level == "department" and slow(p, a)


def land(p, a):
    return not p.waits_count and slow(p, a)


def across_reform(p, a):
    return a.level == "district" and slow(p, a) and p.unit == "working_days" and p.time_limit >= 10


def pilot(p, a):
    return p.pilot and slow(p, a)


def short(p, a):
    return slow(p, a) and p.unit == "working_days" and p.time_limit <= 5


QUIET = {"coordination": 0, "supplement": False, "obligation": False, "send_back": False, "reassign": False}

# (day, online, narrowing, forced flags): one dossier each; days are working days.
SCENARIOS = [
    (dt.date(2024, 4, 10), False, dept, {"timing": "early", **QUIET}),
    (dt.date(2025, 6, 18), False, across_reform, {"timing": "on_time", **QUIET}),
    (dt.date(2025, 6, 25), False, across_reform, {"timing": "late", "apology": True, "coordination": 1}),
    (dt.date(2025, 9, 10), True, slow, {"before": "accept", "return_method": "download", "end": "return"}),
    (dt.date(2025, 10, 8), True, None, {"before": "refuse"}),
    (dt.date(2025, 10, 22), True, slow, {"before": "supplement", "end": "return"}),
    (dt.date(2025, 11, 5), True, None, {"before": "abandon"}),
    (dt.date(2025, 11, 19), True, None, {"before": "withdraw"}),
    (dt.date(2024, 9, 11), False, slow, {"supplement": True, "abandon": False, "end": "return"}),
    (dt.date(2025, 9, 17), True, slow, {"supplement": True, "abandon": False, "end": "return"}),
    (dt.date(2024, 11, 13), False, slow, {"supplement": True, "abandon": True}),
    (dt.date(2025, 3, 12), False, land, {"coordination": 2, "end": "return"}),
    (dt.date(2025, 8, 13), False, land, {"obligation": True, "obligation_unpaid": False, "end": "return"}),
    (dt.date(2024, 8, 14), True, land, {"obligation": True, "obligation_unpaid": False, "end": "return"}),
    (dt.date(2026, 2, 25), False, land, {"obligation": True, "obligation_unpaid": True}),
    (dt.date(2025, 11, 12), False, slow, {"timing": "late", "apology": True, "end": "return"}),
    (dt.date(2024, 6, 12), True, slow, {"timing": "late", "apology": False}),
    (dt.date(2025, 5, 14), False, slow, {"end": "withdraw"}),
    (dt.date(2025, 12, 10), True, slow, {"end": "stop"}),
    (dt.date(2026, 1, 14), False, None, {"end": "keep"}),
    (dt.date(2024, 12, 11), False, None, {"return_method": "post", "end": "return"}),
    (dt.date(2025, 4, 9), False, dept, {"send_back": True, "reassign": True, "end": "return"}),
    (dt.date(2025, 7, 16), False, quick, {"end": "return"}),
    (dt.date(2024, 10, 9), False, lambda p, a: p.unit == "calendar_days", {"end": "return"}),
    (dt.date(2025, 2, 12), True, lambda p, a: p.fees > 0, {"fee_late": True, "return_method": "desk"}),
    (dt.date(2026, 3, 4), False, short, {"timing": "late", "late_by": 20, "apology": False, **QUIET}),
    (dt.date(2026, 3, 5), True, short, {"timing": "late", "late_by": 20, "apology": True, **QUIET}),
    (dt.date(2025, 11, 26), False, slow, {"timing": "late", "apology": True, "apology_declined": True,
                                          "end": "return", **QUIET}),
    # Rated at the counter, at reception and when the result is handed over.
    (dt.date(2025, 9, 24), False, pilot, {"rated": ("reception", "return"), "end": "return", "return_method": "desk"}),
    (dt.date(2024, 5, 15), False, pilot, {"rated": ("reception", "return"), "end": "return", "return_method": "desk",
                                          "timing": "late", "apology": False, **QUIET}),
]


@pytest.mark.django_db
def test_refuses_without_procedures_or_desks():
    with pytest.raises(CommandError, match="Chưa có thủ tục hành chính"):
        call_command("generate_dossiers", count=10, stdout=io.StringIO(), stderr=io.StringIO())
    sector = Sector.objects.create(code="XD", name="Xây dựng")
    Procedure.objects.create(code="1.009994", name="Cấp giấy phép xây dựng", sector=sector, time_limit=15)
    with pytest.raises(CommandError, match="Chưa có bộ phận một cửa"):
        call_command("generate_dossiers", count=10, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", password="demo-generator", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def scenario_queue(gen: Generator) -> list:
    queue = []
    for i, (day, online, where, force) in enumerate(SCENARIOS):
        assert gen.clock.is_working_day(day), day
        rng = random.Random(f"scenario:{i}")
        (at, choice), = gen.arrivals(rng, day, 1, online=online, where=where)
        queue.append((rng, at, choice, force))
    # A post dossier, and ordinary ones drawn as the command draws them.
    rng = random.Random("post")
    (at, (proc, agency, desk, _channel)), = gen.arrivals(rng, dt.date(2025, 10, 15), 1, online=False, where=slow)
    queue.append((rng, at, (proc, agency, desk, "post"), None))
    for day in (dt.date(2024, 3, 27), dt.date(2025, 2, 19), dt.date(2025, 6, 30), dt.date(2025, 7, 1),
                dt.date(2026, 2, 23)):
        rng = random.Random(f"{gen.seed}:{day.isoformat()}")
        queue += [(rng, at, choice, None) for at, choice in gen.arrivals(rng, day, 3)]
    return sorted(queue, key=lambda item: item[1])


@pytest.mark.django_db
def test_generated_rows_are_exactly_what_the_services_write(demo):
    gen = Generator(seed=11, years=3, end=END)
    with transaction.atomic():
        drafts = gen.flush(scenario_queue(gen))
        generated = snapshot()
        transaction.set_rollback(True)
    assert Dossier.objects.count() == 0

    # Every action of the workflow, and every path the brief names, is in the sample.
    names = {act.name for d in drafts for act in d.acts}
    assert set(ACTIONS) <= names
    assert {"submit_online", "confirm_delivery"} <= names
    posted = [v for v in generated["dossiers"].values() if v["shipments"]]
    assert posted and all(v["shipments"][0]["tracking_number"] == f"EMS-{code}" for code, v in
                          generated["dossiers"].items() if v["shipments"])
    assert any(v["shipments"][0]["delivered_at"] and v["dossier"]["status"] == Status.RETURNED
               and v["events"][-1]["note"].endswith(v["shipments"][0]["tracking_number"]) for v in posted)
    rows = [v["dossier"] for v in generated["dossiers"].values()]
    statuses = {r["status"] for r in rows}
    assert {Status.REFUSED, Status.PROCESSING, Status.OBLIGATION, Status.WITHDRAWN, Status.STOPPED,
            Status.RESULT_READY, Status.RETURNED} <= statuses
    assert any(r["status"] in Status.clock_running() and r["paused_since"] is None and r["due_at"] is not None
               and r["due_at"] < END
               for r in rows), "an overdue pending dossier"
    assert any(p["kind"] == "obligation" and p["stops_clock"] and p["ended_at"]
               for v in generated["dossiers"].values() for p in v["pauses"])
    assert any(r["channel"] == "post" for r in rows)
    before = [e for v in generated["dossiers"].values() for e in v["events"] if e["from_status"] == Status.SUBMITTED]
    assert {"accept", "refuse", "request_supplement", "withdraw"} <= {e["action"] for e in before}
    crossing = [v for v in generated["dossiers"].values()
                if v["dossier"]["submitted_at"].date() < REFORM <= v["events"][-1]["at"].date()]
    assert crossing, "a dossier received before 1/7/2025 and handled after"
    given = [r for v in generated["dossiers"].values() for r in v["ratings"]]
    assert {"reception", "return"} <= {r["stage"] for r in given}
    assert any(r["reasons"] for r in given) and any(r["counter_id"] for r in given)

    codes = replay(drafts)
    assert len(codes) == len(drafts) == len(generated["dossiers"])
    replayed = snapshot()
    assert differences(generated, replayed) == []


@pytest.mark.django_db
def test_command_continues_the_counters_without_gaps(demo):
    out = io.StringIO()
    call_command("generate_dossiers", count=150, years=2, seed=5, batch=60, stdout=out, stderr=io.StringIO(),
                 no_aggregates=True)
    call_command("generate_dossiers", count=50, years=2, seed=5, stdout=out, stderr=io.StringIO())
    assert "Đã sinh" in out.getvalue()
    assert out.getvalue().count("Đã tính lại số liệu tổng hợp") == 1
    assert 195 <= Dossier.objects.count() <= 200  # a plan cut before its first action writes nothing
    numbers = defaultdict(list)
    for code, agency_id in Dossier.objects.values_list("code", "receiving_agency_id"):
        agency_code, day, number = code.rsplit("-", 2)
        numbers[(agency_id, day)].append(int(number))
    last = {(a, d.strftime("%y%m%d")): n for a, d, n in DossierCounter.objects.values_list("agency_id", "day", "last")}
    for key, used in numbers.items():
        assert sorted(used) == list(range(1, last[key] + 1)), key
    assert DossierEvent.objects.filter(action="hand_over").exists()
    days = Dossier.objects.values_list("submitted_at", flat=True)
    assert min(days).date() < REFORM < max(days).date()


@pytest.mark.django_db
def test_the_same_seed_draws_the_same_plans(demo):
    def plans(seed):
        gen = Generator(seed=seed, years=1, end=END)
        day = dt.date(2025, 11, 19)
        rng = random.Random(f"{seed}:{day}")
        drafts = [gen.planner.dossier(rng, at, choice)[0] for at, choice in gen.arrivals(rng, day, 5)]
        return [[(a.name, a.at, a.actor, a.args) for a in d.acts] for d in drafts]

    assert plans(3) == plans(3)
    assert plans(3) != plans(4)


def planned(gen: Generator, day=dt.date(2025, 11, 19), n=20):
    rng = random.Random(f"{gen.seed}:{day}")
    gen.planner.ctx.ids = gen.ids
    return [d.sim for d in (gen.planner.dossier(rng, at, choice)[0] for at, choice in gen.arrivals(rng, day, n))
            if d.acts]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_batch_pointing_at_a_missing_row_is_refused(demo):
    """With the foreign-key triggers off for the load, the batch's own check must do their work."""
    gen = Generator(seed=3, years=1, end=END)
    sims = planned(gen)
    sims[-1].events[-1]["step_id"] = 10**9
    with pytest.raises(DatabaseError, match="DossierEvent.step: 1"), transaction.atomic():
        gen.writer.write(sims, gen.ids)
    assert gen.writer.backend.replica, "a superuser's session loads with the triggers off"
    assert Dossier.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"


@pytest.mark.postgres
@pytest.mark.django_db
def test_plain_indexes_are_dropped_and_built_again_from_the_models(demo):
    models = written_models()
    dropped = indexes.drop(models)
    assert {"event_dossier_idx", "dossier_active_due_idx", "dossiers_dossier_code_6d68c351_like"} <= set(dropped)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'dossiers_dossier'")
        left = {row[0] for row in cursor.fetchall()}
    assert "dossiers_dossier_pkey" in left and "dossiers_dossier_code_key" in left  # uniqueness holds meanwhile
    assert not left & set(dropped)
    gen = Generator(seed=3, years=1, end=END)
    with transaction.atomic():
        gen.writer.write(planned(gen), gen.ids)
    assert sorted(indexes.restore(models)) == dropped
    assert indexes.restore(models) == []
