"""Officials' sign-in security: argon2, lockout, TOTP for leaders and administrators, headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import identify_hasher
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.directory.models import Role, RoleKind, User

from .signin import sign_in, totp_now
from .world import build_world

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def world():
    return build_world()


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = User.objects.create_user("hashed", password="mot-mat-khau-dai")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_specialist_signs_in_with_a_password_only(client, world):
    response = client.post("/dang-nhap/", {"username": "specialist_a", "password": "x", "next": "/tra-cuu"})
    assert response.status_code == 302 and response["Location"] == "/tra-cuu"


def test_wrong_password_is_refused_in_vietnamese(client, world):
    body = client.post("/dang-nhap/", {"username": "specialist_a", "password": "sai"}).content.decode()
    assert "mật khẩu chính xác" in body


def test_lockout_after_repeated_failures_even_with_the_right_password(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/dang-nhap/", {"username": "specialist_a", "password": "sai"})
    locked = client.post("/dang-nhap/", {"username": "specialist_a", "password": "x"})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # The API's token door is the same door.
    api = client.post("/api/v1/auth/token", {"username": "specialist_a", "password": "x"},
                      content_type="application/json")
    assert api.status_code == 429 and api.json()["code"] == "account_locked"


def test_leader_without_a_device_must_enrol_by_qr_code(client, world, settings):
    # django-otp throttles a device for a second after a wrong code; the test answers at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = client.post("/dang-nhap/", {"username": "leader_a", "password": "x", "next": "/tra-cuu"})
    assert response["Location"].startswith("/dang-nhap/dang-ky-xac-thuc/")
    # Until enrolled, every other page sends them back to the second step.
    assert client.get("/tra-cuu")["Location"].startswith("/dang-nhap/dang-ky-xac-thuc/")
    page = client.get(response["Location"]).content.decode()
    assert "data:image/svg+xml" in page and "otpauth://totp/" in page
    device = TOTPDevice.objects.get(user=world.users["leader_a"], confirmed=False)
    wrong = client.post(response["Location"], {"token": "000000"})
    assert "không đúng" in wrong.content.decode()
    done = client.post(response["Location"], {"token": totp_now(device)})
    assert done.status_code == 302 and done["Location"] == "/tra-cuu"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/tra-cuu").status_code == 200


def test_leader_with_a_device_needs_the_current_code(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=world.users["admin_a"], name="phone", confirmed=True)
    response = client.post("/dang-nhap/", {"username": "admin_a", "password": "x"})
    assert response["Location"].startswith("/dang-nhap/xac-thuc/")
    assert "không đúng" in client.post("/dang-nhap/xac-thuc/", {"token": "123456"}).content.decode()
    assert client.post("/dang-nhap/xac-thuc/", {"token": totp_now(device)}).status_code == 302


def test_unverified_session_cannot_use_the_api(client, world):
    client.post("/dang-nhap/", {"username": "leader_a", "password": "x"})
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 401 and response.json()["code"] == "otp_required"


def test_api_token_for_a_leader_needs_enrolment_first(client, world):
    response = client.post("/api/v1/auth/token", {"username": "leader_a", "password": "x"},
                           content_type="application/json")
    assert response.status_code == 401 and response.json()["code"] == "otp_enrolment_required"


def test_a_role_ending_removes_the_second_factor_requirement_only_with_it(client, world):
    user = world.users["specialist_a"]
    Role.objects.create(user=user, agency=world.agencies["B"], kind=RoleKind.HEAD_OF_DIVISION)
    assert client.post("/dang-nhap/", {"username": "specialist_a", "password": "x"})["Location"].startswith(
        "/dang-nhap/dang-ky-xac-thuc/"
    )


def test_security_headers_and_csp(client):
    response = client.get("/tra-cuu")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_session_ends_after_inactivity(client, world, settings):
    sign_in(client, "specialist_a")
    response = client.get("/tra-cuu")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 30 * 60


def test_every_form_carries_csrf_protection(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/dang-nhap/", {"username": "specialist_a", "password": "x"}).status_code == 403


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The browser tests' async-unsafe switch is for the test process only, never a deployment.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="dichvucong.example.gov.vn",
        PUBLIC_BASE_URL="https://dichvucong.example.gov.vn", MOTCUA_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
