"""The local VNeID stand-in speaks the code flow correctly: signed tokens, PKCE, one-time codes."""

import base64
import hashlib
import json

import jwt
import pytest

from motcua.vneidsandbox import provider


@pytest.fixture
def sandbox(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.VNEID_CLIENT_ID, settings.VNEID_CLIENT_SECRET = "motcua-sandbox", "sandbox-secret"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return provider


def _grant(sandbox, verifier="v" * 43, nonce="n-1"):
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {"client_id": "motcua-sandbox", "redirect_uri": "http://127.0.0.1:8000/cb", "nonce": nonce,
             "code_challenge": challenge, "response_type": "code"}
    return sandbox.issue_code(query, sandbox.IDENTITIES[0])


def _form(code, verifier="v" * 43, secret="sandbox-secret"):
    return {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1:8000/cb",
            "client_id": "motcua-sandbox", "client_secret": secret, "code_verifier": verifier}


def test_id_token_is_signed_with_the_published_key_and_carries_the_nonce(sandbox):
    status, body = sandbox.exchange(_form(_grant(sandbox)), "")
    assert status == 200
    key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(sandbox.jwks()["keys"][0]))
    claims = jwt.decode(body["id_token"], key, algorithms=["RS256"], audience="motcua-sandbox",
                        issuer=sandbox.issuer())
    assert claims["nonce"] == "n-1" and claims["identification_number"] == "060090001234"
    assert sandbox.userinfo("Bearer " + body["access_token"]) == (200, sandbox.IDENTITIES[0])


def test_a_code_works_once_and_only_with_its_verifier_and_secret(sandbox):
    code = _grant(sandbox)
    assert sandbox.exchange(_form(code, secret="wrong"), "")[0] == 401
    assert sandbox.exchange(_form(_grant(sandbox), verifier="x" * 43), "")[1]["error_description"] == "PKCE"
    assert sandbox.exchange(_form(code), "")[0] == 200
    assert sandbox.exchange(_form(code), "")[0] == 400  # replayed
    assert sandbox.userinfo("Bearer forged")[0] == 401
