"""TOTP second factor for leaders and administrators (django-otp)."""

import segno
from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import principal_for


def requires_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return principal_for(user).has_role(*settings.TWO_FACTOR_ROLES)


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Motcua", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    # An inline data: image keeps the secret off any URL and passes the CSP (img-src data:).
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def confirm(device: TOTPDevice, token: str) -> bool:
    if device.verify_token(token):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return True
    return False
