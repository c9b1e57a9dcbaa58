"""Every status × every action through the API, as an official the rules would let act.

An action whose sources hold the status works and has its effect; any other answers 409
`illegal_transition` naming the current status and the allowed actions, and changes nothing.
"""

import datetime

import pytest
from django.utils import timezone

from motcua.core.models import OutboxMessage
from motcua.dossiers import services
from motcua.dossiers.models import Apology, ApologyState, Coordination, Dossier, DossierEvent, Pause, Payment
from motcua.dossiers.workflow import ACTIONS, Status, actions_from

from .factories import AGENCY_B, Api, build_dossier_world, drive, rolled_back, token_for

pytestmark = pytest.mark.django_db

CASES = [(status, action) for status in Status.values for action in ACTIONS]


def variant(status: int, action: str) -> dict:
    """What, besides the status, an action needs to be possible at all (so a refusal is the status's)."""
    kw = {}
    if status == Status.PROCESSING and action == "send_back":
        kw["step"] = 3  # the head of division's step may send back; the specialist's may not
    if status == Status.PROCESSING and action == "mark_result_ready":
        kw["step"] = 4
    if action == "answer_coordination" and status in (4, 5, 6, 7, 8):
        kw["coordination"] = True
    if action in ("approve_apology", "reject_apology") and status in Status.clock_running():
        kw["apology"] = True
    return kw


def key(kw: dict) -> tuple:
    return tuple(sorted(kw.items()))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        w = build_dossier_world()
        w.dossiers = {}
        for status, action in CASES:
            kw = variant(status, action)
            if (status, key(kw)) not in w.dossiers:
                w.dossiers[status, key(kw)] = drive(w, status, **kw).code
        w.api_tokens = {name: token_for(user) for name, user in w.users.items()}
        yield w


@pytest.fixture
def api(world):
    return Api(tokens=world.api_tokens)


def actor_for(d: Dossier, action: str) -> str:
    """An official whom rules.py would let run `action` on `d` (were the status right)."""
    on_step = d.assignee.username if d.assignee_id else "head_a"
    if action == "answer_coordination":
        # Only an agency with an open request may answer; no request can be open before processing
        # or after the result, and then only the province administrator still sees the dossier.
        return "specialist_b" if d.coordinations.filter(answered_at__isnull=True).exists() else "province_admin"
    return {
        "accept": "desk_s", "refuse": "desk_s", "hand_over": "desk_s", "return_result": "desk_s",
        "send_by_post": "desk_s",
        "withdraw": "desk_s", "record_payment": "desk_s", "resubmit": "desk_s", "record_obligation_paid": "desk_s",
        "request_supplement": "desk_s" if d.status == Status.SUBMITTED else "specialist_a",
        "next_step": on_step, "send_back": on_step, "mark_result_ready": on_step, "reassign": "head_a",
        "request_coordination": "specialist_a", "request_obligation": "specialist_a", "stop": "head_a",
        "propose_apology": "leader_a", "approve_apology": "leader_a",
        "reject_apology": "leader_a",
    }[action]


def body_for(d: Dossier, action: str) -> dict:
    due = d.due_at or timezone.now()
    return {
        "accept": {"note": "Đủ thành phần"},
        "refuse": {"reason": "Không thuộc thẩm quyền"},
        "request_supplement": {"items": ["Bản vẽ mặt cắt"], "reason": "Thiếu"},
        "resubmit": {"note": "Đã bổ sung"},
        "send_back": {"note": "Thiếu bản vẽ mặt cắt"},
        "reassign": {"assignee": "specialist_a2"},
        "request_coordination": {"agency": AGENCY_B, "request": "Xin ý kiến", "working_days": 3},
        "answer_coordination": {"answer": "Đồng ý"},
        "record_payment": {"amount": 75000, "method": "desk"},
        "request_obligation": {"amount": 1_000_000, "reason": "Tiền sử dụng đất"},
        "mark_result_ready": {"result_number": "12/GPXD", "signer": "Giám đốc Sở"},
        "return_result": {"method": "desk"},
        "send_by_post": {"tracking_number": "EB123456789VN", "address": "12 Trần Hưng Đạo"},
        "withdraw": {"reason": "Công dân xin rút"},
        "stop": {"reason": "Có tranh chấp"},
        "reject_apology": {"reason": "Chưa đủ căn cứ"},
        "propose_apology": {"reason": "Chờ ý kiến cơ quan thuế",
                            "new_due_at": (timezone.localtime(due) + datetime.timedelta(days=10)).isoformat()},
    }.get(action, {})


def snapshot(d: Dossier) -> dict:
    return {
        "row": Dossier.objects.filter(pk=d.pk).values().get(),
        "events": DossierEvent.objects.filter(dossier=d).count(),
        "pauses": list(Pause.objects.filter(dossier=d).values()),
        "coordinations": list(Coordination.objects.filter(dossier=d).values()),
        "apologies": list(Apology.objects.filter(dossier=d).values()),
        "payments": Payment.objects.filter(dossier=d).count(),
        "outbox": OutboxMessage.objects.count(),
    }


