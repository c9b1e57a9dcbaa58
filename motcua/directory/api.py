"""`/api/v1/auth`: bearer tokens for officials and integrators."""

from datetime import datetime

from ninja import Router, Schema, Status
from ninja.security import HttpBearer, django_auth

from .tokens import issue_token, revoke, user_for_token


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# API routes accept a bearer token, or the browser session of a signed-in official.
official_auth = [BearerAuth(), django_auth]

router = Router(tags=["Xác thực"])


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: datetime


@router.post("/token", response=TokenOut, summary="Cấp mã truy cập (bearer token)")
def token(request, body: TokenIn):
    raw, issued = issue_token(request, body.username, body.password, body.otp)
    return {"token": raw, "expires_at": issued.expires_at}


@router.post("/revoke", response={204: None}, auth=BearerAuth(), summary="Thu hồi mã truy cập đang dùng")
def revoke_token(request):
    raw = request.headers.get("Authorization", "").split(" ", 1)[-1]
    revoke(raw)
    return Status(204, None)
