"""The secrets of rating: kiosk pairing links, the kiosk's cookie, and the signed link on a receipt.

- A pairing link carries a random token shown once to the administrator; only its SHA-256 is stored,
  it expires, and it works once.
- The tablet then keeps a signed cookie naming the device and a second random secret (stored as a
  digest too), so revoking or re-pairing the device ends the cookie at once.
- The link printed on a receipt (Mẫu 01) or shown on the portal is signed with its own salt and
  carries the dossier code, the stage and the channel; it expires after RATINGS_QR_DAYS days.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from . import conf
from .models import RatingChannel, Stage

LINK_SALT = "motcua.ratings.link"
COOKIE_SALT = "motcua.ratings.kiosk"
COOKIE_NAME = "motcua_kiosk"
COOKIE_AGE = 5 * 365 * 24 * 3600  # a tablet stays paired until it is revoked
CHANNEL_KEYS = {RatingChannel.QR: "q", RatingChannel.PORTAL: "p"}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def same(raw: str, stored_digest: str) -> bool:
    return bool(stored_digest) and hmac.compare_digest(digest(raw), stored_digest)


# --- the kiosk's cookie -------------------------------------------------------------------------

def set_kiosk_cookie(response, device_pk: int, secret: str, secure: bool) -> None:
    response.set_signed_cookie(COOKIE_NAME, f"{device_pk}:{secret}", salt=COOKIE_SALT, max_age=COOKIE_AGE,
                               httponly=True, samesite="Lax", secure=secure)


def read_kiosk_cookie(request) -> tuple[int, str] | None:
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT, max_age=COOKIE_AGE)
    if not value or ":" not in value:
        return None
    pk, secret = value.split(":", 1)
    return (int(pk), secret) if pk.isdigit() else None


# --- the link to rate without an account --------------------------------------------------------

@dataclass(frozen=True)
class RatingLink:
    code: str
    stage: str
    channel: str


def make_link_token(code: str, stage: str, channel: str = RatingChannel.QR) -> str:
    if stage not in Stage.values or channel not in CHANNEL_KEYS:
        raise ValueError(f"no rating link for stage {stage!r}, channel {channel!r}")
    return signing.dumps({"c": code, "s": stage, "k": CHANNEL_KEYS[channel]}, salt=LINK_SALT, compress=True)


def read_link_token(token: str) -> RatingLink:
    """The link's content; raises signing.BadSignature (SignatureExpired when too old)."""
    data = signing.loads(token, salt=LINK_SALT, max_age=conf.qr_days() * 24 * 3600)
    channels = {key: channel for channel, key in CHANNEL_KEYS.items()}
    if not isinstance(data, dict) or data.get("s") not in Stage.values or data.get("k") not in channels:
        raise signing.BadSignature("malformed rating link")
    return RatingLink(code=str(data.get("c", "")), stage=data["s"], channel=channels[data["k"]])


def rating_url(code: str, stage: str = Stage.RECEPTION, channel: str = RatingChannel.QR) -> str:
    """The absolute link for a receipt's QR code or the portal, built from PUBLIC_BASE_URL."""
    path = reverse("ratings:public_rate", kwargs={"token": make_link_token(code, stage, channel)})
    return conf.public_base_url() + path


def in_scope(procedure) -> bool:
    return conf.all_procedures() or procedure.in_rating_pilot


def receipt_link(dossier) -> dict | None:
    """The receipt's (Mẫu 01) second QR code: rate the reception, for procedures being rated."""
    if not in_scope(dossier.procedure):
        return None
    return {"label": _("Quét mã để đánh giá mức độ hài lòng về việc tiếp nhận hồ sơ"),
            "url": rating_url(dossier.code, Stage.RECEPTION, RatingChannel.QR)}
