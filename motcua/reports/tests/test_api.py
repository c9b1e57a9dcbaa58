"""`/api/v1/reports`: Form 06 and the dashboard as JSON on the hand-built history of dataset.py.

The JSON carries exactly what the pages show (compared with the pages' own context), the Form 06
identity holds on every row, the scope is the pages' (404 for anyone without one and for an agency
outside it), bearer tokens and sessions both work, and a bad filter is 422 with a machine code.
"""

import datetime

import pytest
import time_machine

from motcua.directory.tests.signin import api_token
from motcua.dossiers.tests.factories import Api, local_dt
from motcua.dossiers.tests.pages import Browsers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]

FORM06, DASHBOARD = "/reports/form06", "/reports/dashboard"
PAGE_FORM06, PAGE_DASHBOARD = "/can-bo/thong-ke/bieu-06/", "/can-bo/thong-ke/"
MONTH = {"kind": "month", "year": 2025, "number": 7, "mode": "as_it_was"}
ALLOWED = {"province_admin", "supervisor", "leader_a", "head_a", "root"}
REFUSED = ["specialist_a", "specialist_b", "desk_s", "admin_a", "admin_c2", "specialist_c1", "specialist_c2",
           "desk_c2", "citizen", "nobody"]
UNKNOWN_AGENCY = "999.99.99.H99"


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def browsers():
    return Browsers()


