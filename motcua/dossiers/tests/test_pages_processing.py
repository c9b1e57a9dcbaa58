"""The processing path through the pages only: hand-over to return at the desk, with each step's message."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierEvent, PersonalDataAccess

from .factories import build_dossier_world, drive, walk_in
from .pages import Browsers, act, submit, text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_dossier_world()


@pytest.fixture
def browsers():
    return Browsers()


def shown(page) -> str:
    """Status and assignee as the dossier page shows them."""
    return text(page)


def test_dossier_through_every_step_on_the_pages(world, browsers):
    u = world.users
    dossier = walk_in(world)
    code = dossier.code
    desk = browsers["desk_s"]

    # The hand-over form offers only the specialists of the competent agency.
    form = desk.get(f"/can-bo/ho-so/{code}/xu-ly/hand_over/").content.decode()
    assert "specialist_a2" in form and "specialist_b" not in form and "head_a" not in form
    page = act(desk, code, "hand_over", {"assignee": u["specialist_a"].pk, "note": "Chuyển Sở Xây dựng"})
    body = shown(page)
    assert "Đã thực hiện “Chuyển cơ quan giải quyết” cho hồ sơ" in body
    assert "Trạng thái: Đang xử lý. Người xử lý: specialist_a." in body
    assert "Thẩm định hồ sơ" in body

    specialist = browsers["specialist_a"]
    page = act(specialist, code, "next_step", {"note": "Hồ sơ đạt"})
    assert "Người xử lý: head_a." in shown(page) and "Lãnh đạo phòng xem xét" in shown(page)

    head = browsers["head_a"]
    # Sending back needs a reason: the form says so next to the field and nothing moves.
    r = act(head, code, "send_back", {"note": ""}, expect=422)
    assert "Trường này là bắt buộc" in text(r) and Dossier.objects.get(code=code).current_step.order == 3
    page = act(head, code, "send_back", {"note": "Thiếu bản vẽ mặt cắt"})
    assert "Trả lại bước trước" in shown(page) and "Người xử lý: specialist_a." in shown(page)
    assert "Thiếu bản vẽ mặt cắt" in shown(page)  # the note is on the timeline

    page = act(specialist, code, "reassign", {"assignee": u["specialist_a2"].pk, "note": "Nghỉ phép"})
    assert "Người xử lý: Chuyên viên hai." in shown(page)
    second = browsers["specialist_a2"]

    page = act(second, code, "request_coordination",
               {"agency": world.agencies["B"].pk, "request": "Xin ý kiến về quy hoạch", "working_days": "3"})
    assert "Xin ý kiến cơ quan phối hợp" in shown(page) and "Chưa trả lời" in shown(page)
    # The coordinating agency's specialist finds it on the dashboard and answers from the dossier page.
    other = browsers["specialist_b"]
    home = other.get("/can-bo/")
    assert code in home.content.decode() and "Đề nghị phối hợp chờ cơ quan trả lời (1)" in text(home)
    page = other.get(f"/can-bo/ho-so/{code}/")
    assert "Trả lời ý kiến phối hợp" in text(page)
    r = submit(other, f"/can-bo/ho-so/{code}/xu-ly/answer_coordination/", {"answer": "Phù hợp quy hoạch"})
    assert r.status_code == 302 and r["Location"] == "/can-bo/"  # answered: the dossier left its scope
    assert "Đã thực hiện “Trả lời ý kiến phối hợp”" in text(other.get("/can-bo/"))
    assert other.get(f"/can-bo/ho-so/{code}/").status_code == 404
    assert "Phù hợp quy hoạch" in text(second.get(f"/can-bo/ho-so/{code}/"))

    due_before = Dossier.objects.get(code=code).due_at
    deadline = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    page = act(second, code, "request_supplement",
               {"items": "Bản vẽ mặt cắt\nGiấy phép kinh doanh", "reason": "Thiếu", "deadline": deadline})
    assert "Trạng thái: Yêu cầu bổ sung giấy tờ." in shown(page) and "In Mẫu 02" in shown(page)
    mau02 = second.get(f"/can-bo/ho-so/{code}/mau/02.pdf")
    assert mau02.status_code == 200 and mau02.content.startswith(b"%PDF")
    page = act(desk, code, "resubmit", {"note": "Công dân đã nộp bổ sung tại quầy"})
    assert "Trạng thái: Đang xử lý." in shown(page)
    assert Dossier.objects.get(code=code).due_at >= due_before

    act(second, code, "next_step")
    page = act(head, code, "next_step")
    assert "Người xử lý: leader_a." in shown(page)
    leader = browsers["leader_a"]
    result = SimpleUploadedFile("giay-phep.pdf", PDF, content_type="application/pdf")
    page = act(leader, code, "mark_result_ready", {"result_number": "123/GPXD", "result_date":
               timezone.localdate().isoformat(), "signer": "Giám đốc Sở", "result_file": result})
    assert "Trạng thái: Đã xử lý xong." in shown(page) and "123/GPXD" in shown(page)
    dossier = Dossier.objects.get(code=code)
    assert dossier.result_file.name.endswith(".pdf")
    r = leader.get(f"/can-bo/ho-so/{code}/ket-qua/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF

    # Back at the desk: the queue of results waiting, and "Trả kết quả".
    queue = desk.get("/can-bo/cho-tra-ket-qua/")
    assert code in queue.content.decode()
    r = desk.post(f"/can-bo/ho-so/{code}/xu-ly/return_result/", {"method": "desk", "next": "/can-bo/cho-tra-ket-qua/"})
    assert r["Location"] == "/can-bo/cho-tra-ket-qua/"
    queue = desk.get(r["Location"])
    assert "Trạng thái: Đã trả kết quả." in text(queue) and f"/can-bo/ho-so/{code}/" not in queue.content.decode()
    assert Dossier.objects.get(code=code).status == 10

    actions = list(DossierEvent.objects.filter(dossier__code=code).order_by("pk").values_list("action", flat=True))
    assert actions == ["receive", "hand_over", "next_step", "send_back", "reassign", "request_coordination",
                       "answer_coordination", "request_supplement", "resubmit", "next_step", "next_step",
                       "mark_result_ready", "return_result"]


def test_detail_shows_only_allowed_actions_and_logs_the_view(world, browsers):
    d = drive(world, 4)
    page = browsers["specialist_a"].get(f"/can-bo/ho-so/{d.code}/", REMOTE_ADDR="10.1.2.3")
    html = page.content.decode()
    assert f"/can-bo/ho-so/{d.code}/xu-ly/next_step/" in html
    assert f"/can-bo/ho-so/{d.code}/xu-ly/accept/" not in html and "/xu-ly/return_result/" not in html
    assert 'hx-get="/can-bo/ho-so/' in html and 'id="action-panel"' in html
    log = PersonalDataAccess.objects.get(dossier=d)
    assert log.actor == world.users["specialist_a"] and log.note == "web:detail" and log.client_address == "10.1.2.3"
    # The head of division may act on any step; a desk officer sees the dossier but has nothing to do in it.
    desk_page = browsers["desk_s"].get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert "/xu-ly/next_step/" not in desk_page and "/xu-ly/withdraw/" in desk_page


def test_action_form_is_an_htmx_fragment_or_a_page(world, browsers):
    d = drive(world, 4)
    client = browsers["specialist_a"]
    fragment = client.get(f"/can-bo/ho-so/{d.code}/xu-ly/reassign/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'name="assignee"' in fragment and "csrfmiddlewaretoken" in fragment
    page = client.get(f"/can-bo/ho-so/{d.code}/xu-ly/reassign/").content.decode()
    assert "<html" in page and 'name="assignee"' in page
    # Only eligible officials: specialists of the competent agency.
    assert "specialist_a2" in page and "specialist_b" not in page


def test_illegal_transition_names_the_current_status(world, browsers):
    d = drive(world, 4)
    r = browsers["desk_s"].post(f"/can-bo/ho-so/{d.code}/xu-ly/hand_over/", {})
    assert r.status_code == 409
    assert "đang ở trạng thái “Đang xử lý”" in text(r)
    assert Dossier.objects.get(pk=d.pk).status == 4


def test_ineligible_assignee_is_refused_next_to_the_field(world, browsers):
    d = walk_in(world)
    r = browsers["desk_s"].post(f"/can-bo/ho-so/{d.code}/xu-ly/hand_over/", {"assignee": world.users["specialist_b"].pk})
    assert r.status_code == 422 and "Hãy chọn một lựa chọn hợp lệ" in text(r)
    assert Dossier.objects.get(pk=d.pk).status == 2


def test_desk_queue_of_online_submissions(world, browsers):
    waiting = [drive(world, 1) for _ in range(3)]
    desk = browsers["desk_s"]
    queue = desk.get("/can-bo/cho-tiep-nhan/")
    html = queue.content.decode()
    assert all(d.code in html for d in waiting) and "3 hồ sơ" in text(queue)
    first, second, third = waiting
    r = desk.post(f"/can-bo/ho-so/{first.code}/xu-ly/accept/", {"next": "/can-bo/cho-tiep-nhan/"})
    assert r["Location"] == "/can-bo/cho-tiep-nhan/"
    page = desk.get(r["Location"])
    assert "Trạng thái: Được tiếp nhận." in text(page) and "2 hồ sơ" in text(page)
    form = desk.get(f"/can-bo/ho-so/{second.code}/xu-ly/request_supplement/?next=/can-bo/cho-tiep-nhan/")
    assert 'name="items"' in form.content.decode() and 'name="deadline"' in form.content.decode()
    act(desk, second.code, "request_supplement", {"items": "Bản vẽ mặt cắt", "reason": "Thiếu"})
    r = act(desk, third.code, "refuse", {"reason": ""}, expect=422)
    assert "Trường này là bắt buộc" in text(r)
    page = act(desk, third.code, "refuse", {"reason": "Không thuộc thẩm quyền"})
    assert "Trạng thái: Không được tiếp nhận." in text(page) and "In Mẫu 03" in text(page)
    statuses = dict(Dossier.objects.filter(pk__in=[d.pk for d in waiting]).values_list("code", "status"))
    assert statuses == {first.code: 2, second.code: 5, third.code: 3}
    assert "0 hồ sơ" in text(desk.get("/can-bo/cho-tiep-nhan/"))


def test_forms_that_do_not_apply_answer_409(world, browsers):
    d = drive(world, 4)
    r = browsers["specialist_a"].get(f"/can-bo/ho-so/{d.code}/mau/03.pdf")
    assert r.status_code == 409 and "Không in được Mẫu số 03" in text(r)
    assert browsers["specialist_a"].get(f"/can-bo/ho-so/{d.code}/mau/07.pdf").status_code == 404
    for key in ("01", "05"):
        r = browsers["specialist_a"].get(f"/can-bo/ho-so/{d.code}/mau/{key}.pdf")
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
