"""The citizens' account pages: allauth's views behind the CITIZEN_LOCAL_ACCOUNTS switch."""

from __future__ import annotations

import functools

from allauth.account import views as account_views
from allauth.socialaccount import views as social_views
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import vneid


def refused(request, message: str, status: int = 403):
    return render(request, "citizens/refused.html", {"message": message, **entrance_context()}, status=status)


def entrance_context() -> dict:
    return {
        "local_accounts": settings.CITIZEN_LOCAL_ACCOUNTS,
        "vneid_enabled": vneid.is_configured(),
        "vneid_provider_id": vneid.PROVIDER_ID,
    }


def local_accounts_only(view):
    """Where the province allows VNeID only, the local sign-up and password pages refuse (403)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.CITIZEN_LOCAL_ACCOUNTS:
            return refused(request, _("Tỉnh chỉ cho phép đăng nhập bằng tài khoản định danh điện tử VNeID."))
        return view(request, *args, **kwargs)

    return wrapper


class LoginView(account_views.LoginView):
    """The citizens' sign-in page: VNeID first, then (if allowed) email or phone and password."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not settings.CITIZEN_LOCAL_ACCOUNTS:
            return refused(request, _("Tỉnh chỉ cho phép đăng nhập bằng tài khoản định danh điện tử VNeID."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **entrance_context()}


class SignupView(account_views.SignupView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **entrance_context()}


login = LoginView.as_view()
signup = local_accounts_only(SignupView.as_view())
logout = account_views.logout
account_inactive = account_views.account_inactive
email_verification_sent = local_accounts_only(account_views.email_verification_sent)
confirm_email = local_accounts_only(account_views.confirm_email)
verify_phone = local_accounts_only(account_views.verify_phone)
password_reset = local_accounts_only(account_views.password_reset)
password_reset_done = local_accounts_only(account_views.password_reset_done)
password_reset_from_key = local_accounts_only(account_views.password_reset_from_key)
password_reset_from_key_done = local_accounts_only(account_views.password_reset_from_key_done)
social_login_cancelled = social_views.login_cancelled
social_login_error = social_views.login_error
social_signup = social_views.signup
