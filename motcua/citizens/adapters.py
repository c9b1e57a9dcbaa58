"""allauth adapters: who is a citizen, Vietnamese messages, phone numbers, VNeID identities, links."""

from __future__ import annotations

import logging
import secrets
import uuid
from collections import defaultdict
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.manage_email import assess_unique_email
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc

from . import services, vneid
from .validators import clean_mobile, normalize_mobile

log = logging.getLogger(__name__)

USERNAME_PREFIX = "congdan."

# allauth's own wording has no Vietnamese catalog; these replace it, key for key.
ERROR_MESSAGES = {
    "account_inactive": _("Tài khoản này đang bị khóa."),
    "email_password_mismatch": _("Thư điện tử hoặc mật khẩu không đúng."),
    "phone_password_mismatch": _("Số điện thoại hoặc mật khẩu không đúng."),
    "username_password_mismatch": _("Thông tin đăng nhập hoặc mật khẩu không đúng."),
    "invalid_login": _("Thông tin đăng nhập không đúng."),
    "email_taken": _("Thư điện tử này đã được dùng cho một tài khoản khác."),
    "phone_taken": _("Số điện thoại này đã được dùng cho một tài khoản khác."),
    "duplicate_email": _("Thư điện tử này đã gắn với tài khoản của bạn."),
    "enter_current_password": _("Vui lòng nhập mật khẩu hiện tại."),
    "incorrect_password": _("Mật khẩu không đúng."),
    "incorrect_code": _("Mã xác minh không đúng."),
    "invalid_or_expired_key": _("Liên kết không hợp lệ hoặc đã hết hạn."),
    "invalid_password_reset": _("Liên kết đặt lại mật khẩu không hợp lệ."),
    "too_many_login_attempts": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."),
    "unknown_email": _("Không có tài khoản nào dùng thư điện tử này."),
    "unknown_phone": _("Không có tài khoản nào dùng số điện thoại này."),
    "unverified_primary_email": _("Thư điện tử chính của bạn cần được xác minh."),
    "rate_limited": _("Bạn gửi yêu cầu quá nhanh, vui lòng chờ một chút rồi thử lại."),
    "same_as_current": _("Giá trị mới phải khác giá trị hiện tại."),
    "select_only_one": _("Vui lòng chỉ chọn một."),
    "cannot_remove_primary_email": _("Không thể xóa thư điện tử chính."),
    "max_email_addresses": _("Không thể thêm quá %d thư điện tử."),
    "username_blacklisted": _("Không thể dùng tên đăng nhập này."),
    "username_taken": _("Tên đăng nhập này đã được dùng."),
}

# Flash messages, keyed by allauth's message template.
MESSAGES = {
    "account/messages/logged_in.txt": _("Bạn đã đăng nhập."),
    "account/messages/logged_out.txt": _("Bạn đã đăng xuất."),
    "account/messages/email_confirmation_sent.txt": _("Đã gửi thư xác minh tới %(email)s."),
    "account/messages/email_confirmed.txt": _("Đã xác minh thư điện tử %(email)s."),
    "account/messages/email_confirmation_failed.txt": _(
        "Không thể xác minh %(email)s vì thư điện tử này đã được xác minh cho một tài khoản khác."
    ),
    "account/messages/password_changed.txt": _("Đã đổi mật khẩu."),
    "account/messages/password_set.txt": _("Đã đặt mật khẩu."),
    "account/messages/phone_verification_sent.txt": _("Đã gửi mã xác minh tới số %(phone)s."),
    "account/messages/phone_verified.txt": _("Đã xác minh số điện thoại %(phone)s."),
    "account/messages/unverified_primary_email.txt": _("Thư điện tử chính của bạn cần được xác minh."),
}


def is_citizen_account(user) -> bool:
    """A citizen's account: it has a citizen profile and no official role, staff or superuser flag."""
    if user is None or user.pk is None or user.is_staff or user.is_superuser:
        return False
    if services.profile_of(user) is None:
        return False
    return not user.roles.exists()


def on_public_base(url: str) -> str:
    """The same path and query under PUBLIC_BASE_URL (links in e-mails never follow the Host header)."""
    parts = urlsplit(url)
    return settings.PUBLIC_BASE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