def ok(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def page_rows(report) -> list[tuple]:
    """The page's Form 06 as (kind, number, label, values) in print order."""
    return [(line.kind, line.number, line.label, line.values) for line in report.lines]


def api_rows(body) -> list[tuple]:
    rows = []
    for level in body["levels"]:
        rows.append(("level", level["number"], level["name"], level["figures"]))
        rows += [("sector", s["number"], s["name"], s["figures"]) for s in level["sectors"]]
    return rows + [("total", "", "Tổng cộng", body["total"])]


def every_row(body):
    for level in body["levels"]:
        yield level["figures"]
        for sector in level["sectors"]:
            yield sector["figures"]
    yield body["total"]


# Form 06

@pytest.mark.parametrize("mode", ["as_it_was", "rolled_up"])
def test_form06_is_the_page_report(history, api, browsers, mode):
    params = MONTH | {"mode": mode}
    body = ok(api.get("province_admin", FORM06, **params))
    page = browsers["province_admin"].get(PAGE_FORM06, params)
    assert page.status_code == 200
    assert api_rows(body) == page_rows(page.context["report"])
    assert body["period"] == {"label": "Tháng 7/2025", "start": "2025-06-15", "end": "2025-07-14"}
    assert body["mode"] == mode and body["agency"] is None and body["agency_label"] == "UBND tỉnh Bình Hải"


def test_form06_every_column_as_it_was(history, api):
    body = ok(api.get("province_admin", FORM06, **MONTH))
    shape = [(level["code"], level["name"], [(s["code"], s["name"]) for s in level["sectors"]])
             for level in body["levels"]]
    assert shape == [("department", "Sở", [("XD", "Xây dựng")]), ("district", "Huyện", [("XD", "Xây dựng")]),
                     ("commune", "Xã", [("CT", "Chứng thực")])]
    assert body["total"] == {
        "total": 13, "carried": 2, "received": 11, "received_online": 1, "received_direct": 10,
        "received_walk_in": 9, "received_post": 1, "resolved": 6, "early": 3, "on_time": 1, "late": 2,
        "withdrawn": 1, "stopped": 1, "pending": 5, "pending_on_time": 2, "overdue": 3}
    # Every printed column of the form is a key of each row's figures.
    assert {c["key"] for c in body["form"]["columns"]} <= set(body["total"])
    assert body["form"]["code"] == "Biểu mẫu 06" and len(body["form"]["columns"]) == 13


@pytest.mark.parametrize("mode", ["as_it_was", "rolled_up"])
def test_form06_identity_on_every_row(history, api, mode):
    body = ok(api.get("province_admin", FORM06, **MONTH | {"mode": mode}))
    rows = list(every_row(body))
    assert len(rows) >= 6
    for v in rows:
        assert v["carried"] + v["received"] == v["resolved"] + v["withdrawn"] + v["stopped"] + v["pending"], v
        assert v["total"] == v["carried"] + v["received"]
        assert v["received"] == v["received_online"] + v["received_direct"]
        assert v["received_direct"] == v["received_walk_in"] + v["received_post"]
        assert v["resolved"] == v["early"] + v["on_time"] + v["late"]
        assert v["pending"] == v["pending_on_time"] + v["overdue"]


def test_form06_rolled_up_moves_the_dissolved_district_under_the_commune(history, api):
    body = ok(api.get("province_admin", FORM06, **MONTH | {"mode": "rolled_up"}))
    assert [(lv["name"], [s["name"] for s in lv["sectors"]]) for lv in body["levels"]] == [
        ("Sở", ["Xây dựng"]), ("Xã", ["Chứng thực", "Xây dựng"])]
    # Xã Mới alone: as it was only its own dossier; rolled up also the district's and the old commune's.
    c2 = history[0].agencies["C2"].code
    assert ok(api.get("province_admin", FORM06, **MONTH | {"agency": c2}))["total"]["received"] == 1
    assert ok(api.get("province_admin", FORM06, **MONTH | {"agency": c2, "mode": "rolled_up"}))["total"][
        "received"] == 4


def test_form06_by_sector_is_the_page_by_sector(history, api, browsers):
    w, _d = history
    body = ok(api.get("province_admin", FORM06, **MONTH | {"sector": "CT"}))
    page = browsers["province_admin"].get(PAGE_FORM06, MONTH | {"sector": w.certify.sector_id})
    assert api_rows(body) == page_rows(page.context["report"])
    assert body["sector"] == {"code": "CT", "name": "Chứng thực"}
    assert [lv["name"] for lv in body["levels"]] == ["Xã"] and body["total"]["received"] == 2


def test_presets_ranges_and_the_default_period(history, api):
    quarter = ok(api.get("province_admin", FORM06, kind="quarter", year=2025, number=3))["period"]
    # The third quarter runs 15/6–14/9; today is 30/7, so it stops today, as on the page.
    assert quarter == {"label": "Quý III/2025", "start": "2025-06-15", "end": "2025-07-30"}
    days = ok(api.get("province_admin", FORM06, date_from="2025-06-20", date_to="2025-06-20"))
    assert days["period"] == {"label": "Từ ngày 20/06/2025 đến ngày 20/06/2025", "start": "2025-06-20",
                              "end": "2025-06-20"}
    assert days["mode"] == "rolled_up"  # the page's default
    # No period at all: the current official month, as the page opens.
    assert ok(api.get("leader_a", DASHBOARD))["period"] == {
        "label": "Tháng 8/2025", "start": "2025-07-15", "end": "2025-07-30"}


# The dashboard

@pytest.fixture
def ratings(history):
    """Three citizens' ratings in the period: two for Sở Xây dựng (both satisfied), one for Xã Cũ (not)."""
    from motcua.ratings import services

    _w, d = history
    with time_machine.travel(local_dt(2025, 7, 1, 10, 0), tick=False):
        services.rate(d.late, "reception", "satisfied", channel="qr")
        services.rate(d.online_on_time, "reception", "very_satisfied", channel="qr")
        services.rate(d.commune_old, "reception", "unsatisfied", channel="qr")


@pytest.mark.parametrize("who", ["province_admin", "leader_a"])
def test_dashboard_figures_are_the_page_figures(history, api, browsers, ratings, who):
    w, _d = history
    agency = {"province_admin": {}, "leader_a": {"agency": w.agencies["A"].pk}}[who]
    page = browsers[who].get(PAGE_DASHBOARD, MONTH | agency).context
    body = ok(api.get(who, DASHBOARD, **MONTH | ({"agency": w.agencies["A"].code} if agency else {})))
    total, rates = page["total"], page["rates"]
    assert body["figures"] == {
        "received": total["received"], "resolved": total["resolved"], "pending": total["pending"],
        "overdue": total["overdue"], "on_time_rate": rates["on_time"], "online_share": rates["online"],
        "paid_online_share": rates["paid_online"], "digitised_share": rates["digitised"]}
    assert body["coverage"] == page["coverage"]
    assert body["satisfaction"] == page["satisfaction"]
    assert body["satisfaction"]["total"] == {"province_admin": 3, "leader_a": 2}[who]
    assert body["overdue_now"]["count"] == page["overdue_now_count"]
    assert [d["code"] for d in body["overdue_now"]["items"]] == [d.code for d in page["overdue_now"]]


def test_dashboard_counts_the_leaders_agency(history, api):
    body = ok(api.get("leader_a", DASHBOARD, **MONTH))
    f = body["figures"]
    # Sở Xây dựng alone: 7 received, 3 resolved, 4 pending of which 2 overdue at the end of 14/7.
    assert (f["received"], f["resolved"], f["pending"], f["overdue"]) == (7, 3, 4, 2)
    assert f["on_time_rate"] == pytest.approx(2 / 3) and f["online_share"] == pytest.approx(1 / 7)
    assert body["agency"] == {"code": "000.12.00.H99", "name": "Sở Xây dựng"}  # the leader's own by default


def test_overdue_list_names_the_step_and_the_official(history, api):
    _w, d = history
    items = {i["code"]: i for i in ok(api.get("leader_a", DASHBOARD, **MONTH))["overdue_now"]["items"]}
    item = items[d.carried_overdue.code]
    assert item["step"] == {"order": 2, "name": "Thẩm định hồ sơ"}
    assert item["assignee"] == {"username": "specialist_a", "full_name": "specialist_a"}
    assert item["procedure"]["code"] == "1.009994" and item["agency"]["code"] == "000.12.00.H99"
    assert datetime.datetime.fromisoformat(item["due_at"]) == d.carried_overdue.due_at
    assert d.overdue_then.code not in items  # waiting for a supplement: the clock is stopped
    dues = [i["due_at"] for i in items.values()]
    assert dues == sorted(dues)  # the longest overdue first


def test_overdue_list_pages(history, api):
    everything = ok(api.get("province_admin", DASHBOARD, **MONTH | {"limit": 200}))["overdue_now"]
    codes = [i["code"] for i in everything["items"]]
    assert everything["count"] == len(codes) >= 3
    pages = [ok(api.get("province_admin", DASHBOARD, **MONTH | {"limit": 2, "offset": n}))["overdue_now"]
             for n in range(0, len(codes), 2)]
    assert [i["code"] for p in pages for i in p["items"]] == codes
    assert all(p["count"] == len(codes) and len(p["items"]) <= 2 for p in pages)
    assert pages[1]["offset"] == 2 and pages[1]["limit"] == 2
    for bad in ({"limit": 201}, {"limit": 0}, {"offset": -1}):
        r = api.get("province_admin", DASHBOARD, **MONTH | bad)
        assert r.status_code == 422 and r.json()["code"] == "invalid_input"
        assert [e["field"] for e in r.json()["errors"]] == list(bad)


# Who sees what

@pytest.mark.parametrize("who", sorted(ALLOWED) + REFUSED)
def test_permission_matrix(history, api, who):
    for path in (FORM06, DASHBOARD):
        r = api.get(who, path, **MONTH)
        if who in ALLOWED:
            assert r.status_code == 200, (who, path, r.content)
        else:
            # As on the pages: 404, never 403, and no figures.
            assert r.status_code == 404, (who, path, r.content)
            assert r.json() == {"code": "not_found",
                                "message": "Không tìm thấy số liệu thống kê trong phạm vi của bạn."}


def test_no_token_or_a_bad_token_is_401(history, api):
    for path in (FORM06, DASHBOARD):
        for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}):
            r = api.client.get(f"/api/v1{path}", MONTH, **headers)
            assert r.status_code == 401 and r.json()["code"] == "unauthenticated"


