"""The journey of the issue's "done means", through the officials' API with bearer tokens."""

import datetime

import pytest
from django.utils import timezone

from motcua.directory.tests.signin import api_token
from motcua.dossiers.models import Dossier, DossierEvent

from .factories import OWNER, build_dossier_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_dossier_world()


class Api:
    def __init__(self, client):
        self.client = client
        self.tokens = {}

    def login(self, username):
        if username not in self.tokens:
            self.tokens[username] = api_token(self.client, username)
        return {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[username]}"}

    def get(self, who, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self.login(who))

    def post(self, who, path, body=None):
        return self.client.post(f"/api/v1{path}", body or {}, content_type="application/json", **self.login(who))

    def act(self, who, code, action, expect=200, **body):
        r = self.post(who, f"/dossiers/{code}/actions/{action}", body)
        assert r.status_code == expect, r.content.decode()
        return r.json()


@pytest.fixture
def api(client):
    return Api(client)


def test_walk_in_to_returned_result(world, api):
    r = api.post("desk_s", "/dossiers", {
        "procedure": "1.009994", "owner": OWNER, "summary": "Xây nhà 3 tầng",
        "files": [{"required_document": world.procedure.documents.first().pk, "originals": 1}],
    })
    assert r.status_code == 201, r.content
    d = r.json()
    code = d["code"]
    today = timezone.localdate()
    assert code == f"000.30.00.H99-{today:%y%m%d}-0001"
    assert d["status"] == 2 and d["competent_agency"]["code"] == "000.12.00.H99"
    assert d["due_at"] is not None and "hand_over" in d["allowed_actions"]

    d = api.act("desk_s", code, "hand_over")
    assert d["status"] == 4 and d["current_step"]["order"] == 2
    specialist = d["assignee"]
    assert specialist in {"specialist_a", "specialist_a2"}

    d = api.act(specialist, code, "next_step")
    assert d["current_step"]["order"] == 3 and d["assignee"] == "head_a"
    d = api.act("head_a", code, "send_back", note="Thiếu bản vẽ mặt cắt")
    assert d["current_step"]["order"] == 2 and d["assignee"] == specialist

    d = api.act(specialist, code, "request_coordination", agency="000.13.00.H99", request="Xin ý kiến",
                working_days=3)
    assert d["coordinations"][0]["answered_at"] is None
    # The coordinating agency now sees the dossier and answers.
    assert api.get("specialist_b", f"/dossiers/{code}").status_code == 200
    d = api.act("specialist_b", code, "answer_coordination", answer="Đồng ý")
    assert d["status"] == 4
    assert api.get("specialist_b", f"/dossiers/{code}").status_code == 404

    before = Dossier.objects.get(code=code).due_at
    d = api.act(specialist, code, "request_supplement", items=["Bản vẽ mặt cắt"], reason="Thiếu")
    assert d["status"] == 5
    d = api.act("desk_s", code, "resubmit", note="Đã bổ sung")
    assert d["status"] == 4
    assert Dossier.objects.get(code=code).due_at >= before

    d = api.act(specialist, code, "next_step")
    d = api.act("head_a", code, "next_step")
    assert d["current_step"]["order"] == 4 and d["assignee"] == "leader_a"
    d = api.act("leader_a", code, "mark_result_ready", result_number="123/GPXD", signer="Lãnh đạo Sở")
    assert d["status"] == 9
    d = api.act("desk_s", code, "return_result", method="desk")
    # Only a late payment can still be recorded: a gateway callback is never refused.
    assert d["status"] == 10 and d["allowed_actions"] == ["record_payment"]

    actions = list(DossierEvent.objects.filter(dossier__code=code).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "receive", "hand_over", "next_step", "send_back", "request_coordination", "answer_coordination",
        "request_supplement", "resubmit", "next_step", "next_step", "mark_result_ready", "return_result",
    ]
    api.act("desk_s", code, "withdraw", expect=409, reason="muộn")


def test_online_submission_refused(world, api):
    r = api.post("citizen", "/dossiers/online", {"procedure": "1.009994", "owner": OWNER, "idempotency_key": "k1"})
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    assert r.json()["status"] == 1
    again = api.post("citizen", "/dossiers/online", {"procedure": "1.009994", "owner": OWNER, "idempotency_key": "k1"})
    assert again.json()["code"] == code
    d = api.act("desk_s", code, "refuse", reason="Không thuộc thẩm quyền")
    assert d["status"] == 3
    err = api.act("desk_s", code, "accept", expect=409)
    assert err["code"] == "illegal_transition" and err["current_status"] == 3 and err["allowed_actions"] == ["record_payment"]
    assert "Không được tiếp nhận" in err["message"]


def test_apology_sets_promised_date_but_dossier_stays_late(world, api, settings):
    code = api.post("desk_s", "/dossiers", {"procedure": "1.009994", "owner": OWNER}).json()["code"]
    api.act("desk_s", code, "hand_over")
    due = Dossier.objects.get(code=code).due_at
    new_date = (timezone.localtime(due) + datetime.timedelta(days=7)).isoformat()
    d = api.act("leader_a", code, "propose_apology", reason="Chờ ý kiến cơ quan thuế", new_due_at=new_date)
    assert d["promised_at"] is None and "approve_apology" in d["allowed_actions"]
    d = api.act("leader_a", code, "approve_apology")
    assert d["promised_at"] is not None
    # Past the legal date the dossier is overdue, whatever the new appointment says.
    Dossier.objects.filter(code=code).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    listed = api.get("leader_a", "/dossiers", overdue="true").json()
    assert [item["code"] for item in listed["items"]] == [code]
    assert listed["items"][0]["overdue"] is True


def test_list_shows_unfinished_dossiers_unless_asked(world, api):
    open_code = api.post("desk_s", "/dossiers", {"procedure": "1.009994", "owner": OWNER}).json()["code"]
    done_code = api.post("desk_s", "/dossiers", {"procedure": "1.009994", "owner": OWNER}).json()["code"]
    api.act("desk_s", done_code, "withdraw", reason="Công dân xin rút")
    default = api.get("desk_s", "/dossiers").json()
    assert [i["code"] for i in default["items"]] == [open_code] and default["count"] == 1
    everything = api.get("desk_s", "/dossiers", include_finished="true").json()
    assert {i["code"] for i in everything["items"]} == {open_code, done_code}
    assert api.get("desk_s", "/dossiers", status=7).json()["count"] == 1
