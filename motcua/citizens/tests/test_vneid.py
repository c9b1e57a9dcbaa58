"""VNeID (OpenID Connect) sign-in end to end against a provider on loopback."""

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount

from motcua.citizens.models import CitizenKind, CitizenProfile, IdentitySource
from motcua.directory.models import User

from .helpers import CITIZEN, VNEID_START, approve, local_path, sign_in_with_vneid, start_vneid

pytestmark = pytest.mark.django_db


def test_button_is_shown_only_when_vneid_is_configured(client, settings):
    settings.VNEID_SERVER_URL = ""
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert VNEID_START not in page
    assert client.post(VNEID_START).status_code == 404
    settings.VNEID_SERVER_URL, settings.VNEID_CLIENT_ID = "https://vneid.example", "motcua"
    assert VNEID_START in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_authorisation_request_carries_nonce_pkce_and_the_public_redirect_uri(client, oidc, settings):
    query = parse_qs(urlsplit(start_vneid(client)).query)
    assert query["client_id"] == [oidc.client_id]
    assert query["response_type"] == ["code"]
    assert query["redirect_uri"] == [f"{settings.PUBLIC_BASE_URL}/tai-khoan/oidc/vneid/login/callback/"]
    assert set(query["scope"][0].split()) >= {"openid", "profile", "phone"}
    assert len(query["nonce"][0]) >= 32 and query["state"][0]
    assert query["code_challenge_method"] == ["S256"]
    # A second sign-in gets a fresh nonce.
    again = parse_qs(urlsplit(start_vneid(client)).query)
    assert again["nonce"] != query["nonce"]


def test_query_string_cannot_change_scope_or_nonce(client, oidc):
    response = client.post(f"{VNEID_START}?scope=admin&auth_params=nonce%3Dfixed%26prompt%3Dnone")
    query = parse_qs(urlsplit(response["Location"]).query)
    assert "admin" not in query["scope"][0] and query["nonce"] != ["fixed"] and "prompt" not in query


def test_new_citizen_is_created_with_claims_mapped(client, oidc):
    decomposed = {**CITIZEN, "name": unicodedata.normalize("NFD", CITIZEN["name"])}
    response = sign_in_with_vneid(client, oidc, decomposed, next_url="/ca-nhan/ho-so/")
    assert response.status_code == 302 and response["Location"] == "/ca-nhan/ho-so/"
    account = SocialAccount.objects.get(provider="vneid", uid=CITIZEN["sub"])
    user = account.user
    assert user.full_name == "Nguyễn Thị Bình" and unicodedata.is_normalized("NFC", user.full_name)
    assert user.phone == "0912345678"
    assert user.email == "binh@example.vn"
    assert user.username.startswith("congdan.")
    assert not user.has_usable_password()
    profile = user.citizen
    assert profile.kind == CitizenKind.PERSON and profile.source == IdentitySource.VNEID
    assert profile.id_number == "060190001234" and profile.id_verified
    assert profile.phone_verified
    assert client.session["_auth_user_id"] == str(user.pk)
    # The server side really talked to the provider: token exchange with the PKCE verifier.
    assert oidc.token_requests[-1]["code_verifier"]


def test_name_from_family_middle_and_given_names(client, oidc):
    claims = {"sub": "s-2", "family_name": "Trần", "middle_name": "Văn", "given_name": "Cường"}
    assert sign_in_with_vneid(client, oidc, claims).status_code == 302
    user = SocialAccount.objects.get(uid="s-2").user
    assert user.full_name == "Trần Văn Cường" and user.phone == "" and user.citizen.id_number == ""


