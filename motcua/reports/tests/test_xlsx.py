"""Form 06 as Excel: the official layout (heading, period, agency, two header rows over the column
numbers, level and sector rows, the total, signatures) holding the same figures as the page."""

from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from motcua.dossiers.tests.pages import Browsers

from . import dataset

pytestmark = pytest.mark.django_db
QUERY = {"kind": "month", "year": 2025, "number": 7, "mode": "as_it_was"}


def sheet(who="province_admin", **extra):
    with time_machine.travel(dataset.NOW, tick=False):
        response = Browsers()[who].get("/can-bo/thong-ke/bieu-06.xlsx", QUERY | extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="bieu-06-20250615-20250714.xlsx"' in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content)).active


def rows(ws):
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_layout_and_figures(history):
    ws = sheet()
    cells = rows(ws)
    assert cells[0][0] == "UBND TỈNH BÌNH HẢI"
    assert cells[0][7] == "Biểu mẫu 06" and "01/2020/TT-VPCP" in cells[1][7]
    assert cells[3][0] == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert cells[4][0] == "Kỳ báo cáo: Tháng 7/2025 (từ ngày 15/06/2025 đến ngày 14/07/2025)"
    header, labels, numbers = cells[7], cells[8], cells[9]
    assert header[:3] == ["STT", "Cấp, lĩnh vực giải quyết", "Số hồ sơ nhận giải quyết"]
    assert header[6] == "Số hồ sơ đã giải quyết" and header[10] == "Số hồ sơ rút, dừng xử lý"
    assert header[12] == "Số hồ sơ đang giải quyết"
    assert labels[2:] == ["Tổng số", "Từ kỳ trước chuyển qua", "Mới tiếp nhận trực tuyến",
                          "Mới tiếp nhận trực tiếp, qua bưu chính", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
                          "Rút theo yêu cầu", "Dừng xử lý", "Tổng số", "Trong hạn", "Quá hạn"]
    assert numbers == [f"({i})" for i in range(1, 16)]
    assert "A8:A9" in {str(r) for r in ws.merged_cells.ranges}
    body = cells[10:17]
    assert [r[:2] for r in body] == [["I", "Sở"], ["1", "Xây dựng"], ["II", "Huyện"], ["1", "Xây dựng"],
                                     ["III", "Xã"], ["1", "Chứng thực"], [None, "Tổng cộng"]]
    assert body[0][2:] == [9, 2, 1, 6, 3, 1, 1, 1, 1, 1, 4, 2, 2]
    assert body[-1][2:] == [13, 2, 1, 10, 6, 3, 1, 2, 1, 1, 5, 2, 3]
    assert "THỦ TRƯỞNG ĐƠN VỊ" in [c for row in cells[17:] for c in row]
    assert ws.page_setup.orientation == "landscape"


def test_rolled_up_and_scoped(history):
    w, _d = history
    ws = sheet("province_admin", mode="rolled_up", agency=w.agencies["C2"].pk)
    cells = rows(ws)
    assert cells[0][0] == "XÃ MỚI"
    assert "cơ quan kế thừa" in cells[5][0]
    assert [r[:2] for r in cells[10:13]] == [["I", "Xã"], ["1", "Chứng thực"], ["2", "Xây dựng"]]
    assert cells[13][1] == "Tổng cộng" and cells[13][2:] == [4, 0, 0, 4, 3, 2, 0, 1, 0, 0, 1, 0, 1]


def test_a_leader_gets_their_agency(history):
    ws = sheet("leader_a")
    cells = rows(ws)
    assert cells[0][0] == "SỞ XÂY DỰNG"
    assert [r[:2] for r in cells[10:13]] == [["I", "Sở"], ["1", "Xây dựng"], [None, "Tổng cộng"]]
