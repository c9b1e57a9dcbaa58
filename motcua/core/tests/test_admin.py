import pytest


@pytest.mark.django_db
def test_admin_login_page_is_in_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Motcua — Quản trị hệ thống một cửa điện tử" in body
    assert "Mật khẩu" in body


@pytest.mark.django_db
def test_admin_index_for_a_superuser(admin_client):
    body = admin_client.get("/admin/").content.decode()
    assert "Cơ quan và cán bộ" in body
    assert "Thủ tục hành chính" in body
