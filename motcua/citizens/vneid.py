"""Sign-in through VNeID, the national electronic identity, as an OpenID Connect provider.

allauth's `openid_connect` provider does the protocol; this module tightens it where a national
identity needs it:

- every authorisation request carries a fresh `nonce` (kept in allauth's state, which lives in the
  session) and the ID token must echo it, so a token minted for another sign-in is refused;
- the ID token's signature is always checked against the provider's JWKS with an asymmetric
  algorithm (allauth skips the check when the token came straight from the token endpoint), and its
  `sub` must equal the userinfo `sub`;
- PKCE (S256) on the code exchange;
- the redirect URI is built from `PUBLIC_BASE_URL`, never from the request's Host header;
- the flow is always a plain sign-in (no "connect to the signed-in account", no scope or parameters
  taken from the query string).

The app itself comes from the VNEID_* settings (see `vneid_app`): with no server URL, VNeID is off
and its button is not shown.
"""

from __future__ import annotations

import hmac
import logging
import secrets

import jwt
import requests
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base.constants import AuthProcess
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc

from .validators import normalize_id_number, normalize_mobile

log = logging.getLogger(__name__)

PROVIDER_ID = "vneid"
# Asymmetric algorithms only: an HMAC "signature" keyed with the public key proves nothing.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
CLOCK_SKEW_SECONDS = 60


def is_configured() -> bool:
    return bool(settings.VNEID_SERVER_URL and settings.VNEID_CLIENT_ID)


def vneid_app() -> SocialApp | None:
    """The VNeID client as an (unsaved) allauth SocialApp, read from settings at each request."""
    if not is_configured():
        return None
    return SocialApp(
        provider=OpenIDConnectProvider.id,
        provider_id=PROVIDER_ID,
        name=str(_("VNeID")),
        client_id=settings.VNEID_CLIENT_ID,
        secret=settings.VNEID_CLIENT_SECRET,
        settings={
            "server_url": settings.VNEID_SERVER_URL,
            "scope": list(settings.VNEID_SCOPE),
            "oauth_pkce_enabled": True,
            "fetch_userinfo": True,
        },
    )


def callback_url(provider_id: str = PROVIDER_ID) -> str:
    return settings.PUBLIC_BASE_URL + reverse("openid_connect_callback", kwargs={"provider_id": provider_id})


def claims_of(sociallogin) -> dict:
    """The ID token's claims overlaid with userinfo's (userinfo usually says more)."""
    data = sociallogin.account.extra_data or {}
    merged = dict(data.get("id_token") or {})
    merged.update(data.get("userinfo") or {})
    return merged


def identity_from_claims(claims: dict) -> dict:
    name = nfc(claims.get("name"))
    if not name:
        # Vietnamese order: family, middle, given.
        name = nfc(" ".join(str(claims.get(k) or "") for k in ("family_name", "middle_name", "given_name")))
    id_number = ""
    for claim in settings.VNEID_ID_NUMBER_CLAIMS:
        if claims.get(claim):
            id_number = normalize_id_number(claims[claim])
            if id_number:
                break
    return {"full_name": name, "id_number": id_number, "phone": normalize_mobile(str(claims.get("phone_number") or ""))}


def verify_id_token(id_token: str, *, jwks_uri: str, issuer: str, audience: str, nonce: str | None) -> dict:
    """Signature (asymmetric, key from the JWKS by `kid`), issuer, audience, expiry and nonce."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as e:
        raise OAuth2Error("Malformed id_token") from e
    alg = header.get("alg")
    if alg not in SIGNING_ALGORITHMS:
        raise OAuth2Error(f"Refused id_token algorithm {alg!r}")
    with get_adapter().get_requests_session() as session:
        response = session.get(jwks_uri)
        response.raise_for_status()
        keys = response.json().get("keys", [])
    kid = header.get("kid")
    candidates = [k for k in keys if k.get("use", "sig") == "sig" and (kid is None or k.get("kid") == kid)]
    if len(candidates) != 1:
        raise OAuth2Error("No single signing key matches the id_token")
    try:
        key = jwt.PyJWK(candidates[0], algorithm=alg)
        claims = jwt.decode(
            id_token, key=key.key, algorithms=[alg], audience=audience, issuer=issuer, leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.PyJWTError as e:
        raise OAuth2Error("Invalid id_token") from e
    if not nonce or not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OAuth2Error("The id_token's nonce does not match this sign-in")
    jwtkit.verify_jti(claims)
    return claims


class VNeIDAdapter(OpenIDConnectOAuth2Adapter):
    expected_nonce: str | None = None

    def get_callback_url(self, request, app):
        return callback_url(self.provider_id)

    def complete_login(self, request, app, token, **kwargs):
        if not kwargs["response"].get("id_token"):
            raise OAuth2Error("The token response has no id_token")
        sociallogin = super().complete_login(request, app, token, **kwargs)
        data = sociallogin.account.extra_data
        userinfo, id_claims = data.get("userinfo") or {}, data.get("id_token") or {}
        if userinfo and str(userinfo.get("sub")) != str(id_claims.get("sub")):
            raise OAuth2Error("userinfo and id_token name different subjects")
        return sociallogin

    def _decode_id_token(self, app, id_token):
        config = self.openid_config
        return verify_id_token(
            id_token, jwks_uri=config["jwks_uri"], issuer=config["issuer"], audience=app.client_id,
            nonce=self.expected_nonce,
        )


class VNeIDProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider with a nonce; installed through SOCIALACCOUNT_PROVIDERS."""

    oauth2_adapter_class = VNeIDAdapter

    def get_redirect_from_request_kwargs(self, request):
        kwargs = super().get_redirect_from_request_kwargs(request)
        kwargs["process"] = AuthProcess.LOGIN
        kwargs["scope"] = self.get_scope()
        kwargs["auth_params"] = self.get_auth_params()
        return kwargs

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = {**(kwargs.pop("auth_params", None) or self.get_auth_params()), "nonce": nonce}
        # `nonce` is stashed in the state with the PKCE verifier; the callback reads it back.
        return super().redirect(request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs)

    def extract_common_fields(self, data):
        fields = super().extract_common_fields(data)
        claims = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
        identity = identity_from_claims(claims)
        fields.update(username=None, name=identity["full_name"], first_name=None, last_name=None)
        return fields


class VNeIDCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(VNeIDAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404(provider_id) from None
    except requests.RequestException as e:
        # Discovery failed: VNeID is down or unreachable from here. Say so instead of a server error.
        log.warning("VNeID discovery failed: %r", e)
        return render(request, "socialaccount/authentication_error.html", {"unavailable": True}, status=503)


@login_not_required
def callback(request, provider_id):
    try:
        return VNeIDCallbackView.adapter_view(VNeIDAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404(provider_id) from None
