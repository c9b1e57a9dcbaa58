"""The legal due date as the citizen's receipt shows it: fixed at acceptance from a snapshot of the
procedure, moved later only by pauses, and the list's overdue / due-soon filters built on it.

Times are local (Asia/Ho_Chi_Minh); March 2026 has no public holiday, 30/4 and 1/5/2026 are days off.
Expected dates are worked out by hand from the rules in docs/one-stop.md (8 working hours a day,
07:00–11:30 and 13:30–17:00).
"""

import datetime
from decimal import Decimal

import pytest

from motcua.catalog.models import LimitUnit, Procedure
from motcua.catalog.services import save_process
from motcua.directory.models import RoleKind
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .factories import OWNER, Api, build_dossier_world, clock_at, local_dt, online, walk_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_dossier_world()


def new_procedure(w, code, **fields) -> Procedure:
    procedure = Procedure.objects.create(code=code, name=f"Thủ tục {code}", sector=w.procedure.sector, **fields)
    procedure.agencies.set([w.agencies["A"]])
    return procedure


def received(w, at, procedure=None, **kwargs) -> Dossier:
    with clock_at(at):
        return walk_in(w, procedure=procedure, **kwargs)


class TestDueAtAcceptance:
    def test_working_days_count_from_the_moment_of_reception(self, world):
        d = received(world, local_dt(2026, 3, 2, 9, 0))  # Monday
        assert d.time_limit == 15 and d.time_limit_unit == LimitUnit.WORKING_DAYS
        assert d.due_at == local_dt(2026, 3, 23, 9, 0)

    def test_a_reception_on_a_day_off_counts_from_the_next_opening(self, world):
        # Saturday: work starts Monday 9/3 at 07:00; 15 × 8 hours end at closing on Friday 27/3.
        d = received(world, local_dt(2026, 3, 7, 10, 0))
        assert d.due_at == local_dt(2026, 3, 27, 17, 0)

    def test_public_holidays_are_not_working_days(self, world):
        procedure = new_procedure(world, "2.000001", time_limit=Decimal(5))
        # Tuesday 28/4; 30/4 and 1/5 are off: 29/4, 4/5, 5/5, 6/5, 7/5.
        d = received(world, local_dt(2026, 4, 28, 9, 0), procedure=procedure)
        assert d.due_at == local_dt(2026, 5, 7, 9, 0)

    @pytest.mark.parametrize(
        ("accepted", "due"),
        [
            (local_dt(2026, 3, 6, 10, 0), local_dt(2026, 3, 16, 10, 0)),  # Friday + 10 days: Monday
            (local_dt(2026, 3, 4, 10, 0), local_dt(2026, 3, 16, 10, 0)),  # lands on Saturday 14/3: Monday
            (local_dt(2026, 4, 20, 8, 0), local_dt(2026, 5, 4, 8, 0)),  # lands on 30/4, then 1/5, a weekend
        ],
    )
    def test_calendar_days(self, world, accepted, due):
        procedure = new_procedure(world, "2.000002", time_limit=Decimal(10),
                                  time_limit_unit=LimitUnit.CALENDAR_DAYS)
        d = received(world, accepted, procedure=procedure)
        assert d.time_limit_unit == LimitUnit.CALENDAR_DAYS
        assert d.due_at == due

    @pytest.mark.parametrize(
        ("accepted", "due"),
        [
            (local_dt(2026, 3, 2, 14, 59), local_dt(2026, 3, 2, 17, 0)),  # before the cut-off: today
            (local_dt(2026, 3, 2, 15, 0), local_dt(2026, 3, 3, 17, 0)),  # at the cut-off: next working day
            (local_dt(2026, 3, 6, 15, 30), local_dt(2026, 3, 9, 17, 0)),  # Friday afternoon: Monday
            (local_dt(2026, 3, 7, 9, 0), local_dt(2026, 3, 9, 17, 0)),  # Saturday: Monday
        ],
    )
    def test_same_day_procedures_use_the_cut_off(self, world, accepted, due):
        procedure = new_procedure(world, "2.000003", time_limit=Decimal(0), same_day_cutoff=datetime.time(15, 0))
        assert received(world, accepted, procedure=procedure).due_at == due

    def test_online_submissions_have_their_own_shorter_limit(self, world):
        world.procedure.online_time_limit = Decimal(10)
        world.procedure.save()
        with clock_at(local_dt(2026, 3, 1, 20, 0)) as clock:  # submitted on a Sunday evening
            d = online(world)
            assert d.due_at is None
            clock.set(local_dt(2026, 3, 2, 9, 0))
            d = services.accept(d, world.users["desk_s"])
            walked_in = walk_in(world)
        # The clock starts at acceptance, with the online limit; the same procedure at the counter: 15 days.
        assert (d.time_limit, d.due_at) == (10, local_dt(2026, 3, 16, 9, 0))
        assert (walked_in.time_limit, walked_in.due_at) == (15, local_dt(2026, 3, 23, 9, 0))


