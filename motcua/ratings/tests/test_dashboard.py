"""The dashboards per role: an official sees their own ratings, a leader their agency's, the province's
overseers everything; a filter naming something out of reach and every non-official get 404."""

import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.catalog.models import Procedure
from motcua.directory.tests.signin import sign_in
from motcua.dossiers.tests.factories import more_people, rolled_back, walk_in
from motcua.ratings import services
from motcua.ratings.models import Level

from .helpers import build_ratings_world

pytestmark = pytest.mark.django_db
ANONYMOUS = None
ROLES = ["desk_s", "desk_s2", "desk_c2", "specialist_a", "head_a", "leader_a", "leader_b", "leader_s", "admin_a",
         "supervisor", "province_admin", "root", "citizen", ANONYMOUS]
# How many of the three ratings each role sees.
SEES = {"desk_s": 1, "desk_s2": 1, "desk_c2": 1, "specialist_a": 0, "head_a": 2, "leader_a": 2, "leader_b": 0,
        "leader_s": 2, "admin_a": 0, "supervisor": 3, "province_admin": 3, "root": 3}


@pytest.fixture(scope="module")
def setup(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        w = more_people(build_ratings_world())
        a = w.agencies
        d1 = walk_in(w, actor="desk_s")
        d2 = walk_in(w, actor="desk_s2")
        commune = Procedure.objects.create(code="2.000001", name="Đăng ký khai sinh", sector=w.procedure.sector,
                                           time_limit=Decimal("1"), in_rating_pilot=True)
        commune.agencies.set([a["C2"]])
        d3 = walk_in(w, actor="desk_c2", procedure=commune)
        services.rate(d1, "reception", "very_satisfied", channel="kiosk", reasons=["thai-do"], counter=w.counters[1])
        services.rate(d2, "reception", "unsatisfied", channel="qr", reasons=["thoi-gian-cho", "thai-do"])
        services.rate(d3, "reception", "satisfied", channel="portal")
        clients = {}
        for role in ROLES:
            clients[role] = Client()
            if role:
                sign_in(clients[role], role)
        yield {"w": w, "clients": clients}


def total(response) -> int:
    return int(re.search(r'id="total-count">(\d+)<', response.content.decode()).group(1))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_scope(setup, role):
    client = setup["clients"][role]
    for path in ["/can-bo/danh-gia/", "/can-bo/danh-gia/bieu-do/xu-huong.svg", "/can-bo/danh-gia/bieu-do/ty-le.svg",
                 "/can-bo/danh-gia/xuat.xlsx"]:
        r = client.get(path)
        if role is ANONYMOUS:
            assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")
        elif role == "citizen":
            assert r.status_code == 404, path
        else:
            assert r.status_code == 200, (path, r.status_code)
    if role in SEES:
        assert total(client.get("/can-bo/danh-gia/")) == SEES[role]


def ids(setup):
    w = setup["w"]
    return {"A": w.agencies["A"].pk, "C2": w.agencies["C2"].pk, "desk_s": w.users["desk_s"].pk,
            "desk_c2": w.users["desk_c2"].pk, "deskS": w.desks["S"].pk, "deskC2": w.desks["C2"].pk,
            "counter1": w.counters[1].pk, "sector": w.procedure.sector_id}


@pytest.mark.parametrize("role, query, status, count", [
    ("leader_a", "agency={A}", 200, 2),
    ("leader_a", "agency={C2}", 404, None),
    ("leader_a", "official={desk_s}", 200, 1),
    ("leader_a", "official={desk_c2}", 404, None),
    ("leader_a", "desk={deskC2}", 404, None),
    ("leader_a", "sector={sector}", 200, 2),
    ("leader_s", "desk={deskS}", 200, 2),
    ("leader_s", "counter={counter1}", 200, 1),
    ("desk_s", "official={desk_s}", 200, 1),
    ("desk_s", "official={desk_c2}", 404, None),
    ("desk_s", "agency={C2}", 404, None),
    ("desk_c2", "counter={counter1}", 404, None),
    ("supervisor", "agency={C2}", 200, 1),
    ("province_admin", "official={desk_c2}", 200, 1),
    ("supervisor", "agency=999999", 404, None),
])
def test_filters_out_of_scope_are_404(setup, role, query, status, count):
    client = setup["clients"][role]
    q = query.format(**ids(setup))
    r = client.get(f"/can-bo/danh-gia/?{q}")
    assert r.status_code == status
    if count is not None:
        assert total(r) == count
    assert client.get(f"/can-bo/danh-gia/xuat.xlsx?{q}").status_code == status
    assert client.get(f"/can-bo/danh-gia/bieu-do/ty-le.svg?{q}").status_code == status


def test_the_table_groups_and_links_to_each_group(setup):
    client = setup["clients"]["supervisor"]
    html = client.get("/can-bo/danh-gia/?by=official").content.decode()
    for name in ("desk_s", "Desk S2", "Cán bộ một cửa xã Mới"):
        assert name in html
    assert f"official={setup['w'].users['desk_s'].pk}" in html
    assert "Thời gian chờ đợi tại quầy (1)" in html
    by_sector = client.get("/can-bo/danh-gia/?by=sector&period=week").content.decode()
    assert "Xây dựng" in by_sector
    bad = client.get("/can-bo/danh-gia/?date_from=2026-05-01&date_to=2026-01-01")
    assert bad.status_code == 422 and "Ngày bắt đầu phải trước ngày kết thúc" in bad.content.decode()


def test_charts_are_server_rendered_svg_without_script(setup):
    r = setup["clients"]["leader_a"].get("/can-bo/danh-gia/bieu-do/xu-huong.svg?period=week")
    body = r.content.decode()
    assert r["Content-Type"].startswith("image/svg+xml") and body.lstrip().startswith("<?xml")
    assert "<svg" in body and "<script" not in body and "Rất hài lòng" in body
    policy = r["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    page = setup["clients"]["leader_a"].get("/can-bo/danh-gia/")
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    refused = setup["clients"]["citizen"].get("/can-bo/danh-gia/bieu-do/xu-huong.svg")
    assert refused.status_code == 404 and "unsafe-inline" not in refused["Content-Security-Policy"]
    assert '<img src="/can-bo/danh-gia/bieu-do/xu-huong.svg?' in page.content.decode()


def test_the_excel_export_holds_the_same_table(setup):
    r = setup["clients"]["supervisor"].get("/can-bo/danh-gia/xuat.xlsx?by=official")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert r["Content-Disposition"].startswith('attachment; filename="danh-gia-')
    wb = load_workbook(io.BytesIO(r.content))
    sheet = wb.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0][:4] == ["Cán bộ", "Số lượt đánh giá", "Rất hài lòng", "Tỷ lệ rất hài lòng"]
    table = {row[0]: row for row in rows[1:]}
    assert table["desk_s"][1:8] == [1, 1, 1.0, 0, 0, 0, 0]
    assert table["Desk S2"][1:8] == [1, 0, 0, 0, 0, 1, 1.0]
    assert "Thời gian chờ đợi tại quầy (1)" in table["Desk S2"][8]
    assert table["Tổng cộng"][1:8] == [3, 1, pytest.approx(0.3333, abs=1e-4), 1, pytest.approx(0.3333, abs=1e-4),
                                        1, pytest.approx(0.3333, abs=1e-4)]
    assert sheet["D5"].number_format == "0.0%"
    trend = wb.worksheets[1]
    assert [c.value for c in trend[1]] == ["Kỳ", "Rất hài lòng", "Hài lòng", "Không hài lòng", "Tổng"]
    assert sum(row[4] for row in trend.iter_rows(min_row=2, values_only=True)) == 3


def test_leaders_see_their_agencys_evaluation_and_desk_officers_none(setup):
    leader = setup["clients"]["leader_a"].get("/can-bo/danh-gia/").content.decode()
    assert 'id="evaluation"' in leader and "Sở Xây dựng" in leader and "Thái độ của cán bộ, công chức" in leader
    # The entered indicators have no score yet: no band, rather than "weak" for a quarter not yet scored.
    assert "Chưa xếp loại" in leader and "band--weak" not in leader and "hồ sơ có kết quả" in leader
    assert 'id="evaluation"' not in setup["clients"]["desk_s"].get("/can-bo/danh-gia/").content.decode()
    province = setup["clients"]["supervisor"].get("/can-bo/danh-gia/").content.decode()
    assert "Sở Xây dựng" in province and "Xã Mới" in province


def test_leaders_read_what_citizens_wrote_on_the_page_and_in_the_export(setup):
    w = setup["w"]
    dossier = walk_in(w, actor="desk_s")
    services.rate(dossier, "reception", Level.UNSATISFIED, channel="qr", comment="Chờ hơn một giờ mới được gọi.")
    leader, stranger = setup["clients"]["leader_a"], setup["clients"]["leader_b"]
    page = leader.get("/can-bo/danh-gia/").content.decode()
    assert 'id="comments"' in page and "Chờ hơn một giờ mới được gọi." in page and dossier.code in page
    assert page.count("<blockquote>") == 1  # the ratings without a comment are not listed
    # A high share of "unsatisfied" is marked as bad, not drawn like a good one.
    assert re.search(r'optimum="0" value="[\d.]+" class="share share--unsatisfied"', page)
    assert 'optimum="100" value="0.0" class="share share--unsatisfied"' not in page
    assert "Chờ hơn một giờ" not in stranger.get("/can-bo/danh-gia/").content.decode()

    sheet = load_workbook(io.BytesIO(leader.get("/can-bo/danh-gia/xuat.xlsx").content))["Ý kiến"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Thời điểm", "Mã hồ sơ", "Thủ tục", "Khâu", "Cán bộ", "Mức độ", "Ý kiến"]
    assert rows[1][1:] == [dossier.code, dossier.procedure.name, "Tiếp nhận hồ sơ", str(w.users["desk_s"]),
                           "Không hài lòng", "Chờ hơn một giờ mới được gọi."]
    assert len(rows) == 2
