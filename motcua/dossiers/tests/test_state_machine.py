"""Random walks through the dossier services, with the trail's invariants checked after every step.

Any action, by any official (permitted or not), on a few dossiers, while the clock moves forward.
Each hypothesis example runs in its own savepoint, rolled back at teardown (DESIGN.md: "Hypothesis
state machines need a transaction rolled back per example"); the world is built once per test.
"""

import datetime
import os
from decimal import Decimal

import pytest
from django.db import transaction
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

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import ACTIONS, Status, actions_from

from .factories import Clock, build_dossier_world, local_dt, online, walk_in

pytestmark = pytest.mark.django_db

OFFICIALS = ["desk_s", "specialist_a", "specialist_a2", "head_a", "leader_a", "specialist_b", "leader_b",
             "supervisor", "nobody", "citizen"]
# The time-moving actions: the only ones that may move the legal due date, and only later.
PAUSE_ENDS = {"resubmit", "record_obligation_paid"}
CLOSING = {"refuse", "withdraw", "stop"}
FORWARD = ["accept", "hand_over", "next_step", "mark_result_ready", "resubmit", "record_obligation_paid",
           "return_result"]
START = local_dt(2026, 3, 2, 8, 0)  # a Monday morning
DESK = ["desk_s"]
PROCESSING = ["specialist_a", "head_a", "leader_a"]
ON_STEP = ["assignee", "head_a", "leader_a"]
FITTING = {
    "accept": DESK, "refuse": DESK, "hand_over": DESK, "record_payment": DESK + PROCESSING,
    "record_obligation_paid": DESK + PROCESSING, "resubmit": DESK + ["citizen"], "return_result": DESK + ["citizen"],
    "send_by_post": DESK,
    "withdraw": DESK + ["citizen"], "request_supplement": DESK + PROCESSING, "next_step": ON_STEP,
    "send_back": ON_STEP, "mark_result_ready": ON_STEP, "reassign": ON_STEP, "stop": ["head_a", "leader_a"],
    "request_coordination": PROCESSING, "request_obligation": PROCESSING, "propose_apology": PROCESSING,
    "answer_coordination": ["specialist_b", "leader_b"], "approve_apology": ["leader_a", "leader_b"],
    "reject_apology": ["leader_a", "leader_b"],
}
APPLIED: set[str] = set()  # actions that ran at least once over all examples
# What an action may change, and what the invariants read.
WATCHED = ["id", "code", "status", "accepted_at", "due_at", "promised_at", "finished_at", "returned_at",
           "paused_since", "current_step_id", "assignee_id", "fee_paid", "closing_reason", "updated_at"]


def apply(w, d: Dossier, action: str, actor, extra: int) -> None:
    """Call the service of `action` with a plausible body; `extra` varies amounts, dates and people."""
    u = w.users
    due = d.due_at or START
    calls = {
        "accept": lambda: services.accept(d, actor),
        "refuse": lambda: services.refuse(d, actor, reason="Không thuộc thẩm quyền"),
        "request_supplement": lambda: services.request_supplement(d, actor, items=["Bản vẽ"], reason="Thiếu"),
        "resubmit": lambda: services.resubmit(d, actor, note="Đã bổ sung"),
        "hand_over": lambda: services.hand_over(d, actor),
        "next_step": lambda: services.next_step(d, actor),
        "send_back": lambda: services.send_back(d, actor, note="Chưa đủ căn cứ"),
        "reassign": lambda: services.reassign(
            d, actor, assignee=u[["specialist_a", "specialist_a2", "head_a", "leader_a"][extra % 4]]),
        "request_coordination": lambda: services.request_coordination(
            d, actor, agency=w.agencies["B"], request="Xin ý kiến", working_days=Decimal(1 + extra % 5)),
        "answer_coordination": lambda: services.answer_coordination(d, actor, answer="Đồng ý"),
        "record_payment": lambda: services.record_payment(
            d, actor, amount=1000 * (1 + extra), method="gateway" if extra % 2 else "desk",
            reference=f"GD{extra % 3}" if extra % 2 else ""),
        "request_obligation": lambda: services.request_obligation(d, actor, amount=500_000, reason="Tiền sử dụng đất"),
        "record_obligation_paid": lambda: services.record_obligation_paid(d, actor),
        "mark_result_ready": lambda: services.mark_result_ready(d, actor, result_number="1/KQ"),
        "return_result": lambda: services.return_result(d, actor),
        "send_by_post": lambda: services.send_by_post(d, actor, tracking_number=f"EB{d.pk:09d}VN", address="Thôn 2"),
        "withdraw": lambda: services.withdraw(d, actor, reason="Xin rút"),
        "stop": lambda: services.stop(d, actor, reason="Dừng"),
        "propose_apology": lambda: services.propose_apology(
            d, actor, reason="Chậm do chờ ý kiến", new_due_at=due + datetime.timedelta(days=1 + extra % 10)),
        "approve_apology": lambda: services.approve_apology(d, actor),
        "reject_apology": lambda: services.reject_apology(d, actor, reason="Chưa đủ căn cứ"),
    }
    calls[action]()


