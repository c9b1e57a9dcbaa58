"""Who may see and do what, over every endpoint of the officials' dossier API.

Out of scope is 404 (never 403: nobody learns that a code exists); in scope but not allowed to act
is 403; no token is 401. A dossier in the list is exactly a dossier its detail would show.
"""

import datetime

import pytest
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierEvent, TurnedAwayVisit
from motcua.dossiers.workflow import ACTIONS

from .factories import (
    AGENCY_B,
    OWNER,
    Api,
    build_dossier_world,
    drive,
    historical_dossier,
    more_people,
    rolled_back,
    token_for,
    walk_in,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = None
DESK, DESK_ELSEWHERE = "desk_s", "desk_c2"
COMPETENT = ["specialist_a", "head_a", "leader_a"]
ROLES = [DESK, DESK_ELSEWHERE, *COMPETENT, "specialist_b", "admin_a", "province_admin", "supervisor",
         "citizen", "citizen2", "specialist_c2", "nobody", ANONYMOUS]
# Who sees a dossier received at the province's desk (S) for Sở Xây dựng (A), submitted online by
# `citizen`: the desk, the competent agency, the province, the supervisor, and its owner.
SEES = {DESK, *COMPETENT, "province_admin", "supervisor", "citizen"}

# For each action: the dossier it is tried on (drive() keywords: a status the action runs from) and
# who, among those who see it, may run it (rules.py). The province administrator may do anything.
SETUPS = {
    "accept": ({"status": 1}, {DESK}),
    "refuse": ({"status": 1}, {DESK}),
    "request_supplement": ({"status": 4}, set(COMPETENT)),
    "resubmit": ({"status": 5}, {DESK, "citizen"}),
    "hand_over": ({"status": 2}, {DESK}),
    "next_step": ({"status": 4}, set(COMPETENT)),  # the assignee (specialist_a) and those supervising
    "send_back": ({"status": 4, "step": 3}, {"head_a", "leader_a"}),
    "reassign": ({"status": 4}, set(COMPETENT)),
    "request_coordination": ({"status": 4}, set(COMPETENT)),
    "answer_coordination": ({"status": 4, "coordination": True}, {"specialist_b"}),
    "record_payment": ({"status": 4}, {DESK, *COMPETENT}),
    "request_obligation": ({"status": 4}, set(COMPETENT)),
    "record_obligation_paid": ({"status": 6}, {DESK, *COMPETENT}),
    "mark_result_ready": ({"status": 4, "step": 4}, {"head_a", "leader_a"}),
    "return_result": ({"status": 9}, {DESK, "citizen"}),
    "send_by_post": ({"status": 9}, {DESK}),
    "withdraw": ({"status": 4}, {DESK, "citizen"}),
    "stop": ({"status": 4}, {"head_a", "leader_a"}),
    "propose_apology": ({"status": 4}, set(COMPETENT)),
    "approve_apology": ({"status": 4, "apology": True}, {"leader_a"}),
    "reject_apology": ({"status": 4, "apology": True}, {"leader_a"}),
}
BODIES = {
    "refuse": {"reason": "Không thuộc thẩm quyền"},
    "reject_apology": {"reason": "Chưa đủ căn cứ"},
    "request_supplement": {"items": ["Bản vẽ mặt cắt"], "reason": "Thiếu"},
    "send_back": {"note": "Thiếu bản vẽ"},
    "reassign": {"assignee": "specialist_a2"},
    "request_coordination": {"agency": AGENCY_B, "request": "Xin ý kiến", "working_days": 3},
    "answer_coordination": {"answer": "Đồng ý"},
    "record_payment": {"amount": 75000},
    "request_obligation": {"amount": 1_000_000, "reason": "Tiền sử dụng đất"},
    "withdraw": {"reason": "Công dân xin rút"},
    "send_by_post": {"tracking_number": "EB123456789VN", "address": "12 Trần Hưng Đạo"},
    "stop": {"reason": "Có tranh chấp"},
}


def key(kw: dict) -> tuple:
    return tuple(sorted(kw.items()))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        w = more_people(build_dossier_world())
        w.codes = {}
        for kw, _ in SETUPS.values():
            if key(kw) not in w.codes:
                w.codes[key(kw)] = drive(w, account="citizen", **kw).code
        # For the list: one received at another desk, one of a dissolved district, one of another citizen.
        w.elsewhere = walk_in(w, actor=DESK_ELSEWHERE).code
        w.historical = historical_dossier(w).code
        w.other_citizens = drive(w, 1, account="citizen2").code
        w.api_tokens = {name: token_for(user) for name, user in w.users.items()}
        yield w


@pytest.fixture
def api(world):
    return Api(tokens=world.api_tokens)


def role_id(role):
    return role or "anonymous"


def test_no_token_or_a_bad_token_is_401_everywhere(world, api):
    code = world.codes[key({"status": 4})]
    paths = [("get", "/dossiers"), ("get", f"/dossiers/{code}"), ("post", "/dossiers"),
             ("post", "/dossiers/online"), ("post", "/dossiers/turned-away")]
    paths += [("post", f"/dossiers/{code}/actions/{action}") for action in ACTIONS]
    for method, path in paths:
        for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}):
            call = api.client.get if method == "get" else api.client.post
            r = call(f"/api/v1{path}", **headers) if method == "get" else call(
                f"/api/v1{path}", {}, content_type="application/json", **headers)
            assert r.status_code == 401, (path, r.content)
            assert r.json()["code"] == "unauthenticated"


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_detail(world, api, role):
    code = world.codes[key({"status": 4})]
    r = api.get(role, f"/dossiers/{code}")
    if role is ANONYMOUS:
        assert r.status_code == 401
    elif role in SEES:
        assert r.status_code == 200, r.content
        assert r.json()["code"] == code and r.json()["owner"]["id_number"] == OWNER["id_number"]
    else:
        assert r.status_code == 404, r.content
        # The same answer as for a code that does not exist: nothing leaks.
        unknown = api.get(role, "/dossiers/000.30.00.H99-990101-9999").json()
        assert r.json()["code"] == unknown["code"] == "dossier_not_found"


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_list_shows_exactly_the_dossiers_in_scope(world, api, role):
    r = api.get(role, "/dossiers", limit=200, include_finished="true")
    if role is ANONYMOUS:
        assert r.status_code == 401
        return
    assert r.status_code == 200, r.content
    listed = {item["code"] for item in r.json()["items"]}
    assert r.json()["count"] == len(listed)
    everything = set(Dossier.objects.values_list("code", flat=True))
    received_at_s = set(world.codes.values()) | {world.other_citizens}
    expected = {
        DESK: received_at_s,
        DESK_ELSEWHERE: {world.elsewhere, world.historical},  # its own desk, and the dissolved district's
        "specialist_b": set(),  # only while Sở Tư pháp is asked to coordinate
        "admin_a": set(),  # administrators configure; they do not read dossiers
        "province_admin": everything,
        "supervisor": everything,
        "citizen": set(world.codes.values()),
        "citizen2": {world.other_citizens},
        "specialist_c2": {world.historical},
        "nobody": set(),
    }
    for official in COMPETENT:
        expected[official] = received_at_s | {world.elsewhere}
    if role == "specialist_b":
        expected[role] = {world.codes[key({"status": 4, "coordination": True})]}
    assert listed == expected[role]
    # A listed dossier opens: the list and the detail agree on scope.
    for code in sorted(listed)[:1]:
        assert api.get(role, f"/dossiers/{code}").status_code == 200


