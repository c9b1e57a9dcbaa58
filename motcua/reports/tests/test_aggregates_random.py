"""Random action sequences through the dossier services: after every step the incrementally kept
aggregates give the same Form 06 as the direct count, and a rebuild (full or partial) rewrites
exactly the rows the signal receiver wrote. Each example runs in a savepoint rolled back at its end."""

import datetime
import os
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from motcua.catalog.models import Procedure
from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import OWNER, build_dossier_world, local_dt
from motcua.dossiers.workflow import Status, actions_from
from motcua.reports import aggregates

from .checks import assert_matches_direct, state

pytestmark = pytest.mark.django_db
START = local_dt(2025, 12, 1, 8, 0)  # a Monday, two weeks before the official year ends
# What moves the statistics, weighted towards moving dossiers forward.
USEFUL = ["accept", "hand_over", "next_step", "mark_result_ready", "return_result", "request_supplement",
          "resubmit", "request_obligation", "record_obligation_paid", "record_payment", "withdraw", "stop",
          "send_back", "refuse"]
CLOSING = {"withdraw", "stop", "refuse"}
FORWARD = ["accept", "hand_over", "next_step", "mark_result_ready", "resubmit", "record_obligation_paid",
           "return_result"]
MAX_DOSSIERS = 6
APPLIED: set[str] = set()


def apply(w, d, action, actor, extra):
    calls = {
        "accept": lambda: services.accept(d, actor),
        "refuse": lambda: services.refuse(d, actor, reason="Không thuộc thẩm quyền"),
        "request_supplement": lambda: services.request_supplement(d, actor, items=["Bản vẽ"], reason="Thiếu"),
        "resubmit": lambda: services.resubmit(d, actor),
        "hand_over": lambda: services.hand_over(d, actor),
        "next_step": lambda: services.next_step(d, actor),
        "send_back": lambda: services.send_back(d, actor, note="Chưa đủ căn cứ"),
        "record_payment": lambda: services.record_payment(
            d, actor, amount=1000 + extra, method=["vnpay", "cash"][extra % 2]),
        "request_obligation": lambda: services.request_obligation(d, actor, amount=500_000, reason="Tiền đất"),
        "record_obligation_paid": lambda: services.record_obligation_paid(d, actor, method="vnpay"),
        "mark_result_ready": lambda: services.mark_result_ready(d, actor, result_number="1/KQ"),
        "return_result": lambda: services.return_result(d, actor),
        "withdraw": lambda: services.withdraw(d, actor, reason="Xin rút"),
        "stop": lambda: services.stop(d, actor, reason="Dừng"),
    }
    calls[action]()


class Statistics(RuleBasedStateMachine):
    world = None
    clock = None

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.clock.move_to(START)
        self.codes: list[str] = []

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize()
    def first(self):
        self.create("walk_in", 0)

    @precondition(lambda self: len(self.codes) < MAX_DOSSIERS)
    @rule(channel=st.sampled_from(["walk_in", "online", "post"]), which=st.integers(0, 1))
    def create(self, channel, which):
        w = self.world
        procedure = [w.procedure, w.land][which]
        if channel == "online":
            d = services.submit_online(w.users["citizen"], procedure=procedure, owner=OWNER,
                                       files=[{"name": "Đơn", "digitised": True}])
        else:
            d = services.receive_walk_in(w.users["desk_s"], procedure=procedure, owner=OWNER, channel=channel,
                                         files=[{"name": "Đơn", "digitised": channel == "walk_in"}])
        self.codes.append(d.code)

    @rule(data=st.data())
    def act(self, data):
        minutes = data.draw(st.just(0) | st.integers(1, 4 * 24 * 60), label="minutes later")
        self.clock.move_to(timezone.now() + datetime.timedelta(minutes=minutes))
        # Mostly an open dossier moved on (so that walks go deep), sometimes a closing action or any dossier.
        mode = data.draw(st.integers(0, 9), label="mode")
        open_codes = list(Dossier.objects.filter(code__in=self.codes).exclude(status__in=Status.terminal())
                          .values_list("code", flat=True))
        if not open_codes and len(self.codes) < MAX_DOSSIERS:
            return self.create(data.draw(st.sampled_from(["walk_in", "online", "post"])), mode % 2)
        code = data.draw(st.sampled_from(sorted(open_codes) if open_codes and mode < 9 else self.codes),
                         label="dossier")
        d = Dossier.objects.get(code=code)
        pool = [a for a in USEFUL if a in actions_from(d.status)] or USEFUL
        if mode < 9:
            pool = [a for a in pool if a not in CLOSING] or pool
        if mode < 5:
            pool = [a for a in FORWARD if a in pool] or pool
        action = data.draw(st.sampled_from(pool), label="action")
        try:
            apply(self.world, d, action, self.world.users["province_admin"], data.draw(st.integers(0, 9)))
            APPLIED.add(action)
        except DomainError:
            pass  # refused actions leave no trace; the invariant still checks the totals

    @precondition(lambda self: len(self.codes) >= MAX_DOSSIERS)
    @rule()
    def rebuild(self):
        before = state()
        aggregates.rebuild(since=timezone.now() - datetime.timedelta(days=2))
        assert state() == before, "a partial rebuild changed the aggregates"
        aggregates.rebuild()
        assert state() == before, "a full rebuild changed the aggregates"

    @invariant()
    def totals_equal_direct_count(self):
        today = timezone.localdate()
        first = START.date()
        for t1, t2 in [(first, today), (first, first), (today, today), (first + datetime.timedelta(days=3), today),
                       (today - datetime.timedelta(days=2), today + datetime.timedelta(days=30))]:
            if t1 <= t2:
                assert_matches_direct(t1, t2)


def test_random_walks_keep_aggregates_equal_to_direct_counts():
    world = build_dossier_world()
    # A land procedure whose obligation wait stops the clock, without internal steps.
    world.land = Procedure.objects.create(code="1.000111", name="Đăng ký biến động đất đai", time_limit=Decimal("3"),
                                          sector=world.procedure.sector, obligation_wait_counts=False)
    world.land.agencies.set([world.agencies["A"]])
    profile = hypothesis_settings.default
    phases = list(Phase) if os.environ.get("MOTCUA_SHRINK") else [p for p in Phase if p != Phase.shrink]
    APPLIED.clear()
    with time_machine.travel(START, tick=False) as clock:
        Statistics.world, Statistics.clock = world, clock
        run_state_machine_as_test(Statistics, settings=hypothesis_settings(
            profile, max_examples=min(profile.max_examples, 10), stateful_step_count=40, phases=phases))
    # The walks went deep enough to mean something: most actions that move statistics ran for real.
    assert len(APPLIED) >= 10, sorted(set(USEFUL) - APPLIED)
