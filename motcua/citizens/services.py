"""Every write to a citizen's profile: one function per action, atomic."""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils.translation import gettext

from motcua.core.text import nfc

from .models import CitizenKind, CitizenProfile, IdentitySource

log = logging.getLogger(__name__)


def profile_of(user) -> CitizenProfile | None:
    if user is None or user.pk is None:
        return None
    try:
        return user.citizen
    except CitizenProfile.DoesNotExist:
        return None


@transaction.atomic
def open_local_account(user, *, kind: str, full_name: str, organisation_name: str = "",
                       tax_code: str = "") -> CitizenProfile:
    """The profile of an account registered on the portal with an email address or a phone number."""
    user.full_name = nfc(full_name)
    user.save(update_fields=["full_name"])
    profile, _ = CitizenProfile.objects.select_for_update().get_or_create(user=user)
    profile.kind = kind
    profile.source = IdentitySource.LOCAL
    if kind == CitizenKind.ORGANISATION:
        profile.organisation_name = organisation_name
        profile.tax_code = tax_code
    else:
        profile.organisation_name = profile.tax_code = ""
    profile.save()
    return profile


@transaction.atomic
def set_phone(user, phone: str, *, verified: bool) -> None:
    user.phone = phone
    user.save(update_fields=["phone"])
    profile, _ = CitizenProfile.objects.select_for_update().get_or_create(user=user)
    profile.phone_verified = verified
    profile.save(update_fields=["phone_verified", "updated_at"])


@transaction.atomic
def mark_phone_verified(user, phone: str) -> None:
    profile, _ = CitizenProfile.objects.select_for_update().get_or_create(user=user)
    if user.phone == phone and not profile.phone_verified:
        profile.phone_verified = True
        profile.save(update_fields=["phone_verified", "updated_at"])


@transaction.atomic
def record_vneid_identity(user, identity: dict) -> CitizenProfile:
    """What VNeID asserted at this sign-in replaces the account's identity fields (it is the authority).

    `identity` comes from `vneid.identity_from_claims`: full_name, id_number, phone (each may be "").
    The phone is taken only if no other citizen account holds it, so that a phone number signs in to
    one account.
    """
    profile, _ = CitizenProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"kind": CitizenKind.PERSON}
    )
    fields = []
    if identity.get("full_name") and user.full_name != identity["full_name"]:
        user.full_name = identity["full_name"]
        fields.append("full_name")
    phone = identity.get("phone", "")
    if phone and (user.phone != phone or not profile.phone_verified):
        if phone_holder(phone, exclude=user) is None:
            user.phone = phone
            fields.append("phone")
            profile.phone_verified = True
        else:
            log.info("VNeID phone of user %s already belongs to another citizen account; not copied", user.pk)
    if fields:
        user.save(update_fields=sorted(set(fields)))
    profile.source = IdentitySource.VNEID
    if identity.get("id_number"):
        profile.id_number = identity["id_number"]
        profile.id_verified = True
    profile.save()
    return profile


def phone_holder(phone: str, exclude=None):
    """The citizen account that signs in with this mobile number, if any (officials' numbers do not count)."""
    from motcua.directory.models import User

    users = User.objects.filter(phone=phone, citizen__isnull=False)
    if exclude is not None and exclude.pk:
        users = users.exclude(pk=exclude.pk)
    return users.order_by("-citizen__phone_verified", "pk").first()


@transaction.atomic
def reset_password_by_phone(user, password: str, *, phone: str) -> None:
    """A new password for the account holding `phone`, after its owner typed the SMS code.

    Setting it changes the session hash, so every other signed-in session of the account ends.
    The number gets a notice after the commit, so an owner who did not ask learns of it.
    """
    from allauth.account.signals import password_reset

    from motcua.directory.models import User
    from motcua.notifications.channels import send_sms

    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_password(password)
    user.save(update_fields=["password"])
    log.info("password of citizen account %s reset by SMS code", user.pk)
    password_reset.send(sender=User, request=None, user=user)
    text = gettext("Mật khẩu tài khoản dịch vụ công của bạn vừa được đặt lại. Nếu không phải bạn, "
                   "hãy liên hệ bộ phận một cửa.")
    transaction.on_commit(lambda: send_sms(to=phone, text=text, message_id=f"reset-done-{user.pk}-{time.time_ns()}"))
