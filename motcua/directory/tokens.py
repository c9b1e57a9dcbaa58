"""Bearer tokens for the officials' API."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from motcua.core.errors import DomainError

from .models import ApiToken

TOKEN_TTL = datetime.timedelta(hours=getattr(settings, "API_TOKEN_HOURS", 8))


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_otp(user, otp: str | None) -> None:
    from .twofactor import requires_two_factor

    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        if requires_two_factor(user):
            raise DomainError(
                "otp_enrolment_required",
                _("Vai trò của bạn cần xác thực hai lớp: hãy đăng nhập trên trang web một lần để đăng ký."),
                status=401,
            )
        return
    if not otp:
        raise DomainError("otp_required", _("Tài khoản này cần mã xác thực hai lớp (TOTP)."), status=401)
    if not any(device.verify_token(otp) for device in devices):
        raise DomainError("invalid_otp", _("Mã xác thực hai lớp không đúng."), status=401)


@transaction.atomic
def issue_token(request, username: str, password: str, otp: str | None = None) -> tuple[str, ApiToken]:
    user = authenticate(request, username=username, password=password)
    if user is None and getattr(request, "axes_locked_out", False):
        raise DomainError(
            "account_locked", _("Đăng nhập sai quá nhiều lần: tài khoản tạm khóa, vui lòng thử lại sau."), status=429
        )
    if user is None:
        raise DomainError("invalid_credentials", _("Tên đăng nhập hoặc mật khẩu không đúng."), status=401)
    _check_otp(user, otp)
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, digest=digest(raw), expires_at=timezone.now() + TOKEN_TTL)
    return raw, token


def user_for_token(raw: str):
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke(raw: str) -> bool:
    return bool(ApiToken.objects.filter(digest=digest(raw), revoked_at__isnull=True).update(revoked_at=timezone.now()))
