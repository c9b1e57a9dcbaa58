import datetime

import pytest

from motcua.catalog.models import CatalogEvent, Procedure, ProcessVersion, Sector

from . import factories as f

pytestmark = pytest.mark.django_db

ADD = "/admin/catalog/processversion/add/"


@pytest.fixture
def admin_client(client):
    f.login_verified(client, f.user())
    return client


def process_form(proc, *step_rows, effective_from="2025-07-01", existing=()):
    data = {
        "procedure": proc.pk, "agency": "", "effective_from": effective_from, "note": "",
        "steps-TOTAL_FORMS": str(len(step_rows)), "steps-INITIAL_FORMS": str(len(existing)),
        "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000",
    }
    for i, (order, name, role, hours, back) in enumerate(step_rows):
        data |= {
            f"steps-{i}-order": order, f"steps-{i}-name": name, f"steps-{i}-role": role,
            f"steps-{i}-hours": hours, f"steps-{i}-version": "",
        }
        if i < len(existing):
            data[f"steps-{i}-id"] = existing[i]
        if back:
            data[f"steps-{i}-may_send_back"] = "on"
    return data


ROWS_96 = [(1, "Tiếp nhận", "desk_officer", "8", False), (2, "Thẩm định", "specialist", "80", True),
           (3, "Phê duyệt", "agency_leader", "8", False)]


def test_admin_refuses_steps_over_the_limit_and_says_by_how_much(admin_client):
    proc = f.procedure(time_limit=12)
    rows = [*ROWS_96[:2], (3, "Phê duyệt", "agency_leader", "12", False)]
    response = admin_client.post(ADD, process_form(proc, *rows))
    assert response.status_code == 200
    assert "Tổng số giờ các bước (100 giờ) vượt thời hạn giải quyết (96 giờ) 4 giờ." in response.content.decode()
    assert not ProcessVersion.objects.exists()


def test_admin_saves_a_short_process_and_shows_the_warning(admin_client):
    proc = f.procedure(time_limit=12)
    rows = [*ROWS_96[:2], (3, "Phê duyệt", "agency_leader", "2", False)]
    response = admin_client.post(ADD, process_form(proc, *rows), follow=True)
    html = response.content.decode()
    assert "Tổng số giờ các bước (90 giờ) ít hơn thời hạn giải quyết (96 giờ) 6 giờ." in html
    version = ProcessVersion.objects.get()
    assert version.number == 1 and version.steps.count() == 3
    assert CatalogEvent.objects.filter(action="process_saved", actor__username="admin").count() == 1


def test_editing_a_version_in_the_admin_creates_the_next_one(admin_client):
    proc = f.procedure(time_limit=12)
    admin_client.post(ADD, process_form(proc, *ROWS_96))
    old = ProcessVersion.objects.get()
    step_ids = list(old.steps.values_list("pk", flat=True))
    changed = [ROWS_96[0], (2, "Thẩm định", "specialist", "70", True), (3, "Phê duyệt", "agency_leader", "18", False)]
    response = admin_client.post(
        f"/admin/catalog/processversion/{old.pk}/change/",
        process_form(proc, *changed, effective_from="2025-09-01", existing=step_ids), follow=True,
    )
    assert "Đã lưu quy trình phiên bản 2" in response.content.decode()
    assert [s.hours for s in ProcessVersion.objects.get(number=1).steps.all()] == [8, 80, 8]
    new = ProcessVersion.objects.get(number=2)
    assert [s.hours for s in new.steps.all()] == [8, 70, 18]
    assert new.effective_from == datetime.date(2025, 9, 1)


def test_admin_procedure_save_and_delete_are_audited(admin_client):
    sector = f.sector()
    data = {
        "code": "1.000001", "name": "Thủ tục  thử   nghiệm", "sector": sector.pk, "applicants": "",
        "time_limit": "5", "time_limit_unit": "working_days", "online_time_limit": "", "same_day_cutoff": "",
        "obligation_wait_counts": "on", "steps_description": "", "conditions": "", "result_type": "",
        "legal_basis": "", "is_active": "on",
    }
    for prefix in ("documents", "fees", "online_levels"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"fees-TOTAL_FORMS": "1", "fees-0-kind": "charge", "fees-0-name": "Lệ phí", "fees-0-amount": "50000"}
    response = admin_client.post("/admin/catalog/procedure/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    proc = Procedure.objects.get(code="1.000001")
    assert proc.name == "Thủ tục thử nghiệm" and proc.total_fees() == 50000
    admin_client.post(f"/admin/catalog/procedure/{proc.pk}/delete/", {"post": "yes"})
    assert not Procedure.objects.exists()
    assert list(CatalogEvent.objects.values_list("action", flat=True)) == ["procedure_created", "procedure_deleted"]
    assert Sector.objects.count() == 1


def test_admin_search_ignores_accents(admin_client):
    f.procedure("Đăng ký đất đai lần đầu")
    f.procedure("Đăng ký khai sinh")
    html = admin_client.get("/admin/catalog/procedure/", {"q": "dat dai"}).content.decode()
    assert "Đăng ký đất đai lần đầu" in html and "Đăng ký khai sinh" not in html