ACTION_CASES = [(action, role) for action in ACTIONS for role in ROLES if role is not ANONYMOUS]


@pytest.mark.parametrize(("action", "role"), ACTION_CASES, ids=[f"{a}-{r}" for a, r in ACTION_CASES])
def test_action(world, api, action, role):
    setup, allowed = SETUPS[action]
    d = Dossier.objects.get(code=world.codes[key(setup)])
    sees = SEES | ({"specialist_b"} if setup.get("coordination") else set())
    body = dict(BODIES.get(action, {}))
    if action == "propose_apology":
        body = {"reason": "Chờ ý kiến", "new_due_at": (timezone.localtime(d.due_at) + datetime.timedelta(days=5))
                .isoformat()}
    events = DossierEvent.objects.filter(dossier=d).count()
    r = api.act(role, d.code, action, body)
    if role not in sees:
        assert r.status_code == 404, r.content
        assert r.json()["code"] == "dossier_not_found"
    elif role in allowed or role == "province_admin":
        assert r.status_code == 200, r.content
        assert DossierEvent.objects.filter(dossier=d).count() == events + 1
        return
    else:
        assert r.status_code == 403, r.content
        assert r.json()["code"] == "not_permitted" and r.json()["message"]
        assert action not in r.json()["allowed_actions"]
    assert DossierEvent.objects.filter(dossier=d).count() == events


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_walk_in_reception(world, api, role):
    before = Dossier.objects.count()
    r = api.post(role, "/dossiers", {"procedure": "1.009994", "owner": OWNER})
    if role is ANONYMOUS:
        assert r.status_code == 401
    elif role in (DESK, DESK_ELSEWHERE):
        # Filing does not depend on where one lives: any desk receives, for the competent agency.
        assert r.status_code == 201, r.content
        receiving = {DESK: "000.30.00.H99", DESK_ELSEWHERE: "001.00.40.H99"}[role]
        assert r.json()["receiving_agency"]["code"] == receiving
        assert r.json()["competent_agency"]["code"] == "000.12.00.H99"
        return
    else:
        # Only a desk officer receives (a province administrator must say at which desk).
        assert r.status_code == 403, r.content
        assert r.json()["code"] == "not_a_desk_officer"
    assert Dossier.objects.count() == before