def test_a_token_from_the_api_and_a_session_both_work(history, api, browsers):
    # Two officials of Sở Xây dựng (one TOTP code cannot be used twice): the same figures either way.
    token = api_token(api.client, "leader_a")
    by_token = api.client.get(f"/api/v1{FORM06}", MONTH, HTTP_AUTHORIZATION=f"Bearer {token}")
    by_session = browsers["head_a"].get(f"/api/v1{FORM06}", MONTH)
    assert ok(by_token)["total"] == ok(by_session)["total"]
    assert by_token.json()["total"]["received"] == 7


def test_an_agency_outside_the_scope_is_404_like_one_that_does_not_exist(history, api):
    w, _d = history
    unknown = api.get("leader_a", FORM06, **MONTH | {"agency": UNKNOWN_AGENCY}).json()
    assert unknown == {"code": "agency_not_found", "message": f"Không tìm thấy cơ quan {UNKNOWN_AGENCY}."}
    for path in (FORM06, DASHBOARD):
        for outside in ("B", "P", "C2"):
            code = w.agencies[outside].code
            r = api.get("leader_a", path, **MONTH | {"agency": code})
            assert r.status_code == 404, (path, outside)
            assert r.json() == {"code": "agency_not_found", "message": f"Không tìm thấy cơ quan {code}."}
        assert ok(api.get("leader_a", path, **MONTH | {"agency": w.agencies["A"].code}))["agency"]["code"] == (
            w.agencies["A"].code)
    assert ok(api.get("province_admin", FORM06, **MONTH | {"agency": w.agencies["B"].code}))["agency"] == {
        "code": w.agencies["B"].code, "name": "Sở Tư pháp"}


