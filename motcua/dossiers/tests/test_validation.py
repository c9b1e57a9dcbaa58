"""Bad input gets a clear JSON error (a machine code and a Vietnamese message) and writes nothing.

422 for a bad body, naming the field; 409 for an action the dossier's state does not allow; 404 for a
code nobody may see. After any refusal every table the dossier API writes is as it was, the counter
of dossier numbers included.
"""

import datetime

import pytest
from django.utils import timezone

from motcua.core.models import OutboxMessage
from motcua.dossiers.models import (
    Apology,
    Coordination,
    Dossier,
    DossierCounter,
    DossierEvent,
    DossierFile,
    Party,
    Pause,
    Payment,
    TurnedAwayVisit,
)

from .factories import AGENCY_B, OWNER, Api, build_dossier_world, drive, rolled_back, token_for

pytestmark = pytest.mark.django_db

VIETNAMESE = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
TABLES = [Dossier, Party, DossierEvent, DossierFile, Pause, Coordination, Apology, Payment, TurnedAwayVisit,
          OutboxMessage]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        w = build_dossier_world()
        w.d = {name: drive(w, status, **kw).code for name, status, kw in [
            ("accepted", 2, {}), ("step2", 4, {}), ("step4", 4, {"step": 4}), ("returned", 10, {}),
        ]}
        w.api_tokens = {name: token_for(user) for name, user in w.users.items()}
        yield w


@pytest.fixture
def api(world):
    return Api(tokens=world.api_tokens)


def state() -> dict:
    counters = dict(DossierCounter.objects.values_list("agency_id", "last"))
    return {"counters": counters, **{model.__name__: model.objects.count() for model in TABLES},
            "dossiers": list(Dossier.objects.order_by("pk").values())}