def test_province_admin_receives_at_a_desk_it_names(world, api):
    r = api.post("province_admin", "/dossiers", {"procedure": "1.009994", "owner": OWNER,
                                                 "desk": world.desks["S"].pk})
    assert r.status_code == 201, r.content
    # A desk officer cannot receive at someone else's desk.
    r = api.post(DESK, "/dossiers", {"procedure": "1.009994", "owner": OWNER, "desk": world.desks["C2"].pk})
    assert r.status_code == 403 and r.json()["code"] == "not_your_desk"


@pytest.mark.parametrize("role", ["citizen", "citizen2", DESK, ANONYMOUS], ids=role_id)
def test_online_submission_belongs_to_the_submitter(world, api, role):
    r = api.post(role, "/dossiers/online", {"procedure": "1.009994", "owner": OWNER})
    if role is ANONYMOUS:
        assert r.status_code == 401
        return
    assert r.status_code == 201, r.content
    d = Dossier.objects.get(code=r.json()["code"])
    assert d.status == 1 and d.account.username == role
    # The submitter follows it; another citizen does not see it.
    assert api.get(role, f"/dossiers/{d.code}").status_code == 200
    other = "citizen2" if role == "citizen" else "citizen"
    assert api.get(other, f"/dossiers/{d.code}").status_code == 404


@pytest.mark.parametrize("role", ROLES, ids=role_id)
def test_turned_away_visit(world, api, role):
    before = TurnedAwayVisit.objects.count()
    r = api.post(role, "/dossiers/turned-away", {
        "procedure": "1.009994", "person": OWNER, "form": "02", "guidance": "Cần bổ sung bản vẽ",
        "items": ["Bản vẽ mặt cắt"],
    })
    if role is ANONYMOUS:
        assert r.status_code == 401
    elif role in (DESK, DESK_ELSEWHERE):
        assert r.status_code == 201, r.content
        visit = TurnedAwayVisit.objects.get(pk=r.json()["id"])
        assert visit.official.username == role and visit.form == "02"
        return
    else:
        assert r.status_code == 403, r.content
    assert TurnedAwayVisit.objects.count() == before


class TestDissolvedAgency:
    """Huyện Đông and Xã Cũ ended on 30/6/2025; Xã Mới carries their files on."""

    def test_successor_officials_see_and_act(self, world, api):
        code = world.historical
        assert api.get("specialist_c2", f"/dossiers/{code}").status_code == 200
        assert api.get(DESK_ELSEWHERE, f"/dossiers/{code}").status_code == 200
        d = api.act(DESK_ELSEWHERE, code, "hand_over").json()
        # The work goes to the successor's specialist, and the history keeps the agencies of the time.
        assert d["status"] == 4 and d["assignee"] == "specialist_c2"
        assert d["competent_agency"]["code"] == "002.00.40.H99"
        assert d["receiving_agency"]["code"] == "000.00.40.H99"
        r = api.act("specialist_c2", code, "mark_result_ready", {"result_number": "5/CT"})
        assert r.status_code == 200 and r.json()["status"] == 9, r.content

    @pytest.mark.parametrize("role", ["specialist_c1", "desk_d", DESK, "specialist_a"])
    def test_officials_of_the_old_agencies_or_elsewhere_do_not(self, world, api, role):
        code = world.historical
        # Roles in a dissolved agency ended with it.
        assert api.get(role, f"/dossiers/{code}").status_code == 404
        assert api.act(role, code, "hand_over").status_code == 404
