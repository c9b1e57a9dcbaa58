"""Mẫu 04 on the pages: a specialist proposes a new appointment, the leader approves it (from the dashboard or
the dossier page); the citizen's new date shows, and the dossier is still overdue past the legal date."""

import datetime

import pytest
from django.utils import timezone

from motcua.dossiers.models import Apology, ApologyState, Dossier

from .factories import build_dossier_world, drive
from .pages import Browsers, act, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_dossier_world()


@pytest.fixture
def browsers():
    return Browsers()


def propose(browsers, dossier) -> datetime.datetime:
    new_due = (timezone.localtime(dossier.due_at) + datetime.timedelta(days=10)).replace(second=0, microsecond=0)
    page = act(browsers["specialist_a"], dossier.code, "propose_apology",
               {"reason": "Chờ ý kiến cơ quan thuế", "new_due_at": new_due.strftime("%Y-%m-%dT%H:%M")})
    assert "Đề xuất xin lỗi, hẹn lại" in text(page) and "Chờ lãnh đạo duyệt" in text(page)
    return new_due


def test_leader_approves_from_the_dashboard(world, browsers):
    d = drive(world, 4)
    new_due = propose(browsers, d)
    leader = browsers["leader_a"]
    home = leader.get("/can-bo/")
    assert "Phiếu xin lỗi chờ duyệt (1)" in text(home) and "Chờ ý kiến cơ quan thuế" in text(home)
    r = leader.post(f"/can-bo/ho-so/{d.code}/xu-ly/approve_apology/", {"next": "/can-bo/"})
    assert r.status_code == 302 and r["Location"] == "/can-bo/"
    home = leader.get("/can-bo/")
    assert "Đã thực hiện “Duyệt phiếu xin lỗi, hẹn lại”" in text(home)
    assert "Phiếu xin lỗi chờ duyệt (0)" in text(home)
    d.refresh_from_db()
    assert d.promised_at == new_due
    assert Apology.objects.get(dossier=d).state == ApologyState.APPROVED


def test_leader_approves_from_the_dossier_page_and_the_dossier_stays_late(world, browsers):
    d = drive(world, 4)
    new_due = propose(browsers, d)
    # Only the leader of the agency at fault is offered the approval.
    assert "/xu-ly/approve_apology/" not in browsers["specialist_a"].get(f"/can-bo/ho-so/{d.code}/").content.decode()
    leader = browsers["leader_a"]
    page = leader.get(f"/can-bo/ho-so/{d.code}/")
    assert f"/can-bo/ho-so/{d.code}/xu-ly/approve_apology/" in page.content.decode()
    page = act(leader, d.code, "approve_apology", {"note": "Đồng ý"})
    body = text(page)
    assert "Ngày hẹn lại (phiếu xin lỗi)" in body and new_due.strftime("%H:%M %d/%m/%Y") in body
    assert "Đã duyệt" in body and "In Mẫu 04" in body
    mau04 = leader.get(f"/can-bo/ho-so/{d.code}/mau/04.pdf")
    assert mau04.status_code == 200 and mau04.content.startswith(b"%PDF")

    # The legal date passes: the new appointment does not excuse it.
    Dossier.objects.filter(pk=d.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    page = leader.get(f"/can-bo/ho-so/{d.code}/")
    assert "Quá hạn" in text(page) and "quá hạn" in text(page)
    listed = leader.get("/can-bo/ho-so/", {"overdue": "on"})
    assert [x.code for x in listed.context["page"].object_list] == [d.code]
    assert 'class="row--late"' in listed.content.decode()
    assert "1 Quá hạn" in text(leader.get("/can-bo/"))


def test_apology_date_must_be_after_the_legal_date(world, browsers):
    d = drive(world, 4)
    early = timezone.localtime(d.due_at) - datetime.timedelta(days=1)
    r = act(browsers["specialist_a"], d.code, "propose_apology",
            {"reason": "Chậm", "new_due_at": early.strftime("%Y-%m-%dT%H:%M")}, expect=422)
    assert "Ngày hẹn mới phải sau hạn trả kết quả hiện tại" in text(r)
    assert not Apology.objects.exists()


def test_leader_rejects_with_a_reason_and_the_specialist_may_propose_again(world, browsers):
    d = drive(world, 4)
    propose(browsers, d)
    leader = browsers["leader_a"]
    home = leader.get("/can-bo/").content.decode()
    assert f"/can-bo/ho-so/{d.code}/xu-ly/reject_apology/?next=" in home
    page = act(leader, d.code, "reject_apology", {"reason": ""}, expect=422)
    assert "Vui lòng" in text(page) or "bắt buộc" in text(page) or "Phải nêu lý do" in text(page)
    assert Apology.objects.get(dossier=d).state == ApologyState.PROPOSED

    page = act(leader, d.code, "reject_apology", {"reason": "Chưa đủ căn cứ để hẹn lại"})
    body = text(page)
    assert "Không duyệt phiếu xin lỗi, hẹn lại" in body and "Chưa đủ căn cứ để hẹn lại" in body
    apology = Apology.objects.get(dossier=d)
    assert apology.state == ApologyState.REJECTED and apology.decided_by.username == "leader_a"
    d.refresh_from_db()
    assert d.promised_at is None  # the applicant keeps the legal appointment
    assert "Phiếu xin lỗi chờ duyệt (0)" in text(leader.get("/can-bo/"))
    # Nothing left to decide, so no second decision; the specialist may propose again.
    leader.post(f"/can-bo/ho-so/{d.code}/xu-ly/approve_apology/", {"note": ""})
    assert Apology.objects.get(dossier=d).state == ApologyState.REJECTED
    propose(browsers, d)
    assert Apology.objects.filter(dossier=d, state=ApologyState.PROPOSED).count() == 1