class TestSnapshot:
    def test_catalog_edits_do_not_change_an_open_dossier(self, world):
        old = received(world, local_dt(2026, 3, 2, 9, 0))
        submitted = None
        with clock_at(local_dt(2026, 3, 2, 9, 30)):
            submitted = online(world)
        # The next day the province shortens the limit and publishes a two-step process.
        with clock_at(local_dt(2026, 3, 3, 8, 0)):
            world.procedure.time_limit = Decimal(5)
            world.procedure.save()
            v2 = save_process(world.procedure, [
                {"order": 1, "name": "Tiếp nhận", "role": RoleKind.DESK_OFFICER, "hours": 4},
                {"order": 2, "name": "Giải quyết", "role": RoleKind.AGENCY_LEADER, "hours": 36},
            ], effective_from=datetime.date(2026, 3, 3), actor=world.users["province_admin"]).version
        with clock_at(local_dt(2026, 3, 3, 9, 0)):
            old = services.hand_over(old, world.users["desk_s"])
            new = services.hand_over(walk_in(world), world.users["desk_s"])
            accepted_later = services.accept(submitted, world.users["desk_s"])

        old.refresh_from_db()
        # The open dossier keeps its limit, its due date and its process, step after step.
        assert (old.time_limit, old.due_at) == (15, local_dt(2026, 3, 23, 9, 0))
        assert old.process_version.number == 1
        assert old.current_step.name == "Thẩm định hồ sơ" and old.current_step.version_id == old.process_version_id
        assert old.step_due_at == local_dt(2026, 3, 17, 9, 0)  # the old step's 80 hours
        # Received after the edit: the new limit and the new process.
        assert (new.time_limit, new.due_at) == (5, local_dt(2026, 3, 10, 9, 0))
        assert new.process_version_id == v2.pk and new.current_step.name == "Giải quyết"
        assert new.step_due_at == local_dt(2026, 3, 9, 15, 0)  # 36 hours
        # The snapshot is taken at acceptance, not at online submission.
        assert accepted_later.time_limit == 5 and accepted_later.process_version_id == v2.pk

    def test_the_obligation_rule_is_the_one_in_force_at_acceptance(self, world):
        d = received(world, local_dt(2026, 3, 2, 9, 0))
        world.procedure.obligation_wait_counts = False
        world.procedure.save()
        with clock_at(local_dt(2026, 3, 6, 15, 0)) as clock:
            d = services.hand_over(d, world.users["desk_s"])
            d = services.request_obligation(d, world.users["specialist_a"], amount=5_000_000, reason="Tiền sử dụng đất")
            clock.set(local_dt(2026, 3, 9, 9, 0))
            d = services.record_obligation_paid(d, world.users["desk_s"])
        assert d.due_at == local_dt(2026, 3, 23, 9, 0)


class TestPauses:
    def processing(self, world, **procedure_fields):
        for field, value in procedure_fields.items():
            setattr(world.procedure, field, value)
        world.procedure.save()
        d = received(world, local_dt(2026, 3, 2, 9, 0))
        with clock_at(local_dt(2026, 3, 2, 10, 0)):
            return services.hand_over(d, world.users["desk_s"])

    def test_a_supplement_moves_the_due_date_by_the_working_time_it_waited(self, world):
        d = self.processing(world)
        # Friday 15:00 → Monday 09:00: two hours on Friday, two on Monday; the weekend does not count.
        with clock_at(local_dt(2026, 3, 6, 15, 0)) as clock:
            d = services.request_supplement(d, world.users["specialist_a"], items=["Bản vẽ mặt cắt"])
            assert d.paused_since == local_dt(2026, 3, 6, 15, 0) and d.due_at == local_dt(2026, 3, 23, 9, 0)
            clock.set(local_dt(2026, 3, 9, 9, 0))
            d = services.resubmit(d, world.users["desk_s"])
        # 23/3 09:00 + 4 working hours: 2.5 before lunch, 1.5 after.
        assert d.due_at == local_dt(2026, 3, 23, 15, 0)
        assert d.status == 4 and d.paused_since is None
        event = d.events.order_by("pk").last()
        assert event.action == "resubmit" and event.due_at == d.due_at
        assert datetime.datetime.fromisoformat(event.data["due_at_before"]) == local_dt(2026, 3, 23, 9, 0)

    def test_two_supplements_add_up(self, world):
        d = self.processing(world)
        with clock_at(local_dt(2026, 3, 3, 7, 0)) as clock:  # Tuesday: a whole working day each time
            for start in (local_dt(2026, 3, 3, 7, 0), local_dt(2026, 3, 10, 7, 0)):
                clock.set(start)
                d = services.request_supplement(d, world.users["specialist_a"], items=["Bản vẽ"])
                clock.set(start + datetime.timedelta(days=1))
                d = services.resubmit(d, world.users["desk_s"])
        assert d.due_at == local_dt(2026, 3, 25, 9, 0)

    def test_an_obligation_wait_that_counts_does_not_move_the_due_date(self, world):
        d = self.processing(world)  # obligation_wait_counts is True by default
        with clock_at(local_dt(2026, 3, 6, 15, 0)) as clock:
            d = services.request_obligation(d, world.users["specialist_a"], amount=1_000_000, reason="Thuế")
            assert d.paused_since is None
            clock.set(local_dt(2026, 3, 9, 9, 0))
            d = services.record_obligation_paid(d, world.users["desk_s"])
        assert d.due_at == local_dt(2026, 3, 23, 9, 0)

    def test_an_obligation_wait_that_does_not_count_moves_it(self, world):
        d = self.processing(world, obligation_wait_counts=False)  # e.g. land procedures
        with clock_at(local_dt(2026, 3, 6, 15, 0)) as clock:
            d = services.request_obligation(d, world.users["specialist_a"], amount=1_000_000, reason="Tiền sử dụng đất")
            assert d.paused_since is not None
            clock.set(local_dt(2026, 3, 9, 9, 0))
            d = services.record_obligation_paid(d, world.users["desk_s"])
        assert d.due_at == local_dt(2026, 3, 23, 15, 0)

    def test_an_apology_never_moves_the_legal_due_date(self, world):
        d = self.processing(world)
        with clock_at(local_dt(2026, 3, 20, 9, 0)):
            services.propose_apology(d, world.users["leader_a"], reason="Chờ thuế",
                                     new_due_at=local_dt(2026, 3, 30, 9, 0))
            services.approve_apology(d, world.users["leader_a"])
        d.refresh_from_db()
        assert d.due_at == local_dt(2026, 3, 23, 9, 0) and d.promised_at == local_dt(2026, 3, 30, 9, 0)