class MobileField(forms.CharField):
    """A Vietnamese mobile number, stored as 10 digits (0912345678)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Số điện thoại di động"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return clean_mobile(value) if value else value


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, **ERROR_MESSAGES}

    # -- who may sign up and sign in here
    def is_open_for_signup(self, request) -> bool:
        return settings.CITIZEN_LOCAL_ACCOUNTS

    def pre_login(self, request, user, **kwargs):
        if not is_citizen_account(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            messages.error(request, gettext("Tài khoản cán bộ, công chức đăng nhập tại trang dành cho cán bộ."))
            return HttpResponseRedirect(reverse("directory:login"))
        return super().pre_login(request, user, **kwargs)

    def get_login_stages(self) -> list[str]:
        return [
            "motcua.citizens.stages.CitizenEmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage" else path
            for path in super().get_login_stages()
        ]

    # -- new accounts
    def populate_username(self, request, user) -> None:
        # Citizens sign in with an email address, a phone number or VNeID: the username is an internal,
        # unguessable key that never collides with an official's.
        if not user.username:
            user.username = USERNAME_PREFIX + secrets.token_hex(8)

    # -- where to go
    def get_login_redirect_url(self, request) -> str:
        return settings.CITIZEN_LOGIN_REDIRECT_URL

    def get_signup_redirect_url(self, request) -> str:
        return settings.CITIZEN_LOGIN_REDIRECT_URL

    def get_email_verification_redirect_url(self, email_address) -> str:
        if self.request.user.is_authenticated:
            return settings.CITIZEN_LOGIN_REDIRECT_URL
        return reverse("account_login")

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_public_base(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_public_base(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Every link in a mail goes under PUBLIC_BASE_URL (some are built from the request by allauth).
        for key in ("activate_url", "password_reset_url", "signup_url"):
            if context.get(key):
                context[key] = on_public_base(context[key])
        super().send_mail(template_prefix, email, context)

    # -- words
    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="",
                    message=None):
        if message_template and not message:
            text = MESSAGES.get(message_template)
            if text is None:
                return  # allauth's English wording: better nothing than a foreign sentence
            context = defaultdict(str, {k: str(v) for k, v in (message_context or {}).items()})
            message = str(text) % context if "%(" in str(text) else str(text)
        super().add_message(request, level, message=message, extra_tags=extra_tags)

    # -- phone numbers (allauth's phone interface; the number lives on User.phone)
    def phone_form_field(self, **kwargs):
        return MobileField(**kwargs)

    def get_phone(self, user):
        profile = services.profile_of(user)
        if profile is None or not user.phone:
            return None
        return user.phone, profile.phone_verified

    def set_phone(self, user, phone: str, verified: bool) -> None:
        services.set_phone(user, phone, verified=verified)

    def set_phone_verified(self, user, phone: str) -> None:
        services.mark_phone_verified(user, phone)

    def get_user_by_phone(self, phone: str):
        # The sign-in form hands over the number as typed ("0912 345 678", "+84…").
        phone = normalize_mobile(phone)
        return services.phone_holder(phone) if phone else None

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        from motcua.notifications.channels import send_sms

        text = gettext("Mã xác minh tài khoản dịch vụ công của bạn là %(code)s. Không chia sẻ mã này cho ai.") % {
            "code": code
        }
        send_sms(to=phone, text=text, message_id=f"verify-{uuid.uuid4().hex}")

    def send_account_already_exists_sms(self, phone: str) -> None:
        from motcua.notifications.channels import send_sms

        text = gettext("Số điện thoại này đã có tài khoản dịch vụ công. Hãy đăng nhập hoặc dùng VNeID.")
        send_sms(to=phone, text=text, message_id=f"exists-{uuid.uuid4().hex}")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        "invalid_token": _("Mã xác thực không hợp lệ."),
    }

    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        app = vneid.vneid_app()
        if (
            app is not None
            and provider in (None, app.provider, app.provider_id)
            and client_id in (None, app.client_id)
        ):
            apps.append(app)
        return apps

    def is_open_for_signup(self, request, sociallogin) -> bool:
        # A VNeID identity may always open an account, even where local accounts are switched off.
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.username = ""
        user.first_name = user.last_name = ""
        user.full_name = nfc(data.get("name"))
        return user

    def pre_social_login(self, request, sociallogin):
        super().pre_social_login(request, sociallogin)
        if sociallogin.is_existing:
            return
        # A new VNeID account never takes over an existing one through a shared email address: the
        # address is left off (the citizen can still be reached by phone), and no account is linked.
        if sociallogin.email_addresses and assess_unique_email(sociallogin.email_addresses[0].email) is not True:
            sociallogin.email_addresses = []
            sociallogin.user.email = ""

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        services.record_vneid_identity(user, vneid.identity_from_claims(vneid.claims_of(sociallogin)))
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        log.warning("VNeID sign-in refused: %s %r", error, exception)
        return super().on_authentication_error(request, provider, error=error, exception=exception,
                                               extra_context=extra_context)
