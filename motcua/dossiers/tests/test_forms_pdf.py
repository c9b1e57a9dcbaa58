"""Mẫu 01–05 as PDFs: each built through the services, rendered, and read back with pdftotext.

Set MOTCUA_FORMS_DUMP=/some/dir to keep the rendered PDFs for a visual review.
"""

import datetime
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.directory.models import Desk
from motcua.dossiers import services
from motcua.dossiers.models import Apology, Dossier, Pause
from motcua.dossiers.printing import FORMS, FormVersion, render_form, render_html, version_for
from motcua.dossiers.printing.common import place_of, unbroken_place
from motcua.dossiers.printing.control import control_rows
from motcua.dossiers.printing.qr import lookup_url, qr_data_uri
from motcua.dossiers.printing.vn import date_words, time_words

from .factories import OWNER, build_dossier_world

pytestmark = pytest.mark.django_db

SUBMITTER = {"name": "Trần Thị Bích Ngọc", "id_number": "060190004321", "phone": "0987654321",
             "address": "45 Lê Lợi, phường Đức Thắng", "email": "ngoc@example.vn"}
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


class Clock:
    """Moves the services' clock forward (timezone.now), so steps can finish early, on time or late."""

    def __init__(self, monkeypatch):
        self.real = timezone.now
        self.offset = datetime.timedelta(0)
        monkeypatch.setattr(timezone, "now", lambda: self.real() + self.offset)

    def now(self):
        return timezone.now()

    def to(self, when):
        assert when >= self.now(), "the clock only moves forward"
        self.offset = when - self.real()

    def advance(self, **delta):
        self.offset += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def world():
    w = build_dossier_world()
    Desk.objects.filter(pk=w.desks["S"].pk).update(phone="0203 3888 999", address="Số 1 Quảng trường, phường Mới")
    w.users["desk_s"].full_name, w.users["desk_s"].phone = "Lê Thị Hồng", "0203 3888 001"
    w.users["desk_s"].save()
    w.users["specialist_a"].full_name, w.users["specialist_a"].phone = "Phạm Quốc Việt", "0203 3777 002"
    w.users["specialist_a"].save()
    w.users["leader_a"].full_name = "Đặng Văn Thưởng"
    w.users["leader_a"].save()
    return w


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order with runs of whitespace (line breaks) collapsed."""
    assert data.startswith(b"%PDF-")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def dump(name: str, data: bytes) -> None:
    target = os.environ.get("MOTCUA_FORMS_DUMP")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / f"{name}.pdf").write_bytes(data)


def assert_common(text: str, dossier: Dossier | None, form_no: str):
    for line in NATIONAL:
        assert line in text
    assert f"Mẫu số {form_no}" in text
    assert "Bình Hải, ngày" in text  # the dateline carries the province's place name
    if dossier is not None:
        assert dossier.code in text
        assert lookup_url(dossier.code) in text.replace(" ", "")


def receive(world, **extra):
    files = [{"required_document": d.pk, "originals": d.originals} for d in world.procedure.documents.all()]
    files.append({"name": "Bản sao Giấy chứng nhận quyền sử dụng đất", "certified_copies": 1, "copies": 2})
    return services.receive_walk_in(
        world.users["desk_s"], procedure=world.procedure, owner=OWNER, summary="Xây nhà ở 3 tầng tại thửa số 12",
        files=files, sets=2, **extra,
    )


def test_mau01_receipt_shows_every_item(world):
    dossier = receive(world, submitter=SUBMITTER)
    pdf = render_form("01", dossier)
    dump("mau01", pdf)
    text = pdf_text(pdf)
    assert_common(text, dossier, "01")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "SỞ XÂY DỰNG" not in text  # the heading is the receiving side, not the competent agency
    assert "UBND TỈNH BÌNH HẢI" in text and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH" in text
    for value in (*OWNER.values(), *SUBMITTER.values()):
        assert value in text
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in text
    assert "Xây nhà ở 3 tầng tại thửa số 12" in text
    for name in ("Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế", "Bản sao Giấy chứng nhận quyền sử dụng đất"):
        assert name in text
    assert "Số lượng hồ sơ: 2 (bộ)" in text
    assert "15 ngày làm việc" in text
    assert f"Thời gian nhận hồ sơ: {time_words(dossier.accepted_at)}" in text
    assert f"Thời gian trả kết quả giải quyết hồ sơ: {time_words(dossier.due_at)}" in text
    assert "Đăng ký nhận kết quả tại: Bộ phận một cửa tỉnh, Số 1 Quảng trường, phường Mới" in text
    assert "0203 3888 999" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Lê Thị Hồng" in text


def test_mau01_qr_encodes_the_lookup_url(world, settings):
    settings.PUBLIC_BASE_URL = "https://dichvucong.binhhai.gov.vn"
    dossier = receive(world)
    html = render_html("01", dossier)
    url = f"https://dichvucong.binhhai.gov.vn/tra-cuu?code={dossier.code}"
    assert lookup_url(dossier.code) == url
    # The first QR opens the lookup; apps above the core may add more (the rating link, for pilot procedures).
    images = re.findall(r'<img src="(data:image/svg\+xml[^"]+)"', html)
    assert images[0] in (qr_data_uri(url).replace("&", "&amp;"), qr_data_uri(url))
    assert url in html


@pytest.mark.parametrize("method, place", [
    ("post", "6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính, tại địa chỉ: 12 Trần Hưng Đạo, phường Mới"),
    ("download", "6. Đăng ký nhận kết quả tại: Cổng dịch vụ công (nhận kết quả điện tử)"),
])
def test_mau01_names_where_the_result_will_be_received(world, method, place):
    html = render_html("01", receive(world, return_method=method))
    assert place in " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pdf_pages(data: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout.decode(), re.M).group(1))


@pytest.mark.parametrize("extra_documents", [0, 3])
def test_mau01_fits_one_sheet_with_both_qr_codes(world, extra_documents):
    # The receipt is handed over as one sheet. The worst common case: a rated procedure (a second QR
    # code), an owner besides the submitter, long addresses and e-mails, a fee, and up to seven
    # documents with long names (a land transfer's list, as the demo's history has it).
    world.procedure.in_rating_pilot = True
    world.procedure.save(update_fields=["in_rating_pilot"])
    long_submitter = {**SUBMITTER, "address": "Tổ dân phố 7, khu phố Phú Trinh 2, phường Phú Thủy, tỉnh Bình Hải",
                      "email": "tran.thi.bich.ngoc.kientruc.xaydung@congty-tu-van-thiet-ke.example.vn"}
    files = [{"required_document": d.pk, "originals": d.originals} for d in world.procedure.documents.all()]
    files += [{"name": f"Hợp đồng, văn bản chuyển nhượng quyền sử dụng đất số {n} đã công chứng hoặc chứng thực",
               "certified_copies": 1} for n in range(1, extra_documents + 2)]
    dossier = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER,
                                       submitter=long_submitter, summary="Xây nhà ở 3 tầng tại thửa số 12",
                                       files=files, sets=2)
    pdf = render_form("01", dossier)
    dump(f"mau01-rated-{extra_documents}", pdf)
    text = pdf_text(pdf)
    assert "đánh giá mức độ hài lòng" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Lê Thị Hồng" in text
    assert f"chuyển nhượng quyền sử dụng đất số {extra_documents + 1}" in text
    assert pdf_pages(pdf) == 1


def test_a_form_long_by_nature_keeps_the_standard_type(world, monkeypatch):
    """Tighter type is for a form that spills onto a second page, not for one that is long by nature."""
    from motcua.dossiers.printing import pdf as printing

    tried = []
    real = printing.render_html
    monkeypatch.setattr(printing, "render_html", lambda *a, **k: tried.append(k["density"]) or real(*a, **k))
    dossier = receive(world)
    render_form("01", dossier)
    assert tried == [""]  # fits at once: rendered once
    world.procedure.in_rating_pilot = True
    world.procedure.save(update_fields=["in_rating_pilot"])
    tried.clear()
    many = [{"name": f"Giấy tờ kèm theo số {n}", "copies": 1} for n in range(60)]
    long = services.receive_walk_in(world.users["desk_s"], procedure=world.procedure, owner=OWNER, files=many)
    assert pdf_pages(render_form("01", long)) >= 3
    assert tried == [""]


def test_mau01_needs_an_accepted_dossier(world):
    online = services.submit_online(world.users["citizen"], procedure=world.procedure, owner=OWNER)
    with pytest.raises(DomainError) as err:
        render_form("01", online)
    assert err.value.code == "form_unavailable" and err.value.status == 409


def test_mau02_from_a_supplement_request(world):
    dossier = receive(world)
    services.hand_over(dossier, world.users["desk_s"], assignee=world.users["specialist_a"])
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    services.request_supplement(
        dossier, world.users["specialist_a"], items=["Bản vẽ mặt cắt công trình", "Ảnh chụp hiện trạng khu đất"],
        reason="Hồ sơ thiếu bản vẽ mặt cắt theo quy định", deadline=deadline,
    )
    pause = Pause.objects.get(dossier=dossier)
    pdf = render_form("02", Dossier.objects.get(pk=dossier.pk))
    dump("mau02", pdf)
    text = pdf_text(pdf)
    assert_common(text, dossier, "02")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "SỞ XÂY DỰNG" in text  # the agency that asked, during processing
    assert OWNER["name"] in text and OWNER["phone"] in text and OWNER["email"] in text
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in text
    assert "Bản vẽ mặt cắt công trình" in text and "Ảnh chụp hiện trạng khu đất" in text
    assert "Hồ sơ thiếu bản vẽ mặt cắt theo quy định" in text
    assert f"Hạn bổ sung hồ sơ: {date_words(deadline)}" in text
    assert "Phạm Quốc Việt, số điện thoại 0203 3777 002" in text
    assert f"Bình Hải, {date_words(pause.started_at)}" in text
    # The pause itself prints the same form.
    assert pdf_text(render_form("02", pause)) == text


def test_mau02_and_03_for_a_walk_in_turned_away(world):
    person = {"name": "Hoàng Thị Ánh Tuyết", "id_number": "060300009999", "phone": "0911222333",
              "address": "Thôn Đông, xã Mới"}
    visit02 = services.record_turned_away(
        world.users["desk_s"], procedure=world.procedure, person=person, form="02",
        guidance="Cần mang theo bản chính giấy tờ đất để đối chiếu", items=["Bản chính Giấy chứng nhận QSDĐ"],
    )
    visit03 = services.record_turned_away(
        world.users["desk_s"], procedure=world.procedure, person=person, form="03",
        guidance="Công trình thuộc diện miễn giấy phép xây dựng", items=["Liên hệ UBND xã Mới để được hướng dẫn"],
    )
    pdf02, pdf03 = render_form("02", visit02), render_form("03", visit03)
    dump("mau02_visit", pdf02)
    dump("mau03_visit", pdf03)
    text02, text03 = pdf_text(pdf02), pdf_text(pdf03)
    assert_common(text02, None, "02")
    assert_common(text03, None, "03")
    for text in (text02, text03):
        assert "Hoàng Thị Ánh Tuyết" in text and "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in text
        assert "Mã hồ sơ" not in text  # no dossier was created
        assert "Lê Thị Hồng" in text
    assert "Bản chính Giấy chứng nhận QSDĐ" in text02 and "Cần mang theo bản chính giấy tờ đất" in text02
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in text03
    assert "Công trình thuộc diện miễn giấy phép xây dựng" in text03
    with pytest.raises(DomainError):
        render_form("03", visit02)


def test_mau03_for_a_refused_online_submission(world):
    dossier = services.submit_online(world.users["citizen"], procedure=world.procedure, owner=OWNER,
                                     summary="Xây nhà cấp 4")
    with pytest.raises(DomainError):
        render_form("03", dossier)
    services.refuse(dossier, world.users["desk_s"], reason="Thửa đất không thuộc địa bàn tỉnh Bình Hải")
    dossier.refresh_from_db()
    pdf = render_form("03", dossier)
    dump("mau03", pdf)
    text = pdf_text(pdf)
    assert_common(text, dossier, "03")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in text
    assert OWNER["name"] in text and "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in text
    assert "Thửa đất không thuộc địa bàn tỉnh Bình Hải" in text
    assert "Lê Thị Hồng" in text
    refused_at = dossier.events.get(action="refuse").at
    assert f"Bình Hải, {date_words(refused_at)}" in text


def test_mau04_from_an_approved_apology(world):
    dossier = receive(world)
    services.hand_over(dossier, world.users["desk_s"])
    dossier.refresh_from_db()
    new_due = dossier.due_at + datetime.timedelta(days=7)
    services.propose_apology(dossier, world.users["leader_a"], reason="Chờ ý kiến của cơ quan thuế",
                             new_due_at=new_due)
    draft = pdf_text(render_form("04", dossier))
    assert "DỰ THẢO" in draft
    services.approve_apology(dossier, world.users["leader_a"])
    apology = Apology.objects.get(dossier=dossier)
    pdf = render_form("04", apology)
    dump("mau04", pdf)
    text = pdf_text(pdf)
    assert_common(text, dossier, "04")
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and "DỰ THẢO" not in text
    assert "SỞ XÂY DỰNG" in text  # the agency that caused the delay
    assert f"Kính gửi: {OWNER['name']}" in text
    assert time_words(dossier.accepted_at) in text
    assert time_words(apology.old_due_at) in text and time_words(new_due) in text
    assert "Chờ ý kiến của cơ quan thuế" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text and "Đặng Văn Thưởng" in text


def test_mau05_a_row_per_hand_over_with_its_timeliness(world, clock):
    u = world.users
    dossier = receive(world)
    services.hand_over(dossier, u["desk_s"], assignee=u["specialist_a"])
    dossier.refresh_from_db()
    # The specialist finishes one minute before the step's deadline: on time.
    clock.to(dossier.step_due_at - datetime.timedelta(minutes=1))
    services.next_step(dossier, u["specialist_a"])
    services.send_back(dossier, u["head_a"], note="Bổ sung ý kiến thẩm định về chỉ giới xây dựng",
                       assignee=u["specialist_a"])
    item = services.request_coordination(dossier, u["specialist_a"], agency=world.agencies["B"],
                                         request="Xin ý kiến về tính pháp lý của hợp đồng", working_days=3)
    # The coordinating agency answers two days after its deadline: late.
    clock.to(item.deadline + datetime.timedelta(days=2))
    services.answer_coordination(dossier, u["specialist_b"], answer="Hợp đồng hợp lệ")
    services.next_step(dossier, u["specialist_a"])
    services.next_step(dossier, u["head_a"])
    services.mark_result_ready(dossier, u["leader_a"], result_number="123/GPXD")
    services.return_result(dossier, u["desk_s"])
    dossier.refresh_from_db()

    rows = control_rows(dossier)
    assert [r.result_key for r in rows[:5]] == ["early", "on_time", "early", "early", "late"]
    assert len(rows) == 9

    pdf = render_form("05", dossier)
    dump("mau05", pdf)
    text = pdf_text(pdf)
    assert_common(text, dossier, "05")
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert OWNER["name"] in text
    assert time_words(dossier.accepted_at) in text and time_words(dossier.due_at) in text
    assert "Cơ quan (bộ phận) giải quyết hồ sơ: Sở Xây dựng" in text
    assert "Cơ quan phối hợp giải quyết hồ sơ: Sở Tư pháp" in text
    # pdftotext interleaves the lines of neighbouring table cells, so the rows are counted in the
    # HTML the PDF is made from, and the PDF is checked for what each row says.
    body = render_html("05", dossier).split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(rows) == 9
    flat = text.replace(" ", "")
    for label in ("Chuyển cơ quan giải quyết", "Chuyển bước tiếp theo", "Trả lại bước trước",
                  "Xin ý kiến cơ quan phối hợp", "Trả lời ý kiến phối hợp", "Có kết quả", "Trả kết quả"):
        assert label.replace(" ", "") in flat
    assert text.count("Trước hạn") >= 3 and text.count("Đúng hạn") >= 1 and text.count("Quá hạn") >= 1
    assert "Phạm Quốc Việt" in text and "Lê Thị Hồng" in text and "Sở Tư pháp" in text
    assert "Bổ sung ý kiến thẩm định về chỉ giới xây dựng" in text
    assert "(chủ hồ sơ)" in text  # the result went to the owner


def test_version_in_force_on_the_documents_date(world, clock, settings, tmp_path, monkeypatch):
    later = timezone.localdate() + datetime.timedelta(days=30)
    folder = tmp_path / "forms_v2"
    folder.mkdir()
    (folder / "mau01.html").write_text(
        '{% extends "dossiers/forms/tt01_2018/mau01.html" %}'
        "{% block heading_title %}GIẤY TIẾP NHẬN HỒ SƠ (MẪU GIẢ ĐỊNH){% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setitem(FORMS, "01", [*FORMS["01"], FormVersion(later, "forms_v2/mau01.html", "giả định")])

    assert version_for("01", datetime.date(2018, 8, 21)).label == "TT 01/2018/TT-VPCP"
    assert version_for("01", datetime.date(2015, 1, 1)).label == "TT 01/2018/TT-VPCP"  # nothing older
    assert version_for("01", later).label == "giả định"

    before = receive(world)
    clock.to(timezone.now() + datetime.timedelta(days=31))
    after = receive(world)
    old_text, new_text = pdf_text(render_form("01", before)), pdf_text(render_form("01", after))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in old_text and "MẪU GIẢ ĐỊNH" not in old_text
    assert "MẪU GIẢ ĐỊNH" in new_text and after.code in new_text
    # Reprinting the old receipt after the change still gives the old layout.
    assert "MẪU GIẢ ĐỊNH" not in pdf_text(render_form("01", before))


def test_unknown_form_and_wrong_object(world):
    dossier = receive(world)
    with pytest.raises(DomainError) as err:
        render_form("07", dossier)
    assert err.value.status == 404
    with pytest.raises(TypeError):
        render_form("04", world.procedure)


def test_dateline_place_is_the_nearest_administrative_unit(world):
    a = world.agencies
    assert place_of(a["A"]) == "Bình Hải"  # Sở Xây dựng sits under UBND tỉnh Bình Hải
    assert place_of(a["S"]) == "Bình Hải"
    assert place_of(a["C2"]) == "Mới"  # a commune writes its own name


def test_the_heading_never_breaks_a_line_inside_a_place_name(world):
    assert unbroken_place("ỦY BAN NHÂN DÂN TỈNH BÌNH HẢI") == "ỦY BAN NHÂN DÂN TỈNH BÌNH\u00a0HẢI"
    assert unbroken_place("UBND XÃ HÀM THUẬN BẮC") == "UBND XÃ HÀM\u00a0THUẬN\u00a0BẮC"
    assert unbroken_place("SỞ XÂY DỰNG") == "SỞ XÂY DỰNG"  # not a place: breaks where it must
    html = render_html("01", receive(world))
    assert "UBND TỈNH BÌNH\u00a0HẢI" in html
