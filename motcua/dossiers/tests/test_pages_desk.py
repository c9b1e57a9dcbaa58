"""The desk's other pages: a visit turned away with Mẫu 02/03 and its PDF, and the registers as XLSX."""

from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from motcua.dossiers.models import TurnedAwayVisit

from .factories import build_dossier_world, drive, more_people
from .pages import Browsers, text

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def world():
    return more_people(build_dossier_world())


@pytest.fixture
def browsers():
    return Browsers()


def person(**extra):
    return {"person-kind": "person", "person-id_type": "cccd", "person-name": "Lê Thị Cúc",
            "person-id_number": "079190000123", "person-phone": "0901234567", **extra}


@pytest.mark.parametrize("form", ["02", "03"])
def test_turned_away_visit_then_its_form(world, browsers, form):
    desk = browsers["desk_s"]
    page = desk.get("/can-bo/khong-tiep-nhan/", {"procedure": "1.009994"})
    assert 'name="form"' in page.content.decode() and "Mẫu 03" in text(page)
    r = desk.post("/can-bo/khong-tiep-nhan/", {
        "procedure": "1.009994", "form": form, "items": "Bản vẽ mặt cắt\n\nGiấy chứng nhận quyền sử dụng đất",
        "guidance": "Đề nghị bổ sung trước khi nộp lại", **person()})
    visit = TurnedAwayVisit.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/can-bo/khong-tiep-nhan/{visit.pk}/"
    assert visit.form == form and visit.items == ["Bản vẽ mặt cắt", "Giấy chứng nhận quyền sử dụng đất"]
    page = desk.get(r["Location"])
    assert "Đã ghi sổ lượt hướng dẫn" in text(page) and f"In Mẫu {form}" in text(page)
    pdf = desk.get(f"/can-bo/khong-tiep-nhan/{visit.pk}/phieu.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Another desk's officer does not see it.
    assert browsers["desk_c2"].get(f"/can-bo/khong-tiep-nhan/{visit.pk}/phieu.pdf").status_code == 404


def test_turned_away_needs_items_for_mau_02(world, browsers):
    r = browsers["desk_s"].post("/can-bo/khong-tiep-nhan/", {
        "procedure": "1.009994", "form": "02", "items": "", "guidance": "", **person(**{"person-name": ""})})
    assert r.status_code == 422
    body = text(r)
    assert "Mẫu 02 phải liệt kê giấy tờ cần bổ sung" in body and "Trường này là bắt buộc" in body
    assert not TurnedAwayVisit.objects.exists()


def test_registers_download_restricted(world, browsers):
    mine = drive(world, 2)
    today = timezone.localdate().isoformat()
    params = {"date_from": today, "date_to": today, "kind": "06"}
    r = browsers["desk_s"].get("/can-bo/so-theo-doi/", params)
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    assert "attachment" in r["Content-Disposition"]
    cells = [c.value for row in load_workbook(BytesIO(r.content)).active.iter_rows() for c in row]
    assert mine.code in cells and "Trung tâm Phục vụ hành chính công tỉnh" in cells
    # A desk elsewhere gets the same book without this desk's dossier.
    other = browsers["desk_c2"].get("/can-bo/so-theo-doi/", params)
    cells = [c.value for row in load_workbook(BytesIO(other.content)).active.iter_rows() for c in row]
    assert mine.code not in cells
    visits = browsers["desk_s"].get("/can-bo/so-theo-doi/", {**params, "kind": "turned_away"})
    assert visits.status_code == 200 and visits["Content-Type"] == XLSX


def test_register_dates_are_checked(world, browsers):
    r = browsers["desk_s"].get("/can-bo/so-theo-doi/", {"date_from": "2026-05-01", "date_to": "2026-04-01",
                                                         "kind": "06"})
    assert r.status_code == 422 and "Ngày kết thúc phải sau ngày bắt đầu" in text(r)
    page = browsers["desk_s"].get("/can-bo/so-theo-doi/")
    assert page.status_code == 200 and 'type="date"' in page.content.decode()


def test_results_queue_lists_only_this_desks_results(world, browsers):
    ready = drive(world, 9)
    queue = browsers["desk_s"].get("/can-bo/cho-tra-ket-qua/")
    assert ready.code in queue.content.decode() and "Trả kết quả" in text(queue)
    assert ready.code not in browsers["desk_c2"].get("/can-bo/cho-tra-ket-qua/").content.decode()