def test_every_action_is_allowed_from_some_status_and_every_status_has_an_action():
    # Guards the matrix itself: no dead action, and payment callbacks are never refused.
    assert all(action.sources for action in ACTIONS.values())
    assert all(actions_from(status) for status in Status.values)
    assert all("record_payment" in actions_from(status) for status in Status.values)


@pytest.mark.parametrize(("status", "action"), CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_status_action(world, api, status, action):
    d = Dossier.objects.get(code=world.dossiers[status, key(variant(status, action))])
    assert d.status == status
    who = actor_for(d, action)
    before = snapshot(d)
    r = api.act(who, d.code, action, body_for(d, action))

    if status not in ACTIONS[action].sources:
        assert r.status_code == 409, r.content.decode()
        body = r.json()
        assert body["code"] == "illegal_transition"
        assert body["current_status"] == status
        assert str(Status(status).label) in body["message"]
        assert action not in body["allowed_actions"]
        assert set(body["allowed_actions"]) <= set(actions_from(status))
        assert body["allowed_actions"] == services.allowed_actions(d, world.users[who])
        assert snapshot(d) == before
        return

    assert r.status_code == 200, r.content.decode()
    after = Dossier.objects.get(pk=d.pk)
    body = r.json()
    assert body["status"] == after.status
    events = list(DossierEvent.objects.filter(dossier=d).order_by("pk"))
    assert len(events) == before["events"] + 1
    event = events[-1]
    assert (event.action, event.from_status, event.to_status) == (action, status, after.status)
    assert event.actor.username == who

    target = ACTIONS[action].target
    if target is not None:
        assert after.status == target
    else:
        expected_status = {"resubmit": Status.PROCESSING}.get(action, status)
        assert after.status == expected_status
    effect_of(action, d, after, before)


def effect_of(action: str, d: Dossier, after: Dossier, before: dict) -> None:
    row = before["row"]
    if action == "accept":
        assert after.accepted_at is not None and after.due_at > after.accepted_at
        assert after.process_version_id is not None and after.time_limit == 15
    elif action == "hand_over":
        assert after.current_step.order == 2 and after.assignee.username in {"specialist_a", "specialist_a2"}
    elif action == "next_step":
        assert after.current_step.order == 3 and after.assignee.username == "head_a"
    elif action == "send_back":
        assert after.current_step.order == 2 and after.assignee.username == "specialist_a"
    elif action == "reassign":
        assert after.assignee.username == "specialist_a2"
    elif action == "request_coordination":
        assert after.coordinations.filter(answered_at__isnull=True, agency__code=AGENCY_B).count() == 1
    elif action == "answer_coordination":
        item = after.coordinations.get()
        assert item.answered_at is not None and item.answer == "Đồng ý"
    elif action in ("request_supplement", "request_obligation"):
        pause = after.pauses.get(ended_at__isnull=True)
        assert pause.resume_status == row["status"]
    elif action in ("resubmit", "record_obligation_paid"):
        assert not after.pauses.filter(ended_at__isnull=True).exists()
        assert after.paused_since is None and after.due_at >= row["due_at"]
    elif action == "record_payment":
        assert after.fee_paid == row["fee_paid"] + 75000
        assert after.payments.get().status_at_payment == row["status"]
    elif action == "mark_result_ready":
        assert after.finished_at is not None and after.result_number == "12/GPXD"
    elif action == "return_result":
        assert after.returned_at is not None and after.return_method == "desk"
    elif action == "send_by_post":
        assert after.shipment.tracking_number == "EB123456789VN" and after.return_method == "post"
        assert after.returned_at is None  # handed over only when the post confirms delivery
    elif action in ("withdraw", "stop", "refuse"):
        assert after.closing_reason
        assert not after.pauses.filter(ended_at__isnull=True).exists()
    elif action == "propose_apology":
        assert after.apologies.filter(state=ApologyState.PROPOSED).count() == len(before["apologies"]) + 1
        assert after.promised_at is None
    elif action == "approve_apology":
        apology = after.apologies.get()
        assert apology.state == ApologyState.APPROVED and after.promised_at == apology.new_due_at
    elif action == "reject_apology":
        apology = after.apologies.get()
        assert apology.state == ApologyState.REJECTED and after.promised_at is None
    # The legal due date is only ever moved by the end of a pause.
    if action not in ("accept", "resubmit", "record_obligation_paid"):
        assert after.due_at == row["due_at"]


def test_supplement_asked_before_acceptance_comes_back_to_the_desk(world, api):
    """1 → 5 → 1: no legal clock runs before acceptance, and resubmission returns to the desk's queue."""
    d = Dossier.objects.get(code=world.dossiers[1, ()])
    r = api.act("desk_s", d.code, "request_supplement", {"items": ["Bản vẽ mặt cắt"], "reason": "Thiếu"})
    assert r.status_code == 200, r.content.decode()
    assert r.json()["status"] == 5 and r.json()["due_at"] is None
    r = api.act("citizen", d.code, "resubmit", {"note": "Đã bổ sung"})
    assert r.status_code == 200, r.content.decode()
    assert r.json()["status"] == 1 and "accept" in api.get("desk_s", f"/dossiers/{d.code}").json()["allowed_actions"]
