"""Every write of the ratings app: counter sessions, kiosk devices, prompts and ratings.

Each function is atomic; refusals are DomainErrors with a machine code and a Vietnamese message.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.core.text import nfc
from motcua.directory.models import Counter
from motcua.directory.permissions import CHANGE, principal_for, restrict
from motcua.dossiers.models import Dossier, DossierEvent

from . import conf, tokens
from .models import (
    CounterSession,
    KioskDevice,
    Level,
    Rating,
    RatingChannel,
    RatingPrompt,
    RatingReason,
    Reason,
    Stage,
)

# Which dossier events are the citizen's moments at the counter, and whose official each one names.
STAGE_ACTIONS = {Stage.RECEPTION: ("receive", "accept"), Stage.RETURN: ("return_result",)}
COMMENT_MAX = 1000


def require(condition: bool, code: str, message: str, status: int = 422) -> None:
    if not condition:
        raise DomainError(code, message, status=status)


def start_of_today() -> datetime.datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


# --- counter sessions ---------------------------------------------------------------------------

def my_counters(official):
    return Counter.objects.filter(desk_id__in=principal_for(official).desk_ids, desk__is_active=True)


def open_session(official) -> CounterSession | None:
    """The official's session today: one left open since yesterday was forgotten and does not count."""
    if official is None or not official.is_authenticated:
        return None
    return (CounterSession.objects.select_related("counter__desk")
            .filter(official=official, ended_at__isnull=True, started_at__gte=start_of_today()).first())


@transaction.atomic
def start_session(official, counter: Counter) -> CounterSession:
    require(my_counters(official).filter(pk=counter.pk).exists(), "not_your_counter",
            _("Bạn không làm việc tại bộ phận một cửa có quầy này."), status=403)
    Counter.objects.select_for_update().get(pk=counter.pk)  # two officials picking one counter: one wins
    now = timezone.now()
    mine = CounterSession.objects.filter(official=official, ended_at__isnull=True).first()
    if mine and mine.counter_id == counter.pk and mine.started_at >= start_of_today():
        return mine
    if mine:
        CounterSession.objects.filter(pk=mine.pk).update(ended_at=now)
    theirs = CounterSession.objects.select_related("official").filter(counter=counter, ended_at__isnull=True).first()
    if theirs and theirs.started_at < start_of_today():
        CounterSession.objects.filter(pk=theirs.pk).update(ended_at=now)
    elif theirs:
        raise DomainError("counter_taken", _("Quầy %(number)s đang có cán bộ %(name)s làm việc.")
                          % {"number": counter.number, "name": theirs.official}, status=409)
    try:
        with transaction.atomic():
            return CounterSession.objects.create(counter=counter, official=official, started_at=now)
    except IntegrityError:
        raise DomainError("counter_taken", _("Quầy %(number)s vừa có cán bộ khác nhận.")
                          % {"number": counter.number}, status=409) from None


@transaction.atomic
def end_session(official) -> int:
    return CounterSession.objects.filter(official=official, ended_at__isnull=True).update(ended_at=timezone.now())


# --- kiosk devices ------------------------------------------------------------------------------

def manageable_counters(actor):
    """Counters whose tablets the actor pairs: their agency's desks (agency admin), or all (province)."""
    return restrict(Counter.objects.select_related("desk"), actor, CHANGE)


@transaction.atomic
def pair_device(actor, counter: Counter, name: str) -> tuple[KioskDevice, str]:
    """A new tablet for the counter and its one-time pairing token (shown once, stored as a digest)."""
    require(manageable_counters(actor).filter(pk=counter.pk).exists(), "not_permitted",
            _("Bạn không quản trị bộ phận một cửa có quầy này."), status=403)
    name = nfc(name or "").strip() or _("Máy đánh giá quầy %(number)s") % {"number": counter.number}
    raw = tokens.new_secret()
    device = KioskDevice.objects.create(
        counter=counter, name=name[:120], token_digest=tokens.digest(raw), created_by=actor,
        token_expires_at=timezone.now() + datetime.timedelta(hours=conf.pairing_hours()),
    )
    return device, raw


@transaction.atomic
def open_pairing(raw_token: str) -> tuple[KioskDevice, str]:
    """The tablet opens its pairing link: once, before it expires, unless revoked. Returns the cookie secret."""
    device = KioskDevice.objects.select_for_update().filter(token_digest=tokens.digest(raw_token or "")).first()
    require(device is not None, "pairing_invalid", _("Liên kết ghép thiết bị không hợp lệ."), status=404)
    require(device.revoked_at is None, "device_revoked", _("Thiết bị này đã bị thu hồi."), status=410)
    require(device.paired_at is None, "pairing_used",
            _("Liên kết ghép này đã được dùng. Hãy tạo liên kết mới."), status=410)
    require(device.token_expires_at > timezone.now(), "pairing_expired",
            _("Liên kết ghép đã hết hạn. Hãy tạo liên kết mới."), status=410)
    secret = tokens.new_secret()
    device.paired_at = timezone.now()
    device.cookie_digest = tokens.digest(secret)
    device.save(update_fields=["paired_at", "cookie_digest"])
    return device, secret


