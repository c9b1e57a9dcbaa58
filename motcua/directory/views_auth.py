"""Officials' sign-in: password, then TOTP for the roles that need it (enrolment by QR code)."""

from django import forms
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from .twofactor import confirm, has_device, pending_device, qr_data_uri, requires_two_factor


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực (6 chữ số trên ứng dụng)"), regex=r"^\d{6}$", max_length=6,
        error_messages={"invalid": _("Mã xác thực gồm 6 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _second_step(request, target: str):
    if not requires_two_factor(request.user):
        return redirect(target)
    step = "directory:otp" if has_device(request.user) else "directory:enrol"
    return redirect(f"{reverse(step)}?{urlencode({'next': target})}")


def login_view(request):
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return _second_step(request, _next(request))
    return render(request, "directory/login.html", {"form": form, "next": _next(request)})


@login_required
def otp_view(request):
    if request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "directory/otp.html", {"form": form, "next": _next(request)})


@login_required
def enrol_view(request):
    if has_device(request.user):
        return redirect(f"{reverse('directory:otp')}?{urlencode({'next': _next(request)})}")
    device = pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if confirm(device, form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã xác thực không đúng: hãy kiểm tra giờ trên điện thoại và thử lại."))
    context = {"form": form, "next": _next(request), "qr": qr_data_uri(device), "secret": device.config_url}
    return render(request, "directory/enrol.html", context)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/")


def admin_login_redirect(request):
    """The admin signs in through the same door, so that its second factor is the same too."""
    return redirect(f"{reverse('directory:login')}?{urlencode({'next': request.GET.get('next', '/admin/')})}")
