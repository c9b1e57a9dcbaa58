"""Every officials' page × every role. Objects outside the scope are 404; pages a role does not use are 403
(citizens: the whole area); anonymous visitors go to the sign-in page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.directory.tests.signin import sign_in
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .factories import OWNER, build_dossier_world, more_people, rolled_back, walk_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
ANONYMOUS = None
ROLES = ["desk_s", "desk_c2", "specialist_a", "head_a", "leader_a", "specialist_b", "admin_a", "province_admin",
         "supervisor", "citizen", ANONYMOUS]
COMPETENT = {"specialist_a", "head_a", "leader_a"}
SEES = {"desk_s", *COMPETENT, "province_admin", "supervisor"}
DESKS = {"desk_s", "desk_c2"}


@pytest.fixture(scope="module")
def setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    media, settings.MEDIA_ROOT = settings.MEDIA_ROOT, tmp_path_factory.mktemp("media")
    with rolled_back(django_db_blocker):
        w = more_people(build_dossier_world())
        u = w.users
        first = w.procedure.documents.order_by("order").first()
        scanned = walk_in(w, files=[{"required_document": first.pk, "originals": 1,
                                     "scan": SimpleUploadedFile("don.pdf", PDF)}])
        working = services.hand_over(scanned, u["desk_s"], assignee=u["specialist_a"])
        done = services.hand_over(walk_in(w), u["desk_s"], assignee=u["specialist_a"])
        done = services.next_step(services.next_step(done, u["specialist_a"]), u["head_a"])
        done = services.mark_result_ready(done, u["leader_a"], result_number="1/GP", signer="GĐ",
                                          result_file=SimpleUploadedFile("kq.pdf", PDF))
        visit = services.record_turned_away(u["desk_s"], procedure=w.procedure, person=OWNER, form="02",
                                            guidance="Bổ sung bản vẽ", items=["Bản vẽ"])
        clients = {}
        for role in ROLES:
            clients[role] = Client()
            if role:
                sign_in(clients[role], role)
        yield {"w": w, "working": working, "done": done, "visit": visit, "clients": clients,
               "file": working.files.exclude(scan="").get()}
    settings.MEDIA_ROOT = media


def expectations(s) -> list[tuple[str, dict]]:
    """(url, {role: status}); roles not named get `default`, written as the key "*"."""
    d, r, v, f = s["working"].code, s["done"].code, s["visit"].pk, s["file"].pk
    official = {role: 200 for role in ROLES if role not in ("citizen", ANONYMOUS)}
    desk_page = {"*": 403, "desk_s": 200, "desk_c2": 200}
    registers = {"*": 403, "desk_s": 200, "desk_c2": 200, "province_admin": 200, "supervisor": 200}
    seen = {"*": 404, **{role: 200 for role in SEES}}
    act = {**seen, "desk_s": 403, "supervisor": 403}  # they see it, but the step is not theirs
    visit = {"*": 403, "desk_s": 200, "desk_c2": 404}
    return [
        ("/can-bo/", official),
        ("/can-bo/ho-so/", official),
        ("/can-bo/ho-so/?overdue=on&due_within=3&mine=on", official),
        ("/can-bo/tiep-nhan/", desk_page),
        ("/can-bo/tiep-nhan/?procedure=1.009994", desk_page),
        ("/can-bo/thu-tuc/?q=xay+dung", desk_page),
        ("/can-bo/khong-tiep-nhan/?procedure=1.009994", desk_page),
        ("/can-bo/cho-tiep-nhan/", desk_page),
        ("/can-bo/cho-tra-ket-qua/", desk_page),
        ("/can-bo/so-theo-doi/", registers),
        ("/can-bo/so-theo-doi/?date_from=2026-01-01&date_to=2026-12-31&kind=06", registers),
        ("/can-bo/so-theo-doi/?date_from=2026-01-01&date_to=2026-12-31&kind=turned_away", registers),
        (f"/can-bo/ho-so/{d}/", seen),
        (f"/can-bo/ho-so/{d}/xu-ly/next_step/", act),
        (f"/can-bo/ho-so/{d}/xu-ly/stop/", {**seen, "desk_s": 403, "supervisor": 403, "specialist_a": 403}),
        (f"/can-bo/ho-so/{d}/xu-ly/no_such_action/", {**seen, **{k: 404 for k in SEES}}),
        (f"/can-bo/ho-so/{d}/tep/{f}/", seen),
        (f"/can-bo/ho-so/{d}/mau/01.pdf", seen),
        (f"/can-bo/ho-so/{d}/mau/05.pdf", seen),
        (f"/can-bo/ho-so/{r}/", seen),
        (f"/can-bo/ho-so/{r}/ket-qua/", seen),
        (f"/can-bo/ho-so/{r}/xu-ly/return_result/", {**seen, **{k: 403 for k in SEES - {"desk_s", "province_admin"}}}),
        ("/can-bo/ho-so/000.00.00.H99-000101-9999/", {"*": 404}),
        (f"/can-bo/khong-tiep-nhan/{v}/", visit),
        (f"/can-bo/khong-tiep-nhan/{v}/phieu.pdf", visit),
    ]


def expected_for(rules: dict, role) -> int:
    if role is ANONYMOUS:
        return 302
    if role == "citizen":
        return 403
    return rules.get(role, rules.get("*"))


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_every_page_for_every_role(setup, role):
    client = setup["clients"][role]
    wrong = []
    for url, rules in expectations(setup):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}) if "/xu-ly/" in url else ({},):
            response = client.get(url, **headers)
            expected = expected_for(rules, role)
            if "HTTP_HX_REQUEST" in headers and expected in (403, 409) and role != "citizen":
                expected = 200  # the action's refusal travels inside the fragment (htmx does not swap 4xx)
            if response.status_code != expected:
                wrong.append((url, headers and "htmx", response.status_code, expected))
            elif role is ANONYMOUS:
                assert response["Location"].startswith("/dang-nhap/?next=/can-bo/"), response["Location"]
    assert not wrong, wrong


@pytest.mark.parametrize("role", ["desk_s", "desk_c2", "specialist_b", "admin_a", "supervisor", "citizen", ANONYMOUS],
                         ids=["desk_s", "desk_c2", "specialist_b", "admin_a", "supervisor", "citizen", "anonymous"])
def test_action_posts_refused_outside_the_role(setup, role):
    """The supervisor reads everything and changes nothing; the others cannot even see the dossier."""
    code = setup["working"].code
    client = setup["clients"][role]
    for action, body in [("next_step", {"note": "x"}), ("stop", {"reason": "x"}), ("withdraw", {"reason": "x"}),
                         ("request_coordination", {"agency": setup["w"].agencies["B"].pk, "request": "x",
                                                   "working_days": 3})]:
        response = client.post(f"/can-bo/ho-so/{code}/xu-ly/{action}/", body)
        expected = {"desk_s": 403 if action != "withdraw" else 302, "supervisor": 403, "citizen": 403,
                    ANONYMOUS: 302}.get(role, 404)
        assert response.status_code == expected, (action, response.status_code)
        if role == "supervisor":
            assert "Bạn không có quyền thực hiện" in response.content.decode()
        if expected == 302 and role is not ANONYMOUS:
            break  # the desk may withdraw at the citizen's request: that changed the state, stop here
    if role != "desk_s":
        assert Dossier.objects.get(code=code).status == 4


def test_desk_posts_refused_for_other_roles(setup):
    for role in ("specialist_a", "supervisor", "province_admin", "citizen"):
        client = setup["clients"][role]
        assert client.post("/can-bo/tiep-nhan/", {"procedure": "1.009994"}).status_code == 403
        assert client.post("/can-bo/khong-tiep-nhan/", {"procedure": "1.009994"}).status_code == 403