@transaction.atomic
def revoke_device(actor, device: KioskDevice) -> KioskDevice:
    require(manageable_counters(actor).filter(pk=device.counter_id).exists(), "not_permitted",
            _("Bạn không quản trị bộ phận một cửa có quầy này."), status=403)
    device = KioskDevice.objects.select_for_update().get(pk=device.pk)
    if device.revoked_at is None:
        device.revoked_at, device.revoked_by = timezone.now(), actor
        device.save(update_fields=["revoked_at", "revoked_by"])
    return device


def device_for(device_pk: int, secret: str) -> KioskDevice | None:
    device = KioskDevice.objects.select_related("counter__desk").filter(pk=device_pk).first()
    if device is None or not device.is_active or not tokens.same(secret, device.cookie_digest):
        return None
    return device


def seen(device: KioskDevice) -> None:
    # A write per poll would be one every 2 s per tablet: a minute's precision is enough.
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > datetime.timedelta(minutes=1):
        KioskDevice.objects.filter(pk=device.pk).update(last_seen_at=now)


# --- prompts and ratings ------------------------------------------------------------------------

def newest_prompt(counter_id: int) -> RatingPrompt | None:
    since = timezone.now() - datetime.timedelta(minutes=conf.prompt_minutes())
    rated = Rating.objects.filter(dossier_id=OuterRef("dossier_id"), stage=OuterRef("stage"))
    return (RatingPrompt.objects.select_related("dossier__procedure", "official")
            .filter(counter_id=counter_id, answered_at__isnull=True, created_at__gte=since)
            .exclude(Exists(rated)).order_by("-created_at").first())


def open_link(token: str):
    """The link's content and its dossier; DomainError when the link is forged, expired or names no dossier."""
    try:
        link = tokens.read_link_token(token)
    except signing.SignatureExpired:
        raise DomainError("link_expired", _("Liên kết đánh giá đã hết hạn."), status=410) from None
    except signing.BadSignature:
        raise DomainError("link_invalid", _("Liên kết đánh giá không hợp lệ."), status=404) from None
    dossier = Dossier.objects.select_related("procedure").filter(code=link.code).first()
    require(dossier is not None, "link_invalid", _("Liên kết đánh giá không hợp lệ."), status=404)
    return link, dossier


def official_for_stage(dossier, stage: str):
    event = (DossierEvent.objects.select_related("actor").filter(dossier=dossier, action__in=STAGE_ACTIONS[stage])
             .exclude(actor=None).order_by("-at", "-pk").first())
    require(event is not None, "stage_not_reached", _("Hồ sơ chưa qua khâu này nên chưa thể đánh giá."),
            status=409)
    return event.actor


def already_rated() -> DomainError:
    return DomainError("already_rated", _("Hồ sơ này đã được đánh giá ở khâu này. Mỗi khâu chỉ đánh giá một lần; "
                                          "xin cảm ơn Ông/Bà."), status=409)


@transaction.atomic
def rate(dossier, stage: str, level: str, *, channel: str, reasons: Iterable[str] = (), comment: str = "",
         official=None, counter: Counter | None = None) -> Rating:
    """Record a citizen's rating: once per dossier and stage, never changed afterwards."""
    require(stage in Stage.values, "invalid_stage", _("Khâu đánh giá không hợp lệ."))
    require(level in Level.values, "invalid_level", _("Hãy chọn một mức độ hài lòng."))
    require(channel in RatingChannel.values, "invalid_channel", _("Kênh đánh giá không hợp lệ."))
    codes = sorted(set(reasons))
    chosen = list(Reason.objects.filter(code__in=codes, is_active=True))
    require(len(chosen) == len(codes), "unknown_reason", _("Lý do đánh giá không hợp lệ."))
    comment = nfc(comment or "").strip()
    require(len(comment) <= COMMENT_MAX, "comment_too_long",
            _("Ý kiến tối đa %(n)d ký tự.") % {"n": COMMENT_MAX})
    if Rating.objects.filter(dossier=dossier, stage=stage).exists():
        raise already_rated()
    official = official or official_for_stage(dossier, stage)
    now = timezone.now()
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier, stage=stage, official=official, agency_id=dossier.competent_agency_id,
                desk_id=counter.desk_id if counter else dossier.desk_id, counter=counter, level=level,
                comment=comment, channel=channel, at=now,
            )
    except IntegrityError:
        raise already_rated() from None  # a second tap or a second channel won the race by a hair
    RatingReason.objects.bulk_create([RatingReason(rating=rating, reason=r) for r in chosen])
    # Every kiosk still asking about this dossier and stage can stop.
    RatingPrompt.objects.filter(dossier=dossier, stage=stage, answered_at__isnull=True).update(answered_at=now)
    return rating
