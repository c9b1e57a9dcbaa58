"""Payment settings, read when used: tests and deployments change PUBLIC_BASE_URL after import."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Shared with the local sandbox only; a real merchant secret must come from the environment.
DEV_TMN_CODE = "MOTCUA01"
DEV_HASH_SECRET = "MOTCUASANDBOXSECRETKEY0123456789"


def public_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def vnpay_tmn_code() -> str:
    return getattr(settings, "VNPAY_TMN_CODE", "") or _dev_only("VNPAY_TMN_CODE", DEV_TMN_CODE)


def vnpay_hash_secret() -> str:
    return getattr(settings, "VNPAY_HASH_SECRET", "") or _dev_only("VNPAY_HASH_SECRET", DEV_HASH_SECRET)


def _dev_only(name: str, value: str) -> str:
    if not settings.DEBUG:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    return value


def vnpay_pay_url() -> str:
    # Empty means the local sandbox, so a fresh checkout can pay end to end without VNPay.
    return getattr(settings, "VNPAY_PAY_URL", "") or public_url("/sandbox-vnpay/paymentv2/vpcpay.html")


def vnpay_api_url() -> str:
    return getattr(settings, "VNPAY_API_URL", "") or public_url("/sandbox-vnpay/merchant_webapi/api/transaction")


def expire_minutes() -> int:
    return int(getattr(settings, "PAYMENT_EXPIRE_MINUTES", 15))