def refused(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert VIETNAMESE & set(body["message"].lower()), body["message"]
    return body


WALK_IN = {"procedure": "1.009994", "owner": OWNER}

BAD_BODIES = [
    # (path, body, the field named)
    ("/dossiers", {}, "procedure"),
    ("/dossiers", {"procedure": "1.009994"}, "owner"),
    ("/dossiers", {**WALK_IN, "owner": {**OWNER, "name": ""}}, "owner.name"),
    ("/dossiers", {**WALK_IN, "owner": {**OWNER, "kind": "robot"}}, "owner.kind"),
    ("/dossiers", {**WALK_IN, "sets": 0}, "sets"),
    ("/dossiers", {**WALK_IN, "return_method": "fax"}, "return_method"),
    ("/dossiers", {**WALK_IN, "files": [{"originals": -1}]}, "files.0.originals"),
    ("/dossiers", {**WALK_IN, "owner": {**OWNER, "birth_date": "31/02/1990"}}, "owner.birth_date"),
    ("/dossiers/online", {"procedure": "1.009994", "owner": {}}, "owner.name"),
    ("/dossiers/turned-away", {"procedure": "1.009994", "person": OWNER, "form": "04", "guidance": "x"}, "form"),
    ("/dossiers/turned-away", {"procedure": "1.009994", "person": OWNER, "form": "02", "guidance": ""}, "guidance"),
    ("{accepted}/refuse", {}, "reason"),
    ("{accepted}/withdraw", {"reason": ""}, "reason"),
    ("{accepted}/record_payment", {"amount": 0}, "amount"),
    ("{accepted}/record_payment", {"amount": "nhiều"}, "amount"),
    ("{step2}/request_supplement", {"items": []}, "items"),
    ("{step2}/reassign", {}, "assignee"),
    ("{step2}/request_coordination", {"agency": AGENCY_B, "request": "x", "working_days": 0}, "working_days"),
    ("{step2}/request_obligation", {"amount": 100, "reason": ""}, "reason"),
    ("{step2}/send_back", {}, "note"),
    ("{step2}/propose_apology", {"reason": "Chậm", "new_due_at": "tuần sau"}, "new_due_at"),
    ("{step2}/answer_coordination", {"answer": ""}, "answer"),
]


def path_of(world, path: str) -> str:
    if path.startswith("{"):
        name, action = path[1:].split("}/")
        return f"/dossiers/{world.d[name]}/actions/{action}"
    return path


@pytest.mark.parametrize(("path", "body", "field"), BAD_BODIES,
                         ids=[f"{p.values[0]}:{p.values[2]}" if hasattr(p, "values") else f"{p[0]}:{p[2]}"
                              for p in BAD_BODIES])
def test_a_bad_body_is_422_naming_the_field(world, api, path, body, field):
    before = state()
    body = refused(api.post("desk_s", path_of(world, path), body), 422, "invalid_input")
    assert field in [error["field"] for error in body["errors"]], body["errors"]
    assert all(error["message"] for error in body["errors"])
    assert state() == before


@pytest.mark.parametrize(
    ("params", "code"),
    [({"status": 11}, "invalid_status"), ({"status": 0}, "invalid_status"), ({"due_within": -1}, "invalid_due_within"),
     ({"due_within": 366}, "invalid_due_within"), ({"limit": 0}, "invalid_page"), ({"limit": 201}, "invalid_page"),
     ({"offset": -1}, "invalid_page"), ({"offset": 12387299727446566912}, "invalid_page")],
)
def test_bad_list_filters_are_422(world, api, params, code):
    refused(api.get("leader_a", "/dossiers", **params), 422, code)


def test_a_malformed_filter_names_the_parameter(world, api):
    body = refused(api.get("leader_a", "/dossiers", status="mười"), 422, "invalid_input")
    assert [e["field"] for e in body["errors"]] == ["status"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**WALK_IN, "procedure": "9.999999"}, "procedure_not_found"),
        ({**WALK_IN, "competent_agency": "999.99.99.H99"}, "agency_not_found"),
        ({**WALK_IN, "competent_agency": "000.13.00.H99"}, "agency_not_competent"),
        ({**WALK_IN, "desk": 999_999}, "desk_not_found"),
        ({**WALK_IN, "owner": {**OWNER, "name": "   "}}, "party_name_required"),
        # Fails after the dossier row, its owner and its number were written: all of it goes back.
        ({**WALK_IN, "files": [{"required_document": 999_999, "originals": 1}]}, "unknown_document"),
        ({**WALK_IN, "files": [{"originals": 1}]}, "unknown_document"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_refused_reception_writes_nothing_and_takes_no_number(world, api, body, code):
    before = state()
    refused(api.post("desk_s", "/dossiers", body), 422, code)
    assert state() == before
    # The next reception gets the next number: none was lost.
    last = before["counters"].get(world.agencies["S"].pk, 0)
    created = api.post("desk_s", "/dossiers", WALK_IN)
    assert created.status_code == 201 and created.json()["code"].endswith(f"-{last + 1:04d}")


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("{step2}/reassign", {"assignee": "khong_co_ai"}, 422, "user_not_found"),
        ("{step2}/reassign", {"assignee": "desk_s"}, 422, "assignee_not_eligible"),
        ("{accepted}/hand_over", {"assignee": "specialist_b"}, 422, "assignee_not_eligible"),
        ("{step2}/request_coordination", {"agency": "000.12.00.H99", "request": "Xin ý kiến"}, 422, "same_agency"),
        ("{step2}/request_coordination", {"agency": "002.00.40.H99", "request": "Xin ý kiến"}, 422,
         "agency_inactive"),
        ("{step2}/refuse", {"reason": "   "}, 422, "reason_required"),
        ("{step2}/request_supplement", {"items": ["Bản vẽ"]}, 200, None),  # control: the body is fine
        ("{step4}/next_step", {}, 409, "no_next_step"),
        ("{step2}/mark_result_ready", {}, 409, "not_last_step"),
        ("{step2}/send_back", {"note": "Trả lại"}, 409, "send_back_not_allowed"),
        ("{returned}/withdraw", {"reason": "Muộn"}, 409, "illegal_transition"),
        ("{accepted}/return_result", {"method": "desk"}, 409, "illegal_transition"),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("{") else None,
)
def test_refused_actions_change_nothing(world, api, path, body, status, code):
    who = {"reassign": "head_a", "hand_over": "desk_s", "next_step": "leader_a", "mark_result_ready": "specialist_a",
           "send_back": "specialist_a", "withdraw": "desk_s", "return_result": "desk_s"}.get(
        path.rsplit("/", 1)[1], "specialist_a")
    before = state()
    r = api.post(who, path_of(world, path), body)
    if code is None:
        assert r.status_code == status, r.content
        return
    refused(r, status, code)
    assert state() == before


def test_an_illegal_transition_names_the_status_and_what_is_allowed(world, api):
    body = refused(api.post("desk_s", path_of(world, "{returned}/withdraw"), {"reason": "Muộn"}), 409,
                   "illegal_transition")
    assert body["current_status"] == 10 and body["current_status_name"] == "Đã trả kết quả"
    assert body["allowed_actions"] == ["record_payment"]
    assert "Đã trả kết quả" in body["message"]


def test_an_apology_after_the_due_date_is_409(world, api):
    code = world.d["step2"]
    Dossier.objects.filter(code=code).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    before = state()
    refused(api.post("leader_a", f"/dossiers/{code}/actions/propose_apology",
                     {"reason": "Chậm", "new_due_at": (timezone.now() + datetime.timedelta(days=3)).isoformat()}),
            409, "due_passed")
    assert state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_code_is_404_naming_it(world, api, method):
    code = "000.30.00.H99-990101-9999"
    r = api.get("leader_a", f"/dossiers/{code}") if method == "get" else api.post(
        "desk_s", f"/dossiers/{code}/actions/accept", {})
    body = refused(r, 404, "dossier_not_found")
    assert code in body["message"]


def test_an_unknown_action_is_a_json_404(world, api):
    before = state()
    body = refused(api.post("desk_s", f"/dossiers/{world.d['accepted']}/actions/chuyen_tiep", {}), 404,
                   "unknown_action")
    assert "hand_over" in body["actions"]
    assert state() == before
    # Out of scope, the answer does not say whether the dossier exists.
    refused(api.post("specialist_b", f"/dossiers/{world.d['accepted']}/actions/chuyen_tiep", {}), 404,
            "dossier_not_found")
