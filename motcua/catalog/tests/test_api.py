import datetime
from decimal import Decimal

import pytest

from motcua.catalog import services

from . import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/procedures"


@pytest.fixture
def permit():
    builder = f.agency("000.00.31.H56")
    proc = f.procedure(
        "Cấp giấy phép xây dựng nhà ở riêng lẻ", code="1.009994", agencies=[builder], time_limit=15,
        fees=[("Lệ phí cấp giấy phép xây dựng", 75000), ("Phí thẩm định", 500000)],
        documents=[("Đơn đề nghị cấp giấy phép xây dựng", 1, 0, 0), ("Bản vẽ thiết kế", 2, 0, 0)],
        level=4, in_rating_pilot=True,
    )
    steps = [
        {"order": 1, "name": "Tiếp nhận hồ sơ", "role": "desk_officer", "hours": Decimal(4)},
        {"order": 2, "name": "Thẩm định", "role": "specialist", "hours": Decimal(100), "may_send_back": True},
        {"order": 3, "name": "Phê duyệt", "role": "agency_leader", "hours": Decimal(16)},
    ]
    services.save_process(proc, steps, effective_from=datetime.date(2024, 1, 1), actor=None)
    return proc


@pytest.fixture
def others():
    land = f.sector("DD", "Đất đai")
    return [
        f.procedure("Đăng ký đất đai lần đầu", code="1.004227", sector_=land, time_limit=30, level=3),
        f.procedure("Cấp bản sao trích lục hộ tịch", code="1.004884", sector_=f.sector("HT", "Hộ tịch"),
                    time_limit="0.5", level=3),
    ]


def test_list_finds_without_accents_and_reports_the_total(client, permit, others):
    body = client.get(URL, {"q": "giay phep xay dung"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["code"] == "1.009994"
    assert item["name"] == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    assert item["sector"] == {"code": "XD", "name": "Hoạt động xây dựng"}
    assert item["level"] == 4
    assert item["time_limit"] == 15
    assert item["time_limit_unit"] == "working_days"
    assert item["time_limit_text"] == "15 ngày làm việc"
    assert item["url"].endswith("/thu-tuc/1.009994/")


def test_list_pages_with_limit_and_offset_and_filters(client, permit, others):
    first = client.get(URL, {"limit": 2}).json()
    second = client.get(URL, {"limit": 2, "offset": 2}).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert {i["code"] for i in first["items"] + second["items"]} == {"1.009994", "1.004227", "1.004884"}
    assert [i["code"] for i in client.get(URL, {"sector": "DD"}).json()["items"]] == ["1.004227"]
    assert [i["code"] for i in client.get(URL, {"agency": "000.00.31.H56"}).json()["items"]] == ["1.009994"]
    assert client.get(URL, {"level": 3}).json()["count"] == 2
    half = client.get(URL, {"q": "trich luc"}).json()["items"][0]
    assert (half["time_limit"], half["time_limit_text"]) == (0.5, "0,5 ngày làm việc")


def test_detail_has_documents_fees_agencies_steps_and_levels(client, permit):
    response = client.get(f"{URL}/1.009994")
    assert response.status_code == 200
    body = response.json()
    assert body["agencies"] == [{"code": "000.00.31.H56", "name": "Sở Xây dựng tỉnh Thanh Hóa"}]
    assert [(d["name"], d["originals"], d["mandatory"]) for d in body["documents"]] == [
        ("Đơn đề nghị cấp giấy phép xây dựng", 1, True), ("Bản vẽ thiết kế", 2, True),
    ]
    assert [(fee["name"], fee["amount"]) for fee in body["fees"]] == [
        ("Lệ phí cấp giấy phép xây dựng", 75000), ("Phí thẩm định", 500000),
    ]
    assert body["total_fees"] == 575000
    assert body["in_rating_pilot"] is True
    assert body["levels"] == [{"agency": None, "level": 4, "effective_from": "2020-01-01"}]
    process = body["process"]
    assert process["number"] == 1 and process["total_hours"] == 120
    assert [(s["order"], s["name"], s["role_label"]) for s in process["steps"]] == [
        (1, "Tiếp nhận hồ sơ", "Cán bộ một cửa"), (2, "Thẩm định", "Chuyên viên"), (3, "Phê duyệt", "Lãnh đạo cơ quan"),
    ]


def test_unknown_code_is_a_json_404(client, permit):
    response = client.get(f"{URL}/9.999999")
    assert response.status_code == 404
    assert response.json() == {"code": "procedure_not_found", "message": "Không tìm thấy thủ tục mã 9.999999."}


def test_withdrawn_procedure_is_not_published(client, permit):
    permit.is_active = False
    permit.save()
    assert client.get(f"{URL}/1.009994").status_code == 404
    assert client.get(URL).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [({"level": 7}, "level"), ({"offset": -1}, "offset"), ({"offset": 10**19}, "offset"), ({"limit": 101}, "limit"),
     ({"limit": 0}, "limit")],
)
def test_bad_filters_are_422_naming_the_field(client, permit, params, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [e["field"] for e in body["errors"]] == [field]


def test_openapi_documents_both_endpoints_and_their_shapes(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/procedures" in doc["paths"]
    assert "/api/v1/procedures/{code}" in doc["paths"]
    listing = doc["paths"]["/api/v1/procedures"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"q", "sector", "agency", "level", "limit", "offset"}
    schemas = doc["components"]["schemas"]
    assert {"ProcedurePage", "ProcedureItem", "ProcedureDetail", "ErrorOut"} <= set(schemas)
    detail = doc["paths"]["/api/v1/procedures/{code}"]["get"]["responses"]
    assert {"200", "404"} <= set(detail)
