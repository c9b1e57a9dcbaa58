"""allauth's forms with Vietnamese labels and messages, plus what a citizen's account needs.

allauth ships no Vietnamese catalog, so every label a citizen reads is set here (through gettext).
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import (
    LoginForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SignupForm,
    VerifyPhoneForm,
)
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import CitizenKind
from .validators import clean_tax_code

PASSWORD_MISMATCH = _("Hai lần nhập mật khẩu không giống nhau.")


def relabel(form: forms.Form, labels: dict) -> None:
    """Vietnamese labels; no placeholders (a placeholder is not a label and vanishes while typing)."""
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


def same_password_check(form: forms.Form) -> None:
    """allauth words the mismatch in English; say it in Vietnamese instead."""
    p1, p2 = form.data.get(form.add_prefix("password1")), form.data.get(form.add_prefix("password2"))
    if p1 and p2 and p1 != p2:
        form._errors.pop("password2", None)
        form.add_error("password2", PASSWORD_MISMATCH)


def forgot_password_link():
    return format_html('<a href="{}">{}</a>', reverse("account_reset_password"), _("Quên mật khẩu?"))


class CitizenLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {
            "login": _("Thư điện tử hoặc số điện thoại di động"),
            "password": _("Mật khẩu"),
        })
        self.fields["login"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none",
                                                   "spellcheck": "false"})
        self.fields["password"].help_text = forgot_password_link()


class CitizenSignupForm(SignupForm):
    kind = forms.TypedChoiceField(
        label=_("Bạn đăng ký với tư cách"), choices=CitizenKind.choices, initial=CitizenKind.PERSON,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150,
        help_text=_("Với tổ chức: họ và tên người đại diện hoặc người liên hệ."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation_name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"), max_length=255, required=False,
        help_text=_("Chỉ với tài khoản tổ chức."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"), max_length=20, required=False,
        help_text=_("Chỉ với tài khoản tổ chức: 10 chữ số, hoặc dạng 0101234567-001 với chi nhánh."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    field_order = ["kind", "full_name", "organisation_name", "tax_code", "email", "phone", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {
            "email": _("Thư điện tử"),
            "phone": _("Số điện thoại di động"),
            "password1": _("Mật khẩu"),
            "password2": _("Nhập lại mật khẩu"),
        })
        if "email" in self.fields:
            self.fields["email"].help_text = _("Nhập thư điện tử, số điện thoại di động, hoặc cả hai.")
        if "phone" in self.fields:
            self.fields["phone"].help_text = _("Chúng tôi gửi mã xác minh qua tin nhắn tới số này.")

    def validate_unique_email(self, value):
        # Taken: no error on the form (that would tell anyone which addresses have accounts); the owner
        # gets an "account already exists" mail and this page says "check your mail", as for a new one.
        from allauth.account.internal.userkit import filter_users_by_email

        self._email_taken = bool(filter_users_by_email(value))
        self.account_already_exists = self.account_already_exists or self._email_taken
        return get_adapter().validate_unique_email(value)

    def try_save(self, request):
        if self.account_already_exists:
            from allauth.account.internal.flows.signup import prevent_enumeration

            data = self.cleaned_data
            email = data.get("email") if getattr(self, "_email_taken", False) else None
            phone = data.get("phone") if getattr(self, "_phone_taken", False) else None
            return None, prevent_enumeration(request, email=email, phone=phone)
        return super().try_save(request)

    def clean_tax_code(self):
        value = self.cleaned_data.get("tax_code", "")
        return clean_tax_code(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        same_password_check(self)
        phone = data.get("phone")
        self._phone_taken = bool(phone and get_adapter().get_user_by_phone(phone))
        if not self.errors.get("email") and not self.errors.get("phone") \
                and not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Cần có thư điện tử hoặc số điện thoại di động để đăng nhập."))
        if data.get("kind") == CitizenKind.ORGANISATION:
            if not data.get("organisation_name"):
                self.add_error("organisation_name", _("Nhập tên tổ chức, doanh nghiệp."))
            if not data.get("tax_code") and "tax_code" not in self.errors:
                self.add_error("tax_code", _("Tài khoản tổ chức cần mã số thuế."))
        return data

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        data = self.cleaned_data
        services.open_local_account(
            user, kind=data["kind"], full_name=data["full_name"],
            organisation_name=data.get("organisation_name", ""), tax_code=data.get("tax_code", ""),
        )


class CitizenResetPasswordForm(ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"email": _("Thư điện tử đã đăng ký")})


class CitizenResetPasswordKeyForm(ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"password1": _("Mật khẩu mới"), "password2": _("Nhập lại mật khẩu mới")})

    def clean(self):
        data = super().clean()
        same_password_check(self)
        return data


class CitizenVerifyPhoneForm(VerifyPhoneForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"code": _("Mã xác minh (6 chữ số trong tin nhắn)")})
        self.fields["code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})
