"""Mẫu 06 (Sổ theo dõi hồ sơ) and the turned-away register as Excel workbooks."""

import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, TurnedAwayVisit
from motcua.dossiers.printing import register_xlsx, turned_away_xlsx
from motcua.dossiers.printing.registers import register_columns, turned_away_columns

from .factories import OWNER, build_dossier_world
from .test_forms_pdf import clock  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

HEADER_ROW = 4  # title, period, a blank row, then the header


@pytest.fixture
def world():
    return build_dossier_world()


def local(value):
    return timezone.localtime(value).replace(tzinfo=None)


def same_minute(cell, value):
    assert isinstance(cell, datetime.datetime), cell
    assert abs(cell - local(value)) < datetime.timedelta(seconds=1)


def rows(data: bytes):
    wb = load_workbook(BytesIO(data))
    ws = wb.active
    return ws, [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if any(v is not None for v in r)]


def test_register_one_row_per_dossier_in_the_range(world, clock):  # noqa: F811
    u = world.users
    day0 = timezone.localdate()
    first = services.receive_walk_in(u["desk_s"], procedure=world.procedure, owner=OWNER, sets=2)
    services.hand_over(first, u["desk_s"], assignee=u["specialist_a"])
    clock.advance(days=1)
    services.request_supplement(first, u["specialist_a"], items=["Bản vẽ mặt cắt"], reason="Thiếu")
    second = services.submit_online(u["citizen"], procedure=world.procedure,
                                    owner={**OWNER, "name": "Lý Thị Thu Hà", "phone": "0977000111"})
    clock.advance(days=4)
    outside = services.receive_walk_in(u["desk_s"], procedure=world.procedure, owner=OWNER)

    data = register_xlsx(Dossier.objects.all(), day0, day0 + datetime.timedelta(days=1))
    ws, found = rows(data)
    assert ws["A1"].value == "SỔ THEO DÕI HỒ SƠ"
    assert "Từ ngày" in ws["A2"].value and day0.strftime("%d/%m/%Y") in ws["A2"].value
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == [label for label, _ in register_columns()]
    assert header[:4] == ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)"]
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"

    assert [r[1] for r in found] == [first.code, second.code]
    assert outside.code not in [r[1] for r in found]
    first.refresh_from_db()
    r = found[0]
    assert r[0] == 1 and r[2] == world.procedure.name and r[3] == 2
    assert r[4] == OWNER["name"] and OWNER["phone"] in r[5] and OWNER["address"] in r[5]
    assert r[6] == "Sở Xây dựng"
    same_minute(r[7], first.accepted_at)
    same_minute(r[8], first.due_at)
    same_minute(r[9], first.events.get(action="hand_over").at)
    same_minute(r[10], first.pauses.get().started_at)  # the supplement request
    assert r[11] is None
    assert "Yêu cầu bổ sung giấy tờ" in r[12]
    online = found[1]
    assert online[4] == "Lý Thị Thu Hà" and online[8] is None  # not accepted yet: no due date
    same_minute(online[7], Dossier.objects.get(pk=second.pk).submitted_at)
    assert ws.cell(row=HEADER_ROW + 1, column=8).number_format == "dd/mm/yyyy hh:mm"


def test_register_keeps_the_callers_restriction(world):
    u = world.users
    a = services.receive_walk_in(u["desk_s"], procedure=world.procedure, owner=OWNER)
    services.receive_walk_in(u["desk_s"], procedure=world.procedure, owner=OWNER)
    today = timezone.localdate()
    _, found = rows(register_xlsx(Dossier.objects.filter(pk=a.pk), today, today))
    assert [r[1] for r in found] == [a.code]
    _, found = rows(register_xlsx({"code": a.code}, today, today))
    assert [r[1] for r in found] == [a.code]


def test_turned_away_register(world):
    u = world.users
    day0 = timezone.localdate()
    person = {"name": "Hoàng Thị Ánh Tuyết", "id_number": "060300009999", "phone": "0911222333"}
    kept = services.record_turned_away(u["desk_s"], procedure=world.procedure, person=person, form="02",
                                       guidance="Thiếu bản chính", items=["Bản chính GCN QSDĐ", "Bản vẽ"])
    later = services.record_turned_away(u["desk_s"], procedure=world.procedure, person=person, form="03",
                                        guidance="Không thuộc thẩm quyền")
    # The visit's time is the field's default, bound to the real clock at import, so move it by hand.
    TurnedAwayVisit.objects.filter(pk=later.pk).update(at=later.at + datetime.timedelta(days=3))

    data = turned_away_xlsx(TurnedAwayVisit.objects.all(), day0, day0, agency=world.agencies["S"])
    ws, found = rows(data)
    assert ws["A2"].value == "Trung tâm Phục vụ hành chính công tỉnh"
    header_row = HEADER_ROW + 1  # the agency line pushes the header down
    assert [c.value for c in ws[header_row]] == [label for label, _ in turned_away_columns()]
    assert ws.freeze_panes == f"C{header_row + 1}"
    found = [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if r[0] is not None]
    assert len(found) == 1
    r = found[0]
    assert r[0] == 1 and r[2] == "Hoàng Thị Ánh Tuyết" and r[3] == "060300009999"
    same_minute(r[1], kept.at)
    assert r[5] == world.procedure.name and r[6] == "02" and r[7] == "Thiếu bản chính"
    assert r[8] == "Bản chính GCN QSDĐ\nBản vẽ"
    assert r[10] == "Bộ phận một cửa tỉnh"
