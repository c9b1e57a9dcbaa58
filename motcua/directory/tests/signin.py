"""Signing in through the real pages, second factor included, for page tests of every app."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_now(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, username: str, password: str = "x") -> None:
    """Password, then TOTP when the role needs it (a device is created on first use)."""
    from motcua.directory.twofactor import requires_two_factor

    response = client.post("/dang-nhap/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    user = response.wsgi_request.user
    if requires_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        answer = client.post("/dang-nhap/xac-thuc/", {"token": totp_now(device)})
        assert answer.status_code == 302, answer.content.decode()[:500]


def api_token(client, username: str, password: str = "x") -> str:
    """A bearer token through POST /api/v1/auth/token, with a TOTP code when the role needs one."""
    from motcua.directory.models import User
    from motcua.directory.twofactor import requires_two_factor

    body = {"username": username, "password": password}
    user = User.objects.get(username=username)
    if requires_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        body["otp"] = totp_now(device)
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["token"]