class TestListFilters:
    @pytest.fixture
    def dossiers(self, world):
        u = world.users
        late = received(world, local_dt(2026, 3, 2, 9, 0))  # due 23/3 09:00
        soon = received(world, local_dt(2026, 3, 9, 9, 0))  # due 30/3 09:00
        later = received(world, local_dt(2026, 3, 16, 9, 0))  # due 6/4 09:00
        paused = received(world, local_dt(2026, 3, 2, 9, 0))
        finished = received(world, local_dt(2026, 3, 2, 9, 0))
        with clock_at(local_dt(2026, 3, 16, 9, 0)):
            paused = services.hand_over(paused, u["desk_s"], assignee=u["specialist_a"])
            services.request_supplement(paused, u["specialist_a"], items=["Bản vẽ"])
            finished = services.hand_over(finished, u["desk_s"], assignee=u["specialist_a"])
            finished = services.next_step(finished, u["specialist_a"])
            finished = services.next_step(finished, u["head_a"])
        with clock_at(local_dt(2026, 3, 24, 9, 0)):  # a day late
            services.mark_result_ready(finished, u["leader_a"], result_number="9/GP")
            waiting = online(world)  # not accepted: no legal date yet
        return {"late": late.code, "soon": soon.code, "later": later.code, "paused": paused.code,
                "finished": finished.code, "waiting": waiting.code}

    def listed(self, codes, **params):
        with clock_at(local_dt(2026, 3, 25, 10, 0)):  # Wednesday
            r = Api().get("leader_a", "/dossiers", **params)
        assert r.status_code == 200, r.content
        names = {code: name for name, code in codes.items()}
        return {names[item["code"]]: item for item in r.json()["items"]}

    def test_overdue(self, dossiers):
        # Waiting for a supplement the clock is stopped; a finished dossier is never "overdue", late or not.
        items = self.listed(dossiers, overdue="true")
        assert set(items) == {"late"} and items["late"]["overdue"] is True
        assert set(self.listed(dossiers, overdue="false")) == {"soon", "later", "paused", "finished", "waiting"}

    @pytest.mark.parametrize(
        ("days", "expected"),
        [(0, set()), (3, {"soon"}), (10, {"soon", "later"})],  # 3 working days from Wed 10:00: Mon 30/3 10:00
    )
    def test_due_within_working_days(self, dossiers, days, expected):
        assert set(self.listed(dossiers, due_within=days)) == expected

    def test_the_list_is_ordered_by_due_date_with_undated_last(self, dossiers):
        items = self.listed(dossiers)
        order = list(items)
        assert len(order) == 6 and order[-1] == "waiting"
        dues = [datetime.datetime.fromisoformat(items[name]["due_at"]) for name in order[:-1]]
        assert dues == sorted(dues) and order[-2] == "later"


def test_walk_in_through_the_api_shows_the_due_date_on_the_receipt(world):
    with clock_at(local_dt(2026, 3, 2, 9, 0)):
        r = Api().post("desk_s", "/dossiers", {"procedure": "1.009994", "owner": OWNER})
    assert r.status_code == 201, r.content
    assert datetime.datetime.fromisoformat(r.json()["due_at"]) == local_dt(2026, 3, 23, 9, 0)
    assert r.json()["due_at"].endswith("+07:00")