def test_returning_citizen_is_matched_by_sub_and_refreshed(client, oidc):
    sign_in_with_vneid(client, oidc)
    first = SocialAccount.objects.get(uid=CITIZEN["sub"]).user
    client.logout()
    renamed = {**CITIZEN, "name": "Nguyễn Thị Bình An", "email": "other@example.vn"}
    assert sign_in_with_vneid(client, oidc, renamed).status_code == 302
    assert User.objects.filter(socialaccount__provider="vneid").count() == 1
    assert client.session["_auth_user_id"] == str(first.pk)
    first.refresh_from_db()
    assert first.full_name == "Nguyễn Thị Bình An"
    assert CitizenProfile.objects.count() == 1


def test_same_email_as_a_local_account_does_not_take_it_over(client, oidc, django_user_model):
    from allauth.account.models import EmailAddress

    local = django_user_model.objects.create_user("congdan.local", email=CITIZEN["email"], password="x")
    CitizenProfile.objects.create(user=local)
    EmailAddress.objects.create(user=local, email=CITIZEN["email"], verified=True, primary=True)
    assert sign_in_with_vneid(client, oidc).status_code == 302
    vneid_user = SocialAccount.objects.get(uid=CITIZEN["sub"]).user
    assert vneid_user.pk != local.pk and vneid_user.email == ""
    assert client.session["_auth_user_id"] == str(vneid_user.pk)


def _refused(response):
    body = response.content.decode()
    assert "Đăng nhập bằng VNeID không thành công" in body, body[:800]
    assert "_auth_user_id" not in response.wsgi_request.session
    assert not User.objects.filter(socialaccount__isnull=False).exists()


def test_forged_state_is_refused(client, oidc):
    oidc.next_claims = dict(CITIZEN)
    callback = approve(start_vneid(client))
    query = parse_qs(urlsplit(callback).query)
    _refused(client.get(f"/tai-khoan/oidc/vneid/login/callback/?code={query['code'][0]}&state=forged-state"))


def test_callback_from_another_browser_is_refused(client, oidc, django_user_model):
    from django.test import Client

    oidc.next_claims = dict(CITIZEN)
    callback = approve(start_vneid(client))
    _refused(Client().get(local_path(callback)))


def test_replayed_callback_is_refused(client, oidc):
    oidc.next_claims = dict(CITIZEN)
    callback = local_path(approve(start_vneid(client)))
    assert client.get(callback).status_code == 302
    client.logout()
    SocialAccount.objects.all().delete()
    User.objects.all().delete()
    _refused(client.get(callback))


@pytest.mark.parametrize("tamper", [
    {"nonce": "not-the-nonce-we-sent"},
    {"drop_nonce": True},
    {"bad_signature": True},
    {"aud": "someone-else"},
    {"iss": "https://evil.example"},
    {"userinfo": {**CITIZEN, "sub": "another-person"}},
], ids=["wrong-nonce", "no-nonce", "bad-signature", "wrong-audience", "wrong-issuer", "userinfo-other-sub"])
def test_tampered_tokens_are_refused(client, oidc, tamper):
    oidc.tamper = tamper
    _refused(sign_in_with_vneid(client, oidc))


def test_vneid_works_when_local_accounts_are_off(client, oidc, settings):
    settings.CITIZEN_LOCAL_ACCOUNTS = False
    assert sign_in_with_vneid(client, oidc).status_code == 302
    assert SocialAccount.objects.filter(uid=CITIZEN["sub"]).exists()


def test_official_linked_to_a_vneid_identity_is_not_signed_in_here(client, oidc, django_user_model):
    from motcua.directory.tests.world import build_world

    world = build_world()
    official = world.users["specialist_a"]
    SocialAccount.objects.create(user=official, provider="vneid", uid=CITIZEN["sub"])
    response = sign_in_with_vneid(client, oidc)
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/"
    assert "_auth_user_id" not in client.session


def test_unreachable_vneid_gives_a_clear_page(client, settings):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    settings.VNEID_SERVER_URL, settings.VNEID_CLIENT_ID = dead, "motcua"
    response = client.post(VNEID_START)
    assert response.status_code == 503
    assert "VNeID đang không phản hồi" in response.content.decode()