class DossierLife(RuleBasedStateMachine):
    world = None  # set by the test: built once, outside the examples' savepoints
    clock: Clock = None

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.clock.set(START)
        self.codes: list[str] = []
        self.terminal_since: dict[str, int] = {}  # code → number of events when it became terminal

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def rows(self) -> dict:
        return {d["code"]: d for d in Dossier.objects.filter(code__in=self.codes).values(*WATCHED)}

    def open_codes(self) -> list[str]:
        return list(Dossier.objects.filter(code__in=self.codes).exclude(status__in=Status.terminal())
                    .order_by("pk").values_list("code", flat=True))

    @initialize()
    def first(self):
        self.create("walk_in")

    @precondition(lambda self: len(self.codes) < 5 and len(self.open_codes()) < 2)
    @rule(channel=st.sampled_from(["walk_in", "online"]))
    def create(self, channel):
        d = walk_in(self.world) if channel == "walk_in" else online(self.world)
        events = list(d.events.all())
        assert len(events) == 1 and events[0].from_status is None and events[0].to_status == d.status
        # A walk-in is accepted at once, with its due date; an online submission waits without one.
        assert (d.due_at is not None) == (channel == "walk_in")
        self.codes.append(d.code)

    @rule(data=st.data())
    def act(self, data):
        # Time passes between actions: often not at all, sometimes over nights and weekends.
        self.clock.advance(minutes=data.draw(st.just(0) | st.integers(1, 3 * 24 * 60), label="minutes later"))
        # Mostly an action that moves an open dossier on (so that walks go deep), else any action the
        # status allows that does not end it, or any allowed action, or any action on any dossier (then
        # mostly illegal, and a finished dossier must stay finished).
        mode = data.draw(st.integers(0, 9), label="mode")
        open_codes = self.open_codes()
        code = data.draw(st.sampled_from(open_codes if open_codes and mode < 9 else self.codes), label="dossier")
        d = Dossier.objects.get(code=code)
        pool = sorted(ACTIONS) if mode == 9 else actions_from(d.status)
        if mode < 8:
            pool = [a for a in pool if a not in CLOSING] or pool
        if mode < 4:
            pool = [a for a in FORWARD if a in pool] or pool
        action = data.draw(st.sampled_from(pool), label="action")
        # Mostly one of those whose role fits the action (rules.py then usually lets them act), sometimes
        # anyone (then, unless permitted, the action must be refused and leave no trace).
        fitting = [d.assignee.username if d.assignee_id and name == "assignee" else name
                   for name in FITTING[action] if name != "assignee" or d.assignee_id]
        anyone = data.draw(st.integers(0, 4), label="anyone") == 4
        who = data.draw(st.sampled_from(OFFICIALS if anyone else fitting), label="actor")
        extra = data.draw(st.integers(0, 30), label="extra")

        before, last_pk = self.rows(), DossierEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        try:
            apply(self.world, d, action, self.world.users[who], extra)
        except DomainError:
            assert not DossierEvent.objects.filter(pk__gt=last_pk).exists(), "a refused action wrote an event"
            assert self.rows() == before, "a refused action changed a dossier"
            if d.status not in ACTIONS[action].sources:
                assert action not in services.allowed_actions(d, self.world.users[who])
            return
        # record_payment with a reference already recorded returns the first payment: nothing new.
        new_events = list(DossierEvent.objects.filter(pk__gt=last_pk).select_related("dossier", "actor"))
        after = self.rows()
        assert d.status in ACTIONS[action].sources, f"{action} ran from status {d.status}"
        assert len(new_events) <= 1, "one action, one event"
        if not new_events:
            assert action == "record_payment", f"{action} was applied without an audit event"
            assert after == before, "a repeated payment changed a dossier"
            return
        event = new_events[0]
        APPLIED.add(action)
        assert event.action == action and event.dossier.code == code and event.actor.username == who
        assert event.from_status == before[code]["status"]
        # Nothing but the acted-on dossier changed.
        assert {k: v for k, v in after.items() if k != code} == {k: v for k, v in before.items() if k != code}
        old, new = before[code], after[code]
        if ACTIONS[action].target is not None:
            assert new["status"] == ACTIONS[action].target
        if action in PAUSE_ENDS:
            assert new["due_at"] is None or new["due_at"] >= old["due_at"]
        elif action == "accept":
            assert old["due_at"] is None and new["due_at"] is not None
        else:
            assert new["due_at"] == old["due_at"], f"{action} moved the legal due date"
        if action != "approve_apology":
            assert new["promised_at"] == old["promised_at"], f"{action} changed the appointment"
        assert event.due_at == new["due_at"]

    @invariant()
    def trail_matches_dossiers(self):
        trails = {}
        for e in DossierEvent.objects.filter(dossier__code__in=self.codes).order_by("at", "pk").only(
            "dossier_id", "at", "action", "from_status", "to_status"
        ):
            trails.setdefault(e.dossier_id, []).append(e)
        for code, row in self.rows().items():
            events = trails.get(row["id"], [])
            assert events and events[-1].to_status == row["status"], f"{code}: status is not the trail's"
            # from/to statuses chain: each event starts where the previous one ended.
            for prev, nxt in zip(events, events[1:], strict=False):
                assert nxt.from_status == prev.to_status
            if row["status"] in Status.terminal():
                first = self.terminal_since.setdefault(code, len(events))
                assert all(e.action == "record_payment" for e in events[first:]), f"{code} left a terminal status"
            else:
                assert code not in self.terminal_since, f"{code} left a terminal status"
            accepted = [e for e in events if e.action in ("receive", "accept")]
            assert len(accepted) <= 1
            # The legal date exists exactly from acceptance on.
            assert (row["due_at"] is not None) == bool(accepted)
            if accepted and row["status"] in Status.clock_running():
                assert row["accepted_at"] == accepted[0].at
            # An appointment exists only through an approved apology.
            approved = [e for e in events if e.action == "approve_apology"]
            assert (row["promised_at"] is not None) == bool(approved)


def test_random_walks_keep_the_trail_consistent(monkeypatch):
    world = build_dossier_world()
    clock = Clock(START)
    monkeypatch.setattr("django.utils.timezone.now", clock)
    DossierLife.world, DossierLife.clock = world, clock
    APPLIED.clear()
    # The profile's settings (derandomised in CI), with fewer, longer examples: each step is a few dozen
    # queries and the suite must stay fast. No shrinking: it replays thousands of such steps and runs into
    # pytest's timeout; a failure prints its whole walk (set MOTCUA_SHRINK=1 to shrink it locally).
    profile = hypothesis_settings.default
    phases = list(Phase) if os.environ.get("MOTCUA_SHRINK") else [p for p in Phase if p != Phase.shrink]
    run_state_machine_as_test(
        DossierLife,
        settings=hypothesis_settings(profile, max_examples=min(profile.max_examples, 8), stateful_step_count=40,
                                     phases=phases),
    )
    # The walks went deep enough to mean something: most actions ran for real at least once.
    assert len(APPLIED) >= 12, sorted(set(ACTIONS) - APPLIED)