def test_the_supervisor_sees_the_province_and_a_leader_only_the_agency(history, api):
    province = ok(api.get("province_admin", FORM06, **MONTH))["total"]
    supervisor = ok(api.get("supervisor", FORM06, **MONTH))
    leader = ok(api.get("leader_a", FORM06, **MONTH))
    assert supervisor["total"] == province and supervisor["agency_label"] == "UBND tỉnh Bình Hải"
    assert province["received"] == 11 and leader["total"]["received"] == 7
    assert [lv["name"] for lv in leader["levels"]] == ["Sở"]
    assert ok(api.get("supervisor", DASHBOARD, **MONTH))["figures"]["received"] == 11


# Bad input

BAD = [
    ({"date_from": "2025-07-10", "date_to": "2025-07-01"}, "invalid_date_range", "date_to",
     "Ngày kết thúc phải sau ngày bắt đầu."),
    ({"date_from": "2014-01-01", "date_to": "2025-01-01"}, "period_too_long", "date_to",
     "Khoảng thời gian tối đa là 10 năm."),
    ({"date_from": "2025-07-10"}, "dates_required", "date_from,date_to",
     "Hãy nhập cả ngày bắt đầu và ngày kết thúc."),
    ({"kind": "quarter", "year": 2025, "number": 7}, "invalid_quarter", "number", "Quý phải từ 1 đến 4."),
    ({"kind": "month", "year": 2025}, "month_required", "number", "Hãy chọn tháng."),
    ({"kind": "year", "year": 1999}, "invalid_year", "year", None),
    ({"kind": "month", "number": 7, "date_from": "2025-07-01", "date_to": "2025-07-10"}, "period_conflict", None,
     "Chọn kỳ báo cáo (kind) hoặc khoảng ngày (date_from, date_to), không chọn cả hai."),
    ({"date_from": "2025-02-30", "date_to": "2025-03-10"}, "invalid_input", "date_from",
     "Dữ liệu không hợp lệ."),
    ({"mode": "hom_nay"}, "invalid_input", "mode", "Dữ liệu không hợp lệ."),
    ({"kind": "week", "year": 2025}, "invalid_input", "kind", "Dữ liệu không hợp lệ."),
    ({"sector": "KHONG-CO"}, "sector_not_found", None, "Không tìm thấy lĩnh vực KHONG-CO."),
]


@pytest.mark.parametrize(("params", "code", "field", "message"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_is_422_with_a_code(history, api, params, code, field, message):
    for path in (FORM06, DASHBOARD):
        r = api.get("province_admin", path, **params)
        assert r.status_code == 422, (path, r.content)
        body = r.json()
        assert body["code"] == code
        assert body["message"], body  # always a sentence for a person
        if message:
            assert body["message"] == message
        if field:
            assert field in [e["field"] for e in body["errors"]]


def test_openapi_documents_the_reports(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    form06 = paths["/api/v1/reports/form06"]["get"]
    dashboard = paths["/api/v1/reports/dashboard"]["get"]
    assert form06["summary"].startswith("Biểu mẫu 06") and dashboard["summary"].startswith("Bảng điều hành")
    names = {p["name"] for p in form06["parameters"]}
    assert {"kind", "year", "number", "date_from", "date_to", "agency", "mode", "sector"} <= names
    limit = next(p for p in dashboard["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200
    assert {"200", "401", "404", "422"} <= set(form06["responses"])
