"""Driving the VNeID sign-in: Django's test client for our side, plain HTTP for the provider's."""

from urllib.parse import urlsplit

import requests

VNEID_START = "/tai-khoan/oidc/vneid/login/"
CITIZEN = {
    "sub": "vneid-sub-0001",
    "name": "Nguyễn Thị Bình",
    "phone_number": "+84912345678",
    "identification_number": "060190001234",
    "email": "binh@example.vn",
    "email_verified": True,
}


def start_vneid(client, next_url=None):
    """POST the VNeID button; returns the provider's authorisation URL we were sent to."""
    response = client.post(VNEID_START, {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def approve(authorize_url: str) -> str:
    """The provider's /authorize answers at once; returns the callback URL it redirects back to."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in_with_vneid(client, oidc, claims=None, next_url=None):
    oidc.next_claims = dict(claims or CITIZEN)
    callback = approve(start_vneid(client, next_url))
    return client.get(local_path(callback))
