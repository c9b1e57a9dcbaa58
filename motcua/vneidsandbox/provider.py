"""A development stand-in for VNeID speaking OpenID Connect (code flow, PKCE S256, RS256 ID tokens).

For `make run` only: it lets a demo citizen "sign in with VNeID" without the national system. Codes and
access tokens live in the cache for a few minutes; the signing key is made once and kept in VAR_DIR.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.cache import cache

KID = "vneid-sandbox-1"
CODE_SECONDS = 120
TOKEN_SECONDS = 600

# Demo identities (fictional numbers); the first matches the demo citizen account's identification number.
IDENTITIES = [
    {"sub": "vneid-demo-0001", "name": "Nguyễn Văn Dân", "identification_number": "060090001234",
     "phone_number": "0912000111", "birthdate": "1990-05-12"},
    {"sub": "vneid-demo-0002", "name": "Trần Thị Hòa", "identification_number": "060185004321",
     "phone_number": "0987000222", "birthdate": "1985-11-03"},
]


def issuer() -> str:
    return settings.PUBLIC_BASE_URL + "/vneid-sandbox"


def _key():
    path = settings.VAR_DIR / "vneid-sandbox-key.pem"
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        path.chmod(0o600)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def discovery() -> dict:
    base = issuer()
    return {
        "issuer": base, "authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo", "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"], "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
    }


def jwks() -> dict:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_key().public_key()))
    public.update(kid=KID, use="sig", alg="RS256")
    return {"keys": [public]}


def issue_code(query: dict, identity: dict) -> str:
    code = secrets.token_urlsafe(24)
    cache.set(f"vneid-sandbox:code:{code}", {
        "claims": identity, "nonce": query.get("nonce"), "redirect_uri": query.get("redirect_uri"),
        "code_challenge": query.get("code_challenge"), "client_id": query.get("client_id"),
    }, CODE_SECONDS)
    return code


def _client(form: dict, auth_header: str) -> tuple[str, str]:
    if auth_header.startswith("Basic "):
        client_id, _sep, secret = base64.b64decode(auth_header[6:]).decode().partition(":")
        return client_id, secret
    return form.get("client_id", ""), form.get("client_secret", "")


def exchange(form: dict, auth_header: str) -> tuple[int, dict]:
    client_id, secret = _client(form, auth_header)
    if client_id != settings.VNEID_CLIENT_ID or secret != settings.VNEID_CLIENT_SECRET:
        return 401, {"error": "invalid_client"}
    grant = cache.get(f"vneid-sandbox:code:{form.get('code', '')}")
    cache.delete(f"vneid-sandbox:code:{form.get('code', '')}")  # a code is good once
    if grant is None or form.get("grant_type") != "authorization_code" or grant["client_id"] != client_id:
        return 400, {"error": "invalid_grant"}
    if form.get("redirect_uri") != grant["redirect_uri"]:
        return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
    if grant["code_challenge"]:
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
    claims, now = grant["claims"], int(time.time())
    access_token = secrets.token_urlsafe(24)
    cache.set(f"vneid-sandbox:token:{access_token}", claims, TOKEN_SECONDS)
    id_claims = {"iss": issuer(), "aud": client_id, "iat": now, "exp": now + 300, **claims}
    if grant["nonce"]:
        id_claims["nonce"] = grant["nonce"]
    id_token = jwt.encode(id_claims, _key(), algorithm="RS256", headers={"kid": KID})
    return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": TOKEN_SECONDS,
                 "id_token": id_token}


def userinfo(auth_header: str) -> tuple[int, dict]:
    claims = cache.get(f"vneid-sandbox:token:{auth_header.removeprefix('Bearer ').strip()}")
    return (401, {"error": "invalid_token"}) if claims is None else (200, claims)
