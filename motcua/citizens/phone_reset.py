"""A new password by SMS code, for accounts registered with a mobile number and no email address.

allauth resets passwords by email only. Here the citizen types the number, receives a six-digit
code by SMS, and types it with the new password on the next page. What the flow needs between the
two pages lives in the session (never the code itself, only its keyed hash): the account, the
number, the expiry and the wrong tries left. The answer to the first page is the same whether or
not an account holds the number, so the form does not tell who is registered. Only a verified
number gets a code: an unverified one may have been typed by someone who does not own it.
"""

from __future__ import annotations

import secrets
import time
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import ratelimit
from motcua.core.net import client_ip

from . import services
from .forms import PASSWORD_MISMATCH
from .validators import normalize_mobile
from .views import entrance_context, local_accounts_only

SESSION_KEY = "citizens_phone_reset"
CODE_SECONDS = 10 * 60
TRIES = 3
# Codes sent per number and per client address in an hour: an SMS costs the province money and
# each code is a guess the sender can then try three times.
PER_PHONE_HOUR = 3
PER_CLIENT_HOUR = 10


def _digest(code: str, phone: str) -> str:
    return salted_hmac("motcua.citizens.phone_reset", f"{phone}:{code}").hexdigest()


class RequestForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Số điện thoại di động đã đăng ký"), max_length=32)

    def clean_phone(self) -> str:
        phone = normalize_mobile(self.cleaned_data["phone"])
        if not phone:
            raise forms.ValidationError(_("Số điện thoại di động không hợp lệ."), code="invalid_phone")
        return phone


class ConfirmForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã trong tin nhắn"), max_length=6, min_length=6)
    password1 = forms.CharField(label=gettext_lazy("Mật khẩu mới"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=gettext_lazy("Nhập lại mật khẩu mới"), widget=forms.PasswordInput,
                                strip=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["code"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs["autocomplete"] = "new-password"

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", PASSWORD_MISMATCH)
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _send(phone: str, code: str) -> None:
    from motcua.notifications.channels import send_sms

    text = _("Mã đặt lại mật khẩu tài khoản dịch vụ công của bạn là %(code)s, có hiệu lực 10 phút. "
             "Không chia sẻ mã này cho ai.") % {"code": code}
    send_sms(to=phone, text=text, message_id=f"reset-{uuid.uuid4().hex}")


@local_accounts_only
def request_code(request):
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if not (ratelimit.hit(f"phone-reset:client:{client_ip(request)}", PER_CLIENT_HOUR, 3600)
                and ratelimit.hit(f"phone-reset:phone:{phone}", PER_PHONE_HOUR, 3600)):
            form.add_error(None, _("Đã gửi quá nhiều mã trong một giờ; hãy thử lại sau."))
            return render(request, "citizens/phone_reset_request.html", {"form": form, **entrance_context()},
                          status=429)
        user = services.phone_holder(phone)
        usable = (user is not None and user.is_active and user.citizen.phone_verified
                  and user.has_usable_password())
        code = f"{secrets.randbelow(10**6):06d}"
        request.session[SESSION_KEY] = {
            "user": user.pk if usable else None, "phone": phone, "digest": _digest(code, phone),
            "expires": time.time() + CODE_SECONDS, "tries": TRIES,
        }
        if usable:
            _send(phone, code)
        return redirect("citizens_phone_reset_confirm")
    return render(request, "citizens/phone_reset_request.html", {"form": form, **entrance_context()})


def _restart(request, message: str):
    request.session.pop(SESSION_KEY, None)
    messages.error(request, message)
    return redirect("citizens_phone_reset")


@local_accounts_only
def confirm(request):
    state = request.session.get(SESSION_KEY)
    if not state:
        return redirect("citizens_phone_reset")
    if time.time() > state["expires"]:
        return _restart(request, _("Mã đã hết hiệu lực; hãy yêu cầu mã mới."))
    user = services.phone_holder(state["phone"]) if state["user"] else None
    if user is not None and user.pk != state["user"]:
        user = None  # the number changed hands since the code was sent
    form = ConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        right = user is not None and constant_time_compare(_digest(form.cleaned_data["code"], state["phone"]),
                                                           state["digest"])
        if not right:
            state["tries"] -= 1
            if state["tries"] <= 0:
                return _restart(request, _("Đã nhập sai mã quá số lần cho phép; hãy yêu cầu mã mới."))
            request.session[SESSION_KEY] = state
            form.add_error("code", _("Mã không đúng. Còn %(n)s lần thử.") % {"n": state["tries"]})
        else:
            services.reset_password_by_phone(user, form.cleaned_data["password1"], phone=state["phone"])
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Đã đặt mật khẩu mới. Hãy đăng nhập bằng số điện thoại và mật khẩu mới."))
            return redirect("account_login")
    return render(request, "citizens/phone_reset_confirm.html",
                  {"form": form, "phone": state["phone"], **entrance_context()})
