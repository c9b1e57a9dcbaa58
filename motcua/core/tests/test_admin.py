import pytest

from motcua.directory.models import User
from motcua.directory.tests.signin import sign_in


@pytest.mark.django_db
def test_admin_sign_in_goes_through_the_officials_sign_in_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    body = client.get(response["Location"]).content.decode()
    assert "Cán bộ đăng nhập" in body and "Mật khẩu" in body


@pytest.mark.django_db
def test_admin_index_in_vietnamese_for_a_verified_superuser(client):
    User.objects.create_superuser("root", password="x")
    sign_in(client, "root")
    body = client.get("/admin/").content.decode()
    assert "Motcua — Quản trị hệ thống một cửa điện tử" in body
    assert "Cơ quan và cán bộ" in body and "Thủ tục hành chính" in body
